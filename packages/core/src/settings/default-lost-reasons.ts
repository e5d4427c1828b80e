import type { LostReason } from "./lost-reasons.ts";

type DefaultReason = Pick<LostReason, "key" | "label" | "labelZh" | "active" | "outcomes">;

/** What a team uses until an admin stores its own list (the first stored reason replaces all of these). */
export const defaultLostReasons: DefaultReason[] = [
  { key: "price", label: "Price too high", labelZh: "价格过高", active: true, outcomes: ["lost"] },
  { key: "competitor", label: "Lost to a competitor's product", labelZh: "竞品胜出", active: true, outcomes: ["lost"] },
  { key: "no_budget", label: "No budget", labelZh: "无预算", active: true, outcomes: ["lost"] },
  { key: "project_delayed", label: "Project postponed or cancelled", labelZh: "项目延期或取消", active: true, outcomes: ["lost"] },
  { key: "no_decision", label: "No decision made", labelZh: "客户未决策", active: true, outcomes: ["lost"] },
  { key: "relationship", label: "Lost the relationship / contact left", labelZh: "关系丢失", active: true, outcomes: ["lost"] },
  { key: "duplicate", label: "Duplicate of another deal", labelZh: "重复商机", active: true, outcomes: ["invalid"] },
  { key: "not_a_deal", label: "Not a real opportunity (test, spam, no need)", labelZh: "无效需求", active: true, outcomes: ["invalid"] },
  { key: "other", label: "Other (explain in the note)", labelZh: "其他", active: true, outcomes: ["lost", "invalid"] },
];

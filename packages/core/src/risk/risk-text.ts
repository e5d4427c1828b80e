import type { Stage } from "../pipeline/pipeline.ts";
import type { UnmetRequirement } from "../opportunity/gate.ts";
import type { DealFacts, NextAction, Text } from "./risk-types.ts";

const fieldZh: Record<string, string> = {
  amount: "金额", currency: "币种", expectedCloseDate: "预计成交日期", probability: "赢率", priority: "优先级", needs: "需求",
  budget: "预算", decisionProcess: "决策流程", nextStep: "下一步", contacts: "采购委员会", competitors: "竞争对手", teamMemberIds: "协作成员",
};
export const roleZh: Record<string, string> = { decision_maker: "决策人", influencer: "影响者", supporter: "支持者", opponent: "反对者", user: "使用者", gatekeeper: "把关人" };
const activityZh: Record<string, string> = { call: "电话", meeting: "会议", visit: "拜访", email: "邮件", note: "备注", task: "任务" };

/** Days as people read them: one decimal. */
export const shown = (d: number) => String(Math.round(d * 10) / 10);

export function currentStage(f: DealFacts): Stage | undefined {
  return f.stages.find((s) => s.key === f.deal.stage);
}

export function stageName(f: DealFacts, key: string): Text {
  if (key === "won") return { en: "Won", zh: "赢单" };
  const stage = f.stages.find((s) => s.key === key);
  return { en: stage?.name ?? key, zh: stage?.nameZh ?? stage?.name ?? key };
}

/** An unmet gate item as an action; the English is gate.ts's own message, the Chinese is composed here. */
export function gateAction(u: UnmetRequirement): NextAction {
  const zh =
    u.kind === "field" ? `补填「${fieldZh[u.key] ?? u.key}」，才能进入下一阶段`
    : u.kind === "role" ? `在采购委员会中加入${roleZh[u.key] ?? u.key}，才能进入下一阶段`
    : `在本阶段记录一次${activityZh[u.key] ?? u.key}，才能进入下一阶段`;
  return { en: u.message, zh, source: "gate" };
}

/**
 * The current stage's playbook (its guidance) when it has one, else the rule's own advice. Guidance is stored in
 * one language, so the Chinese text quotes it as written.
 */
export function playbookAction(f: DealFacts, fallback: Text): NextAction {
  const stage = currentStage(f);
  const guidance = stage?.guidance?.trim();
  if (!guidance) return { ...fallback, source: "rule" };
  return { en: guidance, zh: `按「${stage?.nameZh ?? stage?.name}」阶段打法：${guidance}`, source: "playbook" };
}

/** The first unmet item of the next gate that `pick` accepts, else the playbook, else the fallback. */
export function gateOrPlaybook(f: DealFacts, fallback: Text, pick: (u: UnmetRequirement) => boolean = () => true): NextAction {
  const unmet = f.gate.unmet.find(pick);
  return unmet ? gateAction(unmet) : playbookAction(f, fallback);
}

import { days, roundDays } from "../analytics/journey.ts";
import { currentStage, gateOrPlaybook, playbookAction, shown, stageName } from "./risk-text.ts";
import type { DealFacts, RiskAlert, RiskOptions } from "./risk-types.ts";

/** stalled: longer in the current stage than `stallFactor` × the stage norm; over twice that is high. */
export function stalled(f: DealFacts, o: RiskOptions): RiskAlert | null {
  if (!f.norm) return null;
  const inStage = days(f.deal.stageEnteredAt, f.now);
  const limit = f.norm.days * o.stallFactor;
  if (inStage <= limit) return null;
  const name = stageName(f, f.deal.stage);
  const normText = f.norm.source === "history" ? { en: "the team's median", zh: "团队中位数" } : { en: "the stage SLA", zh: "阶段时限" };
  return {
    code: "stalled",
    severity: inStage > 2 * limit ? "high" : "medium",
    message: {
      en: `In "${name.en}" for ${shown(inStage)} days, over ${o.stallFactor}× ${normText.en} of ${shown(f.norm.days)} days`,
      zh: `已在「${name.zh}」停留 ${shown(inStage)} 天，超过${normText.zh}（${shown(f.norm.days)} 天）的 ${o.stallFactor} 倍`,
    },
    facts: { stage: f.deal.stage, stageEnteredAt: f.deal.stageEnteredAt, daysInStage: roundDays(inStage), normDays: roundDays(f.norm.days), normSource: f.norm.source, normStays: f.norm.stays, limitDays: roundDays(limit) },
    // What keeps it in the stage is usually the gate to the next one; otherwise the stage's playbook.
    action: gateOrPlaybook(f, { en: "Agree a dated next step with the buyer, or close the deal if it is dead", zh: "与客户约定有日期的下一步；如已无希望，请关闭商机" }),
  };
}

/** Activities that happened: in the past, and not a task still to do. */
function touches(f: DealFacts): number[] {
  const now = Date.parse(f.now);
  return f.activities.filter((a) => !(a.type === "task" && !a.done)).map((a) => Date.parse(a.occurredAt)).filter((t) => t <= now);
}

/** no_activity: nothing logged on the deal for `noActivityDays`, counted from its creation when nothing ever was. */
export function noActivity(f: DealFacts, o: RiskOptions): RiskAlert | null {
  const logged = touches(f);
  const last = Math.max(Date.parse(f.deal.createdAt), ...logged);
  const idle = (Date.parse(f.now) - last) / 86_400_000;
  if (idle <= o.noActivityDays) return null;
  const wanted = currentStage(f)?.requiredActivities ?? [];
  return {
    code: "no_activity",
    severity: idle > 2 * o.noActivityDays ? "high" : "medium",
    message: { en: `No activity logged for ${shown(idle)} days`, zh: `已有 ${shown(idle)} 天没有任何跟进记录` },
    facts: { daysSinceLastActivity: roundDays(idle), lastActivityAt: logged.length ? new Date(Math.max(...logged)).toISOString() : null, thresholdDays: o.noActivityDays },
    // An activity the next gate still needs is the most useful one to log.
    action: gateOrPlaybook(f, { en: "Call the main contact and book the next meeting", zh: "致电主要联系人并约定下一次会面" }, (u) => u.kind === "activity" && wanted.includes(u.key as never)),
  };
}

/**
 * close_date_slipped: pushed later at least twice (medium), or already in the past while the deal is open (high).
 * Slips are the deal's own counters, written with every edit that moves the date later (setting the first date or
 * pulling it in is not a slip; opportunity/close-date-slip.ts), the same figures the velocity report reads.
 */
export function closeDateSlipped(f: DealFacts): RiskAlert | null {
  const slips = f.deal.closeDateSlips ?? 0;
  const slippedDays = f.deal.closeDateSlippedDays ?? 0;
  const date = f.deal.expectedCloseDate;
  const inPast = date !== undefined && date < f.now.slice(0, 10);
  if (slips < 2 && !inPast) return null;
  const message = inPast
    ? { en: `The expected close date ${date} has passed and the deal is still open`, zh: `预计成交日期 ${date} 已过，商机仍未关闭` }
    : { en: `The close date was pushed out ${slips} times (${Math.round(slippedDays)} days in all)`, zh: `预计成交日期已推迟 ${slips} 次（共 ${Math.round(slippedDays)} 天）` };
  return {
    code: "close_date_slipped",
    severity: inPast ? "high" : "medium",
    message,
    facts: { expectedCloseDate: date ?? null, inPast, slips, slippedDays: Math.round(slippedDays) },
    action: playbookAction(f, { en: "Confirm the close date with the decision maker and set one you can defend", zh: "与决策人确认成交时间，填写有把握的预计成交日期" }),
  };
}

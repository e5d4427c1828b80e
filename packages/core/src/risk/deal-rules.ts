import { currentStage, gateAction, roleZh, stageName } from "./risk-text.ts";
import type { DealFacts, RiskAlert } from "./risk-types.ts";

/** Late = the back half of the pipeline (from the middle stage on), where a surprise costs the most. */
export function isLateStage(f: DealFacts): boolean {
  const i = f.stages.findIndex((s) => s.key === f.deal.stage);
  return i >= 0 && i >= Math.floor(f.stages.length / 2);
}

/** no_decision_maker: nobody on the buying committee has the decision_maker role; high when the next gate needs one or the deal is late. */
export function noDecisionMaker(f: DealFacts): RiskAlert | null {
  const contacts = f.deal.contacts ?? [];
  if (contacts.some((c) => c.role === "decision_maker")) return null;
  const gateNeedsOne = f.gate.unmet.find((u) => u.kind === "role" && u.key === "decision_maker");
  return {
    code: "no_decision_maker",
    severity: gateNeedsOne || isLateStage(f) ? "high" : "medium",
    message: { en: "No decision maker on the buying committee", zh: "采购委员会中没有决策人" },
    facts: { roles: [...new Set(contacts.map((c) => c.role))].sort(), gateRequiresIt: Boolean(gateNeedsOne) },
    action: gateNeedsOne ? gateAction(gateNeedsOne) : { en: "Find out who signs and add them to the buying committee as decision maker", zh: `弄清谁拍板签字，并将其作为${roleZh.decision_maker}加入采购委员会`, source: "rule" },
  };
}

/** single_threaded: fewer than two contacts on the deal (none at all is worse than one), so it hangs on one person. */
export function singleThreaded(f: DealFacts): RiskAlert | null {
  const n = (f.deal.contacts ?? []).length;
  if (n >= 2) return null;
  return {
    code: "single_threaded",
    severity: isLateStage(f) ? "medium" : "low",
    message: n === 0 ? { en: "No contact on the deal", zh: "商机上没有任何联系人" } : { en: "Only one contact on the deal", zh: "商机只有一位联系人" },
    facts: { contacts: n },
    action: { en: "Meet a second stakeholder (a user or an influencer) and add them to the buying committee", zh: "再结识一位相关人（使用者或影响者），并加入采购委员会", source: "rule" },
  };
}

/** competitor_present: a competitor priced lower, or any competitor once the deal is late; both at once is high. */
export function competitorPresent(f: DealFacts): RiskAlert | null {
  const all = f.deal.competitors ?? [];
  const cheaper = all.filter((c) => c.pricePosition === "lower");
  const late = isLateStage(f);
  if (cheaper.length === 0 && !(late && all.length > 0)) return null;
  const named = cheaper.length ? cheaper : all;
  const names = named.map((c) => c.name).join(", ");
  const stage = stageName(f, f.deal.stage);
  const message = cheaper.length
    ? { en: `Competitor priced lower: ${names}`, zh: `有报价更低的竞争对手：${names}` }
    : { en: `Competitor still in the deal at "${stage.en}": ${names}`, zh: `商机已到「${stage.zh}」，仍有竞争对手：${names}` };
  const known = named.find((c) => c.weaknesses?.trim());
  return {
    code: "competitor_present",
    severity: cheaper.length && late ? "high" : "medium",
    message,
    facts: { competitors: all.map((c) => ({ name: c.name, pricePosition: c.pricePosition ?? null })), lowerPriced: cheaper.map((c) => c.name), lateStage: late },
    action: known
      ? { en: `Position against ${known.name} on its weaknesses: ${known.weaknesses?.trim()}`, zh: `针对 ${known.name} 的弱点进行差异化：${known.weaknesses?.trim()}`, source: "rule" }
      : { en: `Record where ${named[0]?.name} is weak and sell value beyond price`, zh: `记录 ${named[0]?.name} 的弱点，突出价格以外的价值`, source: "rule" },
  };
}

/** gate_missing: the gate to the next stage (or to won, from the last stage) still has unmet requirements. */
export function gateMissing(f: DealFacts): RiskAlert | null {
  const { unmet, nextStage } = f.gate;
  const first = unmet[0];
  if (!first) return null;
  const next = stageName(f, nextStage);
  const from = currentStage(f)?.name ?? f.deal.stage;
  return {
    code: "gate_missing",
    severity: "medium",
    message: {
      en: `${unmet.length} requirement(s) to move from "${from}" to "${next.en}" still unmet: ${unmet.map((u) => u.key).join(", ")}`,
      zh: `进入「${next.zh}」前还有 ${unmet.length} 项要求未满足：${unmet.map((u) => u.key).join(", ")}`,
    },
    facts: { nextStage, unmet: unmet.map((u) => ({ kind: u.kind, key: u.key, stage: u.stage })) },
    action: gateAction(first),
  };
}

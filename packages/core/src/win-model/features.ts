import type { Features } from "./naive-bayes.ts";

/** What a deal's features are computed from: the deal, its account and the lead it came from. */
export interface FeatureFacts {
  deal: {
    stage: string;
    status: string;
    amount: number;
    ownerId?: string | undefined;
    stageEnteredAt: string;
    closedAt?: string | undefined;
    competitors?: unknown[] | undefined;
    contacts?: { role: string }[] | undefined;
  };
  account?: { industry?: string | undefined; size?: string | undefined } | null | undefined;
  leadSource?: string | undefined;
  now: string;
}

const amountBands: [number, string][] = [[50_000, "<50k"], [200_000, "50k-200k"], [1_000_000, "200k-1M"]];

export function amountBand(amount: number): string {
  return amountBands.find(([limit]) => amount < limit)?.[1] ?? "1M+";
}

/** Committee coverage: is a decision maker on the deal, and is it multi-threaded (three or more contacts)? */
export function committeeCoverage(contacts: readonly { role: string }[]): string {
  const dm = contacts.some((c) => c.role === "decision_maker");
  if (dm) return contacts.length >= 3 ? "dm_multi" : "dm";
  return contacts.length >= 2 ? "no_dm_multi" : "single_or_none";
}

/** Days in the current stage (or the stage it closed in), banded; Odoo's model leaves this signal out. */
export function timeInStageBand(facts: FeatureFacts): string {
  const until = facts.deal.status !== "open" && facts.deal.closedAt ? facts.deal.closedAt : facts.now;
  const days = (Date.parse(until) - Date.parse(facts.deal.stageEnteredAt)) / 86_400_000;
  return days < 7 ? "<7d" : days <= 30 ? "7-30d" : ">30d";
}

/** The model's inputs for one deal, open or closed (a closed deal's stage is the one it closed in). */
export function dealFeatures(facts: FeatureFacts): Features {
  const { deal } = facts;
  return {
    stage: deal.stage,
    source: facts.leadSource ?? "direct",
    industry: facts.account?.industry || "unknown",
    size: facts.account?.size || "unknown",
    amount: amountBand(deal.amount),
    owner: deal.ownerId ?? "unowned",
    competitor: deal.competitors?.length ? "present" : "none",
    committee: committeeCoverage(deal.contacts ?? []),
    timeInStage: timeInStageBand(facts),
  };
}

import type { Stage } from "../pipeline/pipeline.ts";
import type { UnmetRequirement } from "../opportunity/gate.ts";

export const riskCodes = ["stalled", "no_activity", "no_decision_maker", "single_threaded", "close_date_slipped", "competitor_present", "gate_missing"] as const;
export type RiskCode = (typeof riskCodes)[number];
export type Severity = "high" | "medium" | "low";

/** Every text a rep reads comes in both UI languages. */
export interface Text {
  en: string;
  zh: string;
}

/** What to do about an alert: from the next gate's unmet items, the stage playbook (guidance), or the rule itself. */
export interface NextAction extends Text {
  source: "gate" | "playbook" | "rule";
}

export interface RiskAlert {
  code: RiskCode;
  severity: Severity;
  message: Text;
  /** The stored facts that made the rule fire, so the alert can be checked by hand. */
  facts: Record<string, unknown>;
  action: NextAction;
}

/** The fields of an open deal the rules read. */
export interface RiskDeal {
  opportunityId: string;
  name: string;
  ownerId?: string | undefined;
  status: string;
  stage: string;
  stageEnteredAt: string;
  createdAt: string;
  amount: number;
  currency?: string | undefined;
  expectedCloseDate?: string | undefined;
  /** Moves of the close date to a later day, and the days they added (opportunity/close-date-slip.ts). */
  closeDateSlips?: number | undefined;
  closeDateSlippedDays?: number | undefined;
  contacts?: readonly { contactId: string; role: string }[] | undefined;
  competitors?: readonly { name: string; pricePosition?: string | undefined; weaknesses?: string | undefined }[] | undefined;
}

/** How long deals usually stay in a stage: the team's median of the last 180 days, else the stage's slaDays. */
export interface StageNorm {
  days: number;
  source: "history" | "sla";
  /** Completed stays the median was taken over (0 when the norm is the SLA). */
  stays: number;
}

/** Everything the rules judge one deal on; loading it is `risk-facts.ts`, judging it is pure. */
export interface DealFacts {
  deal: RiskDeal;
  /** The deal's pipeline, in order. */
  stages: readonly Stage[];
  activities: readonly { type: string; occurredAt: string; done?: boolean | undefined }[];
  norm: StageNorm | null;
  /** The gate the deal must pass to reach its next stage ("won" from the last one), as gate.ts checks it. */
  gate: { nextStage: string; unmet: readonly UnmetRequirement[] };
  now: string;
}

export interface RiskOptions {
  /** no_activity fires after this many days without a logged activity (fractions allowed). */
  noActivityDays: number;
  /** stalled fires past this multiple of the stage norm. */
  stallFactor: number;
}

export const defaultRiskOptions: RiskOptions = { noActivityDays: 14, stallFactor: 1.5 };

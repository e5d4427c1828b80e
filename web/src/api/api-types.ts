/** The API's record shapes as the client uses them (see packages/core/src/<aggregate> for the source of truth). */
export type Role = "admin" | "manager" | "rep";
export type ForecastCategory = "pipeline" | "best_case" | "commit" | "closed" | "omitted";

export interface Page<T> {
  items: T[];
  cursor: string | null;
}

export interface Me {
  userId: string;
  email: string;
  role: Role;
  teamId: string;
}

export interface Team {
  teamId: string;
  name: string;
}

export interface TeamMember {
  userId: string;
  name: string;
  email: string;
  role: Role;
  teamId: string;
  active?: boolean;
}

export interface Stage {
  key: string;
  name: string;
  nameZh?: string;
  probability: number;
  forecastCategory: ForecastCategory;
  guidance?: string;
}

export interface Pipeline {
  pipelineId: string;
  name: string;
  isDefault?: boolean;
  stages: Stage[];
}

export interface Opportunity {
  opportunityId: string;
  name: string;
  accountId: string;
  amount: number;
  currency: string;
  expectedCloseDate?: string;
  ownerId?: string;
  teamMemberIds?: string[];
  teamId: string;
  pipelineId: string;
  stage: string;
  probability: number;
  version: number;
}

export const leadStatuses = ["new", "assigned", "contacted", "qualified", "converted", "disqualified", "recycled"] as const;
export type LeadStatus = (typeof leadStatuses)[number];

export interface Lead {
  leadId: string;
  name: string;
  companyName?: string;
  email?: string;
  source: string;
  status: LeadStatus;
  totalScore?: number;
  grade?: string;
  ownerId?: string;
  createdAt: string;
}

export interface SignInResult {
  token: string;
  user: TeamMember;
}

/** A text the API gives in both languages (risk alerts, playbook actions). */
export interface Bilingual {
  en: string;
  zh: string;
}

/** GET /risks and /opportunities/{id}/risks (packages/core/src/risk/): one alert and its next best action. */
export interface RiskAlert {
  code: "stalled" | "no_activity" | "no_decision_maker" | "single_threaded" | "close_date_slipped" | "competitor_present" | "gate_missing";
  severity: "high" | "medium" | "low";
  message: Bilingual;
  action: Bilingual & { source: "gate" | "playbook" | "rule" };
}

export interface RiskyDeal {
  opportunityId: string;
  name: string;
  ownerId: string | null;
  stage: string;
  amount: number;
  currency: string | null;
  score: number;
  alerts: RiskAlert[];
}

/** GET /risks: the team's (or one rep's) open deals with alerts, most at risk first. */
export interface RiskList {
  teamId: string;
  checked: number;
  deals: RiskyDeal[];
}

/** GET /risks/deals?ids=: the named deals' alerts (a board's cards in view); ids unknown or out of view are missing. */
export interface DealRiskBatch {
  asOf: string;
  deals: (RiskyDeal & { status: string })[];
  missing: string[];
}

/** GET /settings/currency: the reporting currency and units of it per unit of each other currency. */
export interface CurrencyTable {
  reportingCurrency: string;
  rates: Record<string, number>;
  /** Null until an admin first saves the table (the defaults apply). */
  version: number | null;
}

/** GET /settings/lost-reasons: a team's reasons for closing lost or invalid (its own list, or the defaults). */
export interface LostReason {
  key: string;
  label: string;
  labelZh?: string;
  active: boolean;
  outcomes: ("lost" | "invalid")[];
  version?: number;
  /** False while the team still uses the built-in list. */
  stored: boolean;
}

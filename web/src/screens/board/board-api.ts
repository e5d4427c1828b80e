import type { ApiClient } from "../../api/api-client.ts";
import type { Opportunity, Pipeline, Stage, Team, TeamMember } from "../../api/api-types.ts";

/** A pipeline stage as the board reads it: its SLA and gate as well as its names (packages/core/src/pipeline). */
export interface BoardStage extends Stage {
  slaDays?: number;
  requiredFields?: string[];
  requiredActivities?: string[];
  requiredRoles?: string[];
}
export interface BoardPipeline extends Omit<Pipeline, "stages"> {
  stages: BoardStage[];
}

/** An open deal with the fields a card shows beyond the shared type. */
export interface BoardDeal extends Opportunity {
  stageEnteredAt?: string;
  createdAt?: string;
  updatedAt?: string;
}

export interface AccountRef {
  accountId: string;
  name: string;
}

/** GET /risks (packages/functions/src/api/routes/risk.routes.ts): ranked open deals with their alerts. */
export interface RiskAlert {
  code: "stalled" | "no_activity" | "no_decision_maker" | "single_threaded" | "close_date_slipped" | "competitor_present" | "gate_missing";
  severity: "high" | "medium" | "low";
  message: { en: string; zh: string };
  action: { en: string; zh: string; source: "gate" | "playbook" | "rule" };
}
export interface RiskList {
  teamId: string;
  deals: { opportunityId: string; score: number; alerts: RiskAlert[] }[];
}

/** GET /settings/currency: the reporting currency and units of it per unit of each other currency. */
export interface CurrencyTable {
  reportingCurrency: string;
  rates: Record<string, number>;
}

/** What a gate refusal (422 gate_blocked) lists in `details.unmet` (packages/core/src/opportunity/gate.ts). */
export interface UnmetRequirement {
  kind: "field" | "activity" | "role";
  key: string;
  stage: string;
  message: string;
}

/** The board's calls on the public API, typed. `teamId` is only sent when an admin looks at another team. */
export function boardApi(api: ApiClient) {
  return {
    pipelines: (teamId?: string) => api.listAll<BoardPipeline>("/pipelines", { teamId }),
    openDeals: (pipelineId: string, teamId?: string) => api.listAll<BoardDeal>("/opportunities", { status: "open", pipelineId, teamId }),
    accounts: (teamId?: string) => api.listAll<AccountRef>("/accounts", { teamId }),
    members: (teamId: string) => api.listAll<TeamMember>("/users", { teamId }),
    teams: () => api.listAll<Team>("/teams"),
    risks: (teamId?: string) => api.get<RiskList>("/risks", { teamId }),
    currency: () => api.get<CurrencyTable>("/settings/currency"),
    moveDeal: (opportunityId: string, version: number, stage: string) =>
      api.patch<BoardDeal>(`/opportunities/${encodeURIComponent(opportunityId)}`, { version, stage }),
  };
}
export type BoardApi = ReturnType<typeof boardApi>;

import type { ApiClient } from "../../api/api-client.ts";
import type { CurrencyTable, DealRiskBatch, Opportunity, Pipeline, Stage, Team, TeamMember } from "../../api/api-types.ts";

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
    dealRisks: (ids: readonly string[]) => api.get<DealRiskBatch>("/risks/deals", { ids: ids.join(",") }),
    currency: () => api.get<CurrencyTable>("/settings/currency"),
    moveDeal: (opportunityId: string, version: number, stage: string) =>
      api.patch<BoardDeal>(`/opportunities/${encodeURIComponent(opportunityId)}`, { version, stage }),
  };
}
export type BoardApi = ReturnType<typeof boardApi>;

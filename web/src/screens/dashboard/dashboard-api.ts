import { useQuery } from "@tanstack/react-query";
import type { CurrencyTable, Pipeline, RiskList, TeamMember } from "../../api/api-types.ts";
import { useSession } from "../../session/session-context.ts";
import { periodRange } from "./dashboard-period.ts";

/** Money a report could not convert to the reporting currency (no rate): listed, never added. */
export interface Unconverted {
  currency: string;
  items: number;
  amount: number;
}

interface CohortPeriod {
  teamId: string;
  pipelineId: string;
  from: string;
  to: string;
  currency: string;
  unconverted: Unconverted[];
}

export interface FunnelStage {
  stage: string;
  reached: number;
  reachedAmount: number;
  /** 0..1 of `reached` that went on to the next stage (the last stage: to won); null when none reached it. */
  conversionToNext: number | null;
  openNow: number;
  openAmount: number;
}

export interface FunnelReport extends CohortPeriod {
  deals: number;
  stages: FunnelStage[];
  won: number;
  wonAmount: number;
  overallConversion: number | null;
}

export interface ForecastFigures {
  deals: number;
  closed: number;
  commit: number;
  bestCase: number;
  pipeline: number;
  weighted: number;
  quota: number | null;
  attainment: number | null;
  coverage: number | null;
}

export interface ForecastReport {
  teamId: string;
  period: string;
  months: string[];
  currency: string;
  unconverted: Unconverted[];
  total: ForecastFigures;
  byMonth: (ForecastFigures & { month: string })[];
  byRep: (ForecastFigures & { ownerId: string })[];
}

/** GET /forecast/company (admins): every team's roll-up for the period against its quota, and the company's. */
export interface CompanyForecast {
  period: string;
  currency: string;
  unconverted: (Unconverted & { teamId: string })[];
  total: ForecastFigures;
  byTeam: (ForecastFigures & { teamId: string; teamName: string })[];
}

export interface Compliance {
  key: string;
  judged: number;
  met: number;
  breached: number;
  compliance: number | null;
}

export interface ResponseSlaReport {
  teamId: string;
  from: string;
  to: string;
  overall: Compliance & { medianMinutesToContact: number | null };
  byOwner: (Compliance & { medianMinutesToContact: number | null })[];
}

export interface StageSlaReport extends CohortPeriod {
  overall: Compliance;
  byStage: Compliance[];
  byOwner: Compliance[];
}

export interface WinRate {
  key: string;
  won: number;
  lost: number;
  winRate: number | null;
  wonAmount: number;
}

export interface WinLossReport extends CohortPeriod {
  overall: WinRate;
  invalid: number;
  byOwner: WinRate[];
  byCompetitor: WinRate[];
  lossReasons: { reason: string; count: number; amount: number }[];
  lostTo: { competitor: string; count: number; amount: number }[];
}






export interface LostReasonLabel {
  key: string;
  label: string;
  labelZh?: string;
}

/** What every dashboard read is about: a team (admins pick one) and a month or quarter. */
export interface DashboardScope {
  teamId: string;
  period: string;
}

const cohort = (s: DashboardScope) => ({ teamId: s.teamId, ...periodRange(s.period) });

/** The dashboard's reads, each its own query so one slow or failing report never blanks the others. */
export function useDashboardData(scope: DashboardScope) {
  const { api, me } = useSession();
  const key = (name: string) => ["dashboard", name, scope.teamId, scope.period] as const;
  return {
    funnel: useQuery({ queryKey: key("funnel"), queryFn: () => api.get<FunnelReport>("/analytics/funnel", cohort(scope)) }),
    forecast: useQuery({ queryKey: key("forecast"), queryFn: () => api.get<ForecastReport>("/forecast", { teamId: scope.teamId, period: scope.period }) }),
    responseSla: useQuery({ queryKey: key("response-sla"), queryFn: () => api.get<ResponseSlaReport>("/analytics/response-sla", cohort(scope)) }),
    stageSla: useQuery({ queryKey: key("stage-sla"), queryFn: () => api.get<StageSlaReport>("/analytics/stage-sla", cohort(scope)) }),
    winLoss: useQuery({ queryKey: key("win-loss"), queryFn: () => api.get<WinLossReport>("/analytics/win-loss", cohort(scope)) }),
    risks: useQuery({ queryKey: ["dashboard", "risks", scope.teamId], queryFn: () => api.get<RiskList>("/risks", { teamId: scope.teamId }) }),
    company: useQuery({ queryKey: ["dashboard", "company", scope.period], queryFn: () => api.get<CompanyForecast>("/forecast/company", { period: scope.period }), enabled: me.role === "admin" }),
  };
}

/** The reporting currency every report converts to, as the admin set it. */
export function useReportingCurrency() {
  const { api } = useSession();
  return useQuery({ queryKey: ["dashboard", "currency"], queryFn: () => api.get<CurrencyTable>("/settings/currency"), staleTime: 5 * 60_000 });
}

/** The team's pipelines (for stage names), people (for owner names) and lost-reason labels. */
export function useTeamLookups(teamId: string) {
  const { api, me, members } = useSession();
  const own = teamId === me.teamId;
  const pipelines = useQuery({ queryKey: ["dashboard", "pipelines", teamId], queryFn: () => api.listAll<Pipeline>("/pipelines", { teamId }), staleTime: 5 * 60_000 });
  const people = useQuery({
    queryKey: ["dashboard", "users", teamId],
    queryFn: () => api.listAll<TeamMember>("/users", { teamId }),
    enabled: !own,
    staleTime: 5 * 60_000,
  });
  const reasons = useQuery({
    queryKey: ["dashboard", "lost-reasons", teamId],
    queryFn: () => api.get<{ items: LostReasonLabel[] }>("/settings/lost-reasons", { teamId }),
    staleTime: 5 * 60_000,
  });
  const directory = own ? members : (people.data ?? []);
  return {
    pipelineOf: (pipelineId: string | undefined) => pipelines.data?.find((p) => p.pipelineId === pipelineId) ?? pipelines.data?.[0],
    /** A stage by key in any of the team's pipelines (risky deals may sit in different ones). */
    stageOf: (key: string) => pipelines.data?.flatMap((p) => p.stages).find((s) => s.key === key),
    nameOf: (userId: string) => directory.find((m) => m.userId === userId)?.name,
    reasonOf: (key: string) => reasons.data?.items.find((r) => r.key === key),
  };
}

export type TeamLookups = ReturnType<typeof useTeamLookups>;

import type { ApiClient } from "../../api/api-client.ts";
import type { CurrencyTable, ForecastCategory, LostReason, Role } from "../../api/api-types.ts";

/**
 * The settings screens' view of the API (shapes from packages/core/src/{pipeline,scoring,assignment,team,user,
 * web-form,settings,currency,win-model,lead-sla,forecast}). Every write goes through the public routes; the server
 * validates and answers `{code, message, field}`, which the forms show next to the field it names.
 */

export const forecastCategories = ["pipeline", "best_case", "commit", "closed", "omitted"] as const satisfies readonly ForecastCategory[];
export const gateFields = ["amount", "currency", "expectedCloseDate", "probability", "priority", "needs", "budget", "decisionProcess", "nextStep", "contacts", "competitors", "teamMemberIds"] as const;
export const activityTypes = ["call", "meeting", "visit", "email", "note", "task"] as const;
export const committeeRoles = ["decision_maker", "influencer", "supporter", "opponent", "user", "gatekeeper"] as const;

export interface StageSettings {
  key: string;
  name: string;
  nameZh?: string;
  probability: number;
  forecastCategory: ForecastCategory;
  slaDays?: number;
  guidance?: string;
  requiredFields?: string[];
  requiredActivities?: string[];
  requiredRoles?: string[];
}

export interface PipelineSettings {
  pipelineId: string;
  teamId: string;
  name: string;
  businessLine?: string;
  isDefault?: boolean;
  allowSkip?: boolean;
  stages: StageSettings[];
  version: number;
}

export const fitFields = ["industry", "companySize", "title", "region", "source", "campaign", "tags", "email_domain", "companyName", "email", "phone"] as const;
export const fitOps = ["equals", "in", "contains", "exists"] as const;
export type FitOp = (typeof fitOps)[number];

export interface FitRule {
  field: string;
  op: FitOp;
  value?: string;
  values?: string[];
  points: number;
  label?: string;
}
export interface ScoringRules {
  teamId: string;
  fitRules: FitRule[];
  interestRules: { activityType: string; points: number }[];
  touchPoints: number;
  halfLifeDays: number;
  qualifyThreshold: number;
  grades: { A: number; B: number; C: number };
  source: "saved" | "defaults";
  version: number | null;
}
export interface RescoreReport {
  teamId: string;
  scanned: number;
  rescored: number;
  unchanged: number;
  qualified: number;
}

export const assignmentMethods = ["round_robin", "least_loaded"] as const;
export type AssignmentMethod = (typeof assignmentMethods)[number];
export interface TerritoryRule {
  teamId: string;
  match: { regions?: string[]; industries?: string[]; companySizes?: string[] };
}
export interface AssignmentSettings {
  territories: TerritoryRule[];
  methods: Record<string, AssignmentMethod>;
  source: "saved" | "teams";
  version: number | null;
}

export interface TeamRecord {
  teamId: string;
  name: string;
  managerId?: string;
  regions?: string[];
  industries?: string[];
  timezone?: string;
  version: number;
}

export interface UserRecord {
  userId: string;
  email: string;
  name: string;
  role: Role;
  teamId: string;
  active?: boolean;
  capacity?: number;
  locale?: "en" | "zh-CN";
  version: number;
}

export interface SlaSettings {
  teamId: string;
  timeZone: string;
  workingDays: number[];
  workStart: string;
  workEnd: string;
  holidays: string[];
  twentyFourSeven: boolean;
  responseTime: string;
  escalateAfter: string;
  poolAfter: string;
  version: number | null;
}

export const formFieldKeys = ["name", "email", "phone", "title", "companyName", "industry", "companySize", "region"] as const;
export type FormFieldKey = (typeof formFieldKeys)[number];
export interface WebFormField {
  key: FormFieldKey;
  labelEn?: string;
  labelZh?: string;
  required: boolean;
}
export interface WebForm {
  formId: string;
  teamId: string;
  name: string;
  campaign?: string;
  sourceTags?: string[];
  fields: WebFormField[];
  thankYouEn?: string;
  thankYouZh?: string;
  active: boolean;
  redirectUrl?: string;
  version: number;
  createdAt?: string;
}
export interface WebFormEmbed {
  snippet: string;
  link: string;
}

export const reasonOutcomes = ["lost", "invalid"] as const;
export interface LostReasonList {
  teamId: string;
  source: "team" | "defaults";
  items: LostReason[];
}


export const winModelFeatures = ["source", "industry", "size", "amount", "owner", "competitor", "committee", "timeInStage"] as const;
export type WinModelFeature = (typeof winModelFeatures)[number];
export interface WinModelSettings {
  teamId: string;
  features: WinModelFeature[];
  source: "saved" | "defaults";
  version: number | null;
}

export interface ForecastFigures {
  quota: number | null;
  ownerId?: string;
  month?: string;
}
export interface ForecastReport {
  teamId: string;
  period: string;
  currency: string;
  total: ForecastFigures;
  byMonth: (ForecastFigures & { month: string })[];
  byRep: (ForecastFigures & { ownerId: string })[];
}
export interface QuotaInput {
  teamId?: string;
  userId?: string;
  month: string;
  amount: number;
  currency?: string;
}

const enc = encodeURIComponent;

/** Typed calls for the settings screens. */
export function settingsApi(api: ApiClient) {
  return {
    pipelines: (teamId?: string) => api.listAll<PipelineSettings>("/pipelines", { teamId }),
    createPipeline: (body: { teamId: string; name: string; businessLine?: string; isDefault: boolean; allowSkip?: boolean; stages: StageSettings[] }) =>
      api.post<PipelineSettings>("/pipelines", body),
    updatePipeline: (id: string, body: { version: number; stages?: StageSettings[]; name?: string; allowSkip?: boolean }) =>
      api.patch<PipelineSettings>(`/pipelines/${enc(id)}`, body),

    scoring: (teamId: string) => api.get<ScoringRules>("/settings/scoring", { teamId }),
    saveScoring: (teamId: string, body: Omit<ScoringRules, "teamId" | "source" | "version"> & { version?: number }) =>
      api.put<ScoringRules>(`/settings/scoring?teamId=${enc(teamId)}`, body),
    rescore: (teamId: string) => api.post<RescoreReport>("/settings/scoring/rescore", {}, { teamId }),

    assignment: () => api.get<AssignmentSettings>("/settings/assignment"),
    saveAssignment: (body: { version?: number; territories: TerritoryRule[]; methods: Record<string, AssignmentMethod> }) =>
      api.put<AssignmentSettings>("/settings/assignment", body),

    teams: () => api.listAll<TeamRecord>("/teams"),
    createTeam: (body: { name: string; timezone?: string; regions?: string[] }) => api.post<TeamRecord>("/teams", body),
    users: (teamId?: string) => api.listAll<UserRecord>("/users", { teamId }),
    createUser: (body: { email: string; name: string; role: Role; teamId: string; capacity?: number }) => api.post<UserRecord>("/users", body),
    updateUser: (id: string, body: { version: number; role?: Role; teamId?: string; active?: boolean; capacity?: number }) =>
      api.patch<UserRecord>(`/users/${enc(id)}`, body),
    sla: (teamId: string) => api.get<SlaSettings>(`/teams/${enc(teamId)}/sla`),
    saveSla: (teamId: string, body: Partial<Omit<SlaSettings, "teamId" | "version">> & { version?: number }) =>
      api.put<SlaSettings>(`/teams/${enc(teamId)}/sla`, body),

    webForms: (teamId: string) => api.listAll<WebForm>("/web-forms", { teamId }),
    createWebForm: (body: Omit<WebForm, "formId" | "version" | "active" | "teamId"> & { teamId: string }) => api.post<WebForm>("/web-forms", body),
    updateWebForm: (id: string, body: Partial<Omit<WebForm, "formId" | "teamId" | "redirectUrl">> & { version: number; redirectUrl?: string | null }) =>
      api.patch<WebForm>(`/web-forms/${enc(id)}`, body),
    embed: (id: string, lang: "en" | "zh-CN") => api.get<WebFormEmbed>(`/web-forms/${enc(id)}/embed`, { lang }),

    lostReasons: (teamId: string) => api.get<LostReasonList>("/settings/lost-reasons", { teamId }),
    addLostReason: (body: { teamId: string; key: string; label: string; labelZh?: string; outcomes?: ("lost" | "invalid")[] }) =>
      api.post<LostReason>("/settings/lost-reasons", body),
    updateLostReason: (key: string, body: { teamId: string; version: number; label?: string; labelZh?: string; active?: boolean }) =>
      api.patch<LostReason>(`/settings/lost-reasons/${enc(key)}`, body),

    forecast: (teamId: string, period: string, ownerId?: string) => api.get<ForecastReport>("/forecast", { teamId, period, ownerId }),
    setQuota: (body: QuotaInput) => api.put<{ subject: string; amount: number }>("/quotas", body),

    currency: () => api.get<CurrencyTable>("/settings/currency"),
    saveCurrency: (body: { version?: number; reportingCurrency: string; rates: Record<string, number> }) => api.put<CurrencyTable>("/settings/currency", body),

    winModel: (teamId: string) => api.get<WinModelSettings>("/settings/win-model", { teamId }),
    saveWinModel: (teamId: string, body: { version?: number; features: WinModelFeature[] }) =>
      api.put<WinModelSettings>(`/settings/win-model?teamId=${enc(teamId)}`, body),
  };
}

export type SettingsApi = ReturnType<typeof settingsApi>;

import type { ApiClient } from "../../api/api-client.ts";
import type { LostReason, Opportunity, Pipeline, RiskAlert, Stage } from "../../api/api-types.ts";

/** The deal's record shapes as the 360° view reads them (packages/core/src/opportunity is the source of truth). */
export const committeeRoles = ["decision_maker", "influencer", "supporter", "opponent", "user", "gatekeeper"] as const;
export type CommitteeRole = (typeof committeeRoles)[number];
export const attitudes = ["positive", "neutral", "negative"] as const;
export type Attitude = (typeof attitudes)[number];
export const activityTypes = ["call", "meeting", "visit", "email", "note", "task"] as const;
export type ActivityType = (typeof activityTypes)[number];
export type DealStatus = "open" | "won" | "lost" | "invalid";
export type CloseOutcome = "won" | "lost" | "invalid";

export interface CommitteeMember {
  contactId: string;
  role: CommitteeRole;
  attitude?: Attitude;
}
export interface Competitor {
  name: string;
  strengths?: string;
  weaknesses?: string;
  pricePosition?: "lower" | "similar" | "higher";
}
export interface StageStay {
  seq: number;
  stage: string;
  fromStage?: string;
  kind?: string;
  reason?: string;
  enteredAt: string;
  leftAt?: string;
  leftFor?: string;
}
export interface Deal extends Opportunity {
  status: DealStatus;
  priority?: "A" | "B" | "C";
  forecastCategory?: string;
  needs?: string;
  budget?: string;
  decisionProcess?: string;
  nextStep?: string;
  contacts?: CommitteeMember[];
  competitors?: Competitor[];
  stageEnteredAt?: string;
  closeReason?: string;
  winningCompetitor?: string;
  closeNote?: string;
  stageHistory?: StageStay[];
  /** Its stage SLA ran out (the deal-flow timer flagged it): it may be released to the team pool. */
  stale?: boolean;
  /** In the team pool (公海): no owner until a rep claims it. */
  pooled?: boolean;
  pooledAt?: string;
  lastOwnerId?: string;
}
export interface GatedStage extends Stage {
  requiredFields?: string[];
  requiredActivities?: ActivityType[];
  requiredRoles?: CommitteeRole[];
}
export interface DealPipeline extends Pipeline {
  stages: GatedStage[];
  allowSkip?: boolean;
}
export interface Account {
  accountId: string;
  name: string;
}
export interface Contact {
  contactId: string;
  accountId: string;
  name: string;
  title?: string;
  reportsToContactId?: string;
  version: number;
}
export interface CommitteeNode {
  contactId: string;
  name: string | null;
  title: string | null;
  role: CommitteeRole | null;
  attitude: Attitude | null;
  onDeal: boolean;
}
export interface Committee {
  opportunityId: string;
  version: number;
  nodes: CommitteeNode[];
  edges: { from: string; to: string; kind: "reports_to" }[];
}
export interface TimelineItem {
  at: string;
  kind: "activity" | "stage" | "field" | "email";
  actor: string | null;
  summary: string;
  data: Record<string, unknown>;
}
export interface TimelinePage {
  items: TimelineItem[];
  before: string | null;
}
export interface WinFactor {
  feature: string;
  value: string;
  weight: number;
}
export interface WinProbability {
  probability: number | null;
  dealProbability: number;
  up: WinFactor[];
  down: WinFactor[];
}
export interface NewActivity {
  type: ActivityType;
  title: string;
  body?: string;
  mentions?: string[];
}
export type DealPatch = Partial<Pick<Deal, "name" | "amount" | "currency" | "expectedCloseDate" | "priority" | "probability" | "needs" | "budget" | "decisionProcess" | "nextStep" | "stage">>;
export type CloseInput =
  | { outcome: "won"; note?: string }
  | { outcome: "lost"; reasonKey: string; winningCompetitor: string; note?: string }
  | { outcome: "invalid"; reasonKey: string; note?: string };

const enc = encodeURIComponent;

/** Typed calls of the public API that the deal screen makes. */
export function dealApi(api: ApiClient) {
  const deal = (id: string) => `/opportunities/${enc(id)}`;
  return {
    deal: (id: string) => api.get<Deal>(deal(id)),
    pipeline: (pipelineId: string) => api.get<DealPipeline>(`/pipelines/${enc(pipelineId)}`),
    account: (accountId: string) => api.get<Account>(`/accounts/${enc(accountId)}`),
    contacts: (accountId: string) => api.listAll<Contact>("/contacts", { accountId }),
    committee: (id: string) => api.get<Committee>(`${deal(id)}/committee`),
    timeline: (id: string, before?: string) => api.get<TimelinePage>(`${deal(id)}/timeline`, { limit: 50, before }),
    winProbability: (id: string) => api.get<WinProbability>(`${deal(id)}/win-probability`),
    risks: (id: string) => api.get<{ alerts: RiskAlert[] }>(`${deal(id)}/risks`),
    lostReasons: () => api.get<{ items: LostReason[] }>("/settings/lost-reasons"),
    update: (id: string, version: number, patch: DealPatch) => api.patch<Deal>(deal(id), { version, ...patch }),
    putCommittee: (id: string, version: number, contacts: CommitteeMember[]) => api.put<Committee>(`${deal(id)}/committee`, { version, contacts }),
    createContact: (body: { accountId: string; name: string; title?: string }) => api.post<Contact>("/contacts", body),
    /** `managerId: null` removes the link (the contact then reports to nobody). */
    setReportsTo: (contact: Contact, managerId: string | null) => api.patch<Contact>(`/contacts/${enc(contact.contactId)}`, { version: contact.version, reportsToContactId: managerId }),
    logActivity: (id: string, a: NewActivity) => api.post<{ activityId: string }>("/activities", { ...a, subjectType: "opportunity", subjectId: id }),
    addCompetitor: (id: string, version: number, c: Competitor) => api.post<Deal>(`${deal(id)}/competitors`, { version, ...c }),
    removeCompetitor: (id: string, version: number, name: string) => api.delete<Deal>(`${deal(id)}/competitors/${enc(name)}?version=${version}`),
    addTeamMember: (id: string, version: number, userId: string) => api.post<Deal>(`${deal(id)}/members`, { version, userId }),
    removeTeamMember: (id: string, version: number, userId: string) => api.delete<Deal>(`${deal(id)}/members/${enc(userId)}?version=${version}`),
    release: (id: string, version: number, reason?: string) => api.post<Deal>(`${deal(id)}/release`, { version, ...(reason && { reason }) }),
    claim: (id: string) => api.post<Deal>("/pool/claim", { type: "opportunity", id }),
    close: (id: string, version: number, input: CloseInput) => api.post<Deal>(`${deal(id)}/close`, { version, ...input }),
    reopen: (id: string, version: number, reason: string) => api.post<Deal>(`${deal(id)}/reopen`, { version, reason }),
  };
}

export type DealApi = ReturnType<typeof dealApi>;

export const dealKeys = {
  deal: (id: string) => ["deal", id] as const,
  pipeline: (pipelineId: string) => ["deal", "pipeline", pipelineId] as const,
  account: (accountId: string) => ["deal", "account", accountId] as const,
  contacts: (accountId: string) => ["deal", "contacts", accountId] as const,
  committee: (id: string) => ["deal", id, "committee"] as const,
  timeline: (id: string) => ["deal", id, "timeline"] as const,
  win: (id: string) => ["deal", id, "win-probability"] as const,
  risks: (id: string) => ["deal", id, "risks"] as const,
  lostReasons: ["deal", "lost-reasons"] as const,
};

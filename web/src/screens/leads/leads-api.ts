import type { ApiClient } from "../../api/api-client.ts";
import type { LeadStatus, Page } from "../../api/api-types.ts";

/** One row of `GET /leads/queue` (packages/core/src/lead-sla/lead-queue.ts). */
export interface QueueItem {
  leadId: string;
  name: string;
  companyName: string | null;
  status: LeadStatus;
  totalScore: number;
  grade: string | null;
  /** Set while the first contact is outstanding. */
  slaDueAt: string | null;
  breachLevel: number;
  overdue: boolean;
}

/** A stored lead as `GET /leads/{id}` returns it (packages/core/src/lead/lead.entity.ts). */
export interface LeadRecord {
  leadId: string;
  teamId: string;
  version: number;
  source: string;
  campaign?: string;
  name: string;
  email?: string;
  phone?: string;
  title?: string;
  companyName?: string;
  industry?: string;
  companySize?: string;
  region?: string;
  tags?: string[];
  status: LeadStatus;
  ownerId?: string;
  fitScore?: number;
  interestScore?: number;
  totalScore?: number;
  grade?: string;
  slaDueAt?: string;
  assignedAt?: string;
  firstContactAt?: string;
  slaBreachLevel?: number;
  touchCount?: number;
  convertedOpportunityId?: string;
  convertedAccountId?: string;
  pooled?: boolean;
  createdAt: string;
}

export interface ScoreLine {
  kind: "fit" | "interest" | "touch";
  rule: string;
  points: number;
  decayedPoints: number;
  at?: string;
  ageDays?: number;
}

export interface LeadScoreView {
  stored: { fitScore: number; interestScore: number; totalScore: number; grade: string | null; scoredAt: string | null; qualifiedAt: string | null };
  current: { fitScore: number; interestScore: number; totalScore: number; grade: string; aboveThreshold: boolean; threshold: number; asOf: string; explanation: ScoreLine[] };
  rules: { source: "saved" | "defaults"; halfLifeDays: number; qualifyThreshold: number };
}

export interface LeadTouch {
  touchId: string;
  channel: string;
  campaign?: string;
  at: string;
  matchedBy: string;
  filled?: string[];
}

export interface MarketingActivity {
  eventId: string;
  activityType: string;
  at: string;
  url?: string;
  source: string;
}

export const touchTypes = ["call", "meeting", "visit", "email", "note"] as const;
export type TouchType = (typeof touchTypes)[number];

export interface LeadActivity {
  activityId: string;
  type: TouchType | "task";
  title: string;
  body?: string;
  authorId: string;
  occurredAt: string;
}

export interface PoolItem {
  id: string;
  name: string;
  pooledAt: string;
  lastOwnerId: string | null;
  reason: string | null;
  record: (Partial<LeadRecord> & { version?: number }) | null;
}

export interface ConversionPreview {
  convertible: boolean;
  blockedBy: "lead_already_converted" | "lead_not_qualified" | null;
  account: { accountId: string; name: string; domain?: string; matchedBy: "domain" | "name" } | null;
  contact: { contactId: string; name: string; email?: string } | null;
}

export interface ConvertInput {
  version: number;
  account?: { accountId: string } | { name: string };
  contact?: { name?: string; email?: string; title?: string };
  opportunity: { name?: string; amount?: number; currency?: string; expectedCloseDate?: string };
}

export interface Conversion {
  opportunity: { opportunityId: string; name: string };
  account: { accountId: string; name: string };
  contact: { contactId: string; name: string };
  matched: { account: "given" | "domain" | "name" | null; contact: boolean };
}

export const importFields = ["name", "email", "phone", "title", "companyName", "industry", "companySize", "region", "campaign", "tags"] as const;
export type ImportTarget = (typeof importFields)[number] | "skip";
export type RowOutcome = "create" | "touch" | "unchanged" | "error";

export interface ImportReport {
  dryRun: boolean;
  mapping: Record<string, string>;
  unmappedColumns: string[];
  rows: { row: number; outcome: RowOutcome; leadId?: string; errors: { field: string; message: string }[] }[];
  totals: Record<RowOutcome | "rows", number>;
}

const id = encodeURIComponent;

/** The leads screens' calls on the public API, typed. */
export function leadsApi(api: ApiClient) {
  return {
    queue: (ownerId?: string) => api.get<{ items: QueueItem[]; total: number }>("/leads/queue", { ownerId, limit: 500 }),
    team: (q: { status?: string | undefined; ownerId?: string | undefined; cursor?: string | undefined }) =>
      api.page<LeadRecord>("/leads", { status: q.status, ownerId: q.ownerId, cursor: q.cursor, limit: 100 }),
    pool: (cursor?: string) => api.page<PoolItem>("/pool", { type: "lead", cursor, limit: 100 }),
    claim: (leadId: string) => api.post<LeadRecord>("/pool/claim", { type: "lead", id: leadId }),
    release: (leadId: string, version: number, reason?: string) => api.post<LeadRecord>(`/leads/${id(leadId)}/release`, { version, ...(reason && { reason }) }),
    lead: (leadId: string) => api.get<LeadRecord>(`/leads/${id(leadId)}`),
    score: (leadId: string) => api.get<LeadScoreView>(`/leads/${id(leadId)}/score`),
    touches: (leadId: string) => api.get<{ items: LeadTouch[] }>(`/leads/${id(leadId)}/touches`),
    marketing: (leadId: string) => api.get<{ items: MarketingActivity[] }>(`/leads/${id(leadId)}/marketing-activities`),
    activities: (leadId: string) => api.page<LeadActivity>("/activities", { subjectType: "lead", subjectId: leadId, limit: 50 }),
    logTouch: (leadId: string, a: { type: TouchType; title: string; body?: string | undefined }) =>
      api.post<LeadActivity>("/activities", { subjectType: "lead", subjectId: leadId, type: a.type, title: a.title, ...(a.body && { body: a.body }) }),
    setStatus: (leadId: string, version: number, status: LeadStatus) => api.patch<LeadRecord>(`/leads/${id(leadId)}`, { version, status }),
    conversion: (leadId: string) => api.get<ConversionPreview>(`/leads/${id(leadId)}/conversion`),
    convert: (leadId: string, input: ConvertInput) => api.post<Conversion>(`/leads/${id(leadId)}/convert`, input),
    importCsv: (body: { csv: string; mapping?: Record<string, ImportTarget>; firstRow?: number }, dryRun: boolean) =>
      api.post<ImportReport>("/imports/leads", body, { dryRun }),
  };
}

export type LeadsApi = ReturnType<typeof leadsApi>;
export type { Page };

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type { LeadStatus } from "../../api/api-types.ts";
import { useSession } from "../../session/session-context.ts";
import type { LeadRecord, PoolItem, QueueItem } from "./leads-api.ts";
import { leadKeys, useLeadsApi } from "./use-leads-api.ts";

export type InboxView = "mine" | "team" | "pool";

/** One line of any of the three lists, whatever call it came from. */
export interface InboxRow {
  leadId: string;
  name: string;
  companyName?: string | undefined;
  email?: string | undefined;
  status: LeadStatus;
  totalScore: number;
  grade?: string | undefined;
  source?: string | undefined;
  ownerId?: string | undefined;
  /** First contact due (outstanding only). */
  slaDueAt?: string | undefined;
  pooledAt?: string | undefined;
}

/** The queue's rank (lead-queue.ts byUrgency): outstanding first contact, earliest due first; then score. */
export function byUrgency(a: InboxRow, b: InboxRow): number {
  if (a.slaDueAt && b.slaDueAt) return a.slaDueAt.localeCompare(b.slaDueAt) || b.totalScore - a.totalScore;
  if (a.slaDueAt || b.slaDueAt) return a.slaDueAt ? -1 : 1;
  return b.totalScore - a.totalScore || a.leadId.localeCompare(b.leadId);
}

const fromRecord = (l: Partial<LeadRecord> & { leadId: string; name: string }): InboxRow => ({
  leadId: l.leadId, name: l.name, companyName: l.companyName, email: l.email, status: l.status ?? "new", totalScore: l.totalScore ?? 0,
  grade: l.grade, source: l.source, ownerId: l.ownerId, slaDueAt: !l.firstContactAt && l.slaDueAt ? l.slaDueAt : undefined,
});

const fromQueue = (q: QueueItem, record: LeadRecord | undefined): InboxRow => ({
  ...(record && fromRecord(record)), leadId: q.leadId, name: q.name, companyName: q.companyName ?? undefined, status: q.status,
  totalScore: q.totalScore, grade: q.grade ?? undefined, slaDueAt: q.slaDueAt ?? undefined,
});

const fromPool = (p: PoolItem): InboxRow => ({ ...fromRecord({ ...p.record, leadId: p.id, name: p.name }), pooledAt: p.pooledAt, ownerId: p.lastOwnerId ?? undefined, slaDueAt: undefined });

/**
 * A rep's queue in the server's urgency order; the owner's lead records (one list call) add source and email,
 * which the queue items do not carry.
 */
export function useQueueRows(ownerId: string | undefined, enabled: boolean) {
  const leads = useLeadsApi();
  const { api, me } = useSession();
  return useQuery({
    queryKey: leadKeys.queue(ownerId),
    enabled,
    queryFn: async () => {
      const [queue, records] = await Promise.all([leads.queue(ownerId), api.listAll<LeadRecord>("/leads", { ownerId: ownerId ?? me.userId })]);
      const byId = new Map(records.map((r) => [r.leadId, r]));
      return queue.items.map((q) => fromQueue(q, byId.get(q.leadId)));
    },
  });
}

/** The team's leads, filtered on the server by status and owner, page by page. */
export function useTeamRows(status: string | undefined, ownerId: string | undefined, enabled: boolean) {
  const leads = useLeadsApi();
  return useInfiniteQuery({
    queryKey: leadKeys.team(status, ownerId),
    enabled,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => leads.team({ status, ownerId, cursor: pageParam }),
    getNextPageParam: (last) => last.cursor ?? undefined,
    select: (data) => ({ rows: data.pages.flatMap((p) => p.items.map(fromRecord)).sort(byUrgency), hasMore: data.pages.at(-1)?.cursor != null }),
  });
}

/** The team pool (公海), longest waiting first. */
export function usePoolRows(enabled: boolean) {
  const leads = useLeadsApi();
  return useInfiniteQuery({
    queryKey: leadKeys.pool(),
    enabled,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => leads.pool(pageParam),
    getNextPageParam: (last) => last.cursor ?? undefined,
    select: (data) => ({ rows: data.pages.flatMap((p) => p.items.map(fromPool)), hasMore: data.pages.at(-1)?.cursor != null }),
  });
}

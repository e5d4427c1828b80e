import { z } from "zod";
import { listTeam } from "../records/access.ts";
import type { Ctx } from "../records/context.ts";
import { page } from "../records/list.ts";
import { poolRecordTypes } from "./pool-entry.entity.ts";
import type { PoolableRecord, PoolRecordType } from "./pool-kinds.ts";

export const listPoolQuery = z.object({ type: z.enum(poolRecordTypes).default("opportunity"), teamId: z.string().optional() });

export interface PoolItem {
  type: PoolRecordType;
  id: string;
  name: string;
  pooledAt: string;
  releasedBy: string | null;
  lastOwnerId: string | null;
  reason: string | null;
  /** The record as it is now. */
  record: PoolableRecord | null;
}

async function recordsOf(ctx: Ctx, type: PoolRecordType, ids: string[]): Promise<Map<string, PoolableRecord>> {
  if (ids.length === 0) return new Map();
  if (type === "lead") {
    const { data } = await ctx.db.entities.lead.get(ids.map((leadId) => ({ leadId }))).go();
    return new Map(data.map((r) => [r.leadId, r as PoolableRecord]));
  }
  const { data } = await ctx.db.entities.opportunity.get(ids.map((opportunityId) => ({ opportunityId }))).go();
  return new Map(data.map((r) => [r.opportunityId, r as PoolableRecord]));
}

/** The team's pool of deals or leads, longest-waiting first: one Query on the pool index, then one batch read. */
export async function listPool(ctx: Ctx, q: z.infer<typeof listPoolQuery> & { limit: number; cursor?: string | undefined }) {
  const teamId = listTeam(ctx.actor, q.teamId);
  const entries = await page(ctx.db.entities.poolEntry.query.byTeamPooled({ teamId, recordType: q.type }), q);
  const records = await recordsOf(ctx, q.type, entries.items.map((e) => e.recordId));
  const items: PoolItem[] = entries.items.map((e) => ({
    type: e.recordType, id: e.recordId, name: e.name, pooledAt: e.pooledAt ?? "", releasedBy: e.releasedBy ?? null, lastOwnerId: e.lastOwnerId ?? null, reason: e.reason ?? null,
    record: records.get(e.recordId) ?? null,
  }));
  return { items, cursor: entries.cursor };
}

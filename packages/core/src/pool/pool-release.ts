import { z } from "zod";
import { transact, type TxWrite } from "../db/transact.ts";
import { ForbiddenError, UnprocessableError } from "../errors.ts";
import { assertReadable } from "../records/access.ts";
import type { Ctx } from "../records/context.ts";
import { domainEvent, entityOf, getRecord } from "../records/record-writer.ts";
import { parse, shortText } from "../records/schema.ts";
import { poolKinds, type PoolableRecord, type PoolRecordType } from "./pool-kinds.ts";
import { plannedUpdate } from "../records/record-plan.ts";

export const releaseSchema = z.object({ version: z.number().int().positive().optional(), reason: shortText.optional() }).strict();

/** Owners give up their own records; managers release any of their team's; admins any. */
function assertMayRelease(ctx: Ctx, record: PoolableRecord): void {
  const { role, userId, teamId } = ctx.actor;
  if (role === "admin" || (role === "manager" && teamId === record.teamId) || (record.ownerId && record.ownerId === userId)) return;
  throw new ForbiddenError("Only the owner or a manager of the team can release this record to the pool");
}

/**
 * Sends a stale deal or a recycled lead to its team's pool (公海): the owner is cleared and remembered (for
 * the claim cool-down), a pool entry makes it listable, and the release is audited, all in one transaction
 * conditional on the record's version. Publishes `<type>.released`.
 */
export async function releaseToPool(ctx: Ctx, type: PoolRecordType, id: string, raw: z.input<typeof releaseSchema> = {}): Promise<PoolableRecord> {
  const input = parse(releaseSchema, raw ?? {});
  const { kind, assertReleasable } = poolKinds[type];
  const record = assertReadable(ctx.actor, type, id, (await getRecord(ctx.db, kind, id)) as PoolableRecord | null);
  assertMayRelease(ctx, record);
  if (record.pooled) throw new UnprocessableError("already_pooled", `This ${type} is already in the team pool`, "pooled");
  assertReleasable(record);
  const at = ctx.clock.now().toISOString();
  const lastOwnerId = record.ownerId ?? record.lastOwnerId;
  const patch = { pooled: true, pooledAt: at, ...(lastOwnerId && { lastOwnerId }) };
  const update = plannedUpdate(ctx, kind, record, input.version ?? record.version, patch, { at, keyFields: [], remove: ["ownerId"], action: "release" });
  const entry = { recordType: type, recordId: id, teamId: record.teamId, name: record.name, pooledAt: at, releasedBy: ctx.actor.userId, lastOwnerId, reason: input.reason };
  const listed: TxWrite = { kind: "Put", params: entityOf(ctx.db, "poolEntry").put(entry).params(), onConditionFailed: () => new Error("pool entry write has no condition") };
  await transact(ctx.db, [...update.writes, listed]);
  const released = domainEvent(ctx, `${type}.released`, { [kind.idField]: id, teamId: record.teamId, lastOwnerId: lastOwnerId ?? null, releasedBy: ctx.actor.userId, reason: input.reason ?? null }, at);
  await ctx.publisher.publish([...update.events, released]);
  return update.record as PoolableRecord;
}

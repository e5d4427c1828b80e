import { z } from "zod";
import { transact, type TxWrite } from "../db/transact.ts";
import { ConflictError, ForbiddenError, UnprocessableError } from "../errors.ts";
import { assertReadable } from "../records/access.ts";
import type { Ctx } from "../records/context.ts";
import { domainEvent, getRecord } from "../records/record-writer.ts";
import { parse } from "../records/schema.ts";
import { claimSlotFor } from "./claim-slots.ts";
import { poolRecordTypes } from "./pool-entry.entity.ts";
import { poolKinds, type PoolableRecord } from "./pool-kinds.ts";
import { getPoolSettings } from "./pool-settings.ts";
import { plannedUpdate } from "../records/record-plan.ts";

export const claimSchema = z.object({ type: z.enum(poolRecordTypes), id: z.string().min(1).max(64) }).strict();

const DAY = 86_400_000;

function assertCooledDown(ctx: Ctx, record: PoolableRecord, cooldownDays: number): void {
  if (record.lastOwnerId !== ctx.actor.userId || !record.pooledAt) return;
  const availableAt = new Date(Date.parse(record.pooledAt) + cooldownDays * DAY);
  if (ctx.clock.now() < availableAt) {
    throw new UnprocessableError("claim_cooldown", `You released or lost this record recently; you can claim it again from ${availableAt.toISOString()}`, "id", { availableAt: availableAt.toISOString() });
  }
}

/**
 * A rep takes a record from the team pool. Race-safe: the record's version, the pool entry's presence and the
 * rep's claim slot are all conditions of one transaction, so of two reps claiming at once one wins and the
 * other gets 409. Enforces the team's claim limit and the cool-down on records the rep released or lost.
 */
export async function claimFromPool(ctx: Ctx, raw: z.input<typeof claimSchema>): Promise<PoolableRecord> {
  const { type, id } = parse(claimSchema, raw);
  const { kind, claimKeyFields, claimPatch } = poolKinds[type];
  const record = assertReadable(ctx.actor, type, id, (await getRecord(ctx.db, kind, id)) as PoolableRecord | null);
  if (record.teamId !== ctx.actor.teamId) throw new ForbiddenError("You can claim only from your own team's pool", "id");
  if (!record.pooled) throw new ConflictError(`This ${type} is not in the pool any more: someone claimed it`, "id");
  const settings = await getPoolSettings(ctx, record.teamId);
  assertCooledDown(ctx, record, settings.cooldownDays);
  const at = ctx.clock.now().toISOString();
  const slot = await claimSlotFor(ctx, settings, { at, recordType: type, recordId: id });
  const update = plannedUpdate(ctx, kind, record, record.version, { ...claimPatch, ownerId: ctx.actor.userId, pooled: false }, { at, keyFields: claimKeyFields, remove: ["pooledAt"], action: "claim" });
  const taken = () => new ConflictError(`This ${type} was just claimed by someone else`, "id");
  const [recordWrite, ...audit] = update.writes;
  const unlisted: TxWrite = {
    kind: "Update",
    params: ctx.db.entities.poolEntry.patch({ recordType: type, recordId: id }).set({ claimedBy: ctx.actor.userId, claimedAt: at }).remove(["pooledAt"]).where((a, op) => op.exists(a.pooledAt)).params(),
    onConditionFailed: taken,
  };
  await transact(ctx.db, [...(recordWrite ? [{ ...recordWrite, onConditionFailed: taken }] : []), unlisted, slot, ...audit]);
  const claimed = domainEvent(ctx, `${type}.claimed`, { [kind.idField]: id, teamId: record.teamId, ownerId: ctx.actor.userId, previousOwnerId: record.lastOwnerId ?? null }, at);
  await ctx.publisher.publish([...update.events, claimed]);
  return update.record as PoolableRecord;
}


import { assertWritable, canRead } from "./access.ts";
import { UnprocessableError } from "../errors.ts";
import type { Ctx } from "./context.ts";
import { assertAssignableOwner } from "../user/user.ts";
import { getRecord, updateRecord, type RecordKind, type UpdateResult } from "./record-writer.ts";
import type { TxWrite } from "../db/transact.ts";
import type { DomainEvent } from "../ports/bus.ts";
import { assertReadable } from "./access.ts";
import { page } from "./list.ts";

type Item = Record<string, unknown> & { teamId: string; ownerId?: string | undefined; version: number };

/** Reads a team-scoped record the caller may see (404 otherwise). */
export async function readOwned<T extends Item>(ctx: Ctx, kind: RecordKind, id: string): Promise<T> {
  return assertReadable(ctx.actor, kind.type, id, (await getRecord(ctx.db, kind, id)) as T | null);
}

/** The owner a new record gets: the one asked for (checked), else the caller when they are on the team. */
export async function initialOwner(ctx: Ctx, teamId: string, requested: string | undefined): Promise<string | undefined> {
  if (requested) {
    await assertAssignableOwner(ctx, teamId, requested);
    return requested;
  }
  return ctx.actor.teamId === teamId ? ctx.actor.userId : undefined;
}

/** The team a new record lands in: the caller's, or the one an admin names. */
export function creationTeam(ctx: Ctx, requested: string | undefined): string {
  return requested && ctx.actor.role === "admin" ? requested : ctx.actor.teamId;
}

/**
 * The shared update path of owned records: write access, owner checks, version check, audit, events. `remove`
 * names attributes to delete (audited as old → null).
 */
export async function updateOwned<T extends Item>(
  ctx: Ctx,
  kind: RecordKind,
  id: string,
  input: { version: number } & Record<string, unknown>,
  opts: { keyFields: readonly string[]; remove?: readonly string[]; validate?: (current: T, patch: Record<string, unknown>) => Promise<void> | void; extra?: (r: UpdateResult) => TxWrite[]; events?: (r: UpdateResult) => DomainEvent[] },
): Promise<T> {
  const current = assertWritable(ctx.actor, kind.type, id, (await getRecord(ctx.db, kind, id)) as T | null);
  const { version, ...patch } = input;
  // A pooled record changes hands only through a claim, which enforces the claim limit and cool-down.
  if (current.pooled === true && patch.ownerId !== undefined) throw new UnprocessableError("pooled", `This ${kind.type} is in the team pool: claim it instead`, "ownerId");
  if (typeof patch.ownerId === "string" && patch.ownerId !== current.ownerId) await assertAssignableOwner(ctx, current.teamId, patch.ownerId);
  await opts.validate?.(current, patch);
  const { keyFields, remove, extra, events } = opts;
  return (await updateRecord(ctx, kind, current, version, patch, { keyFields, ...(remove && { remove }), ...(extra && { extra }), ...(events && { events }) })).record as T;
}

/**
 * One page of a query over a non-team index (owner, account, author), keeping only what the caller may read:
 * such an index can hold other teams' records.
 */
export async function pageVisible<T extends { teamId: string }>(ctx: Ctx, query: Parameters<typeof page<T>>[0], opts: Parameters<typeof page<T>>[1]) {
  const result = await page(query, opts);
  return { ...result, items: result.items.filter((i) => canRead(ctx.actor, i)) };
}

import type { Db } from "../db/service.ts";
import { transact, type TxWrite } from "../db/transact.ts";
import type { DomainEvent } from "../ports/bus.ts";
import type { Ctx } from "./context.ts";
import { diff, type FieldChange } from "./diff.ts";
import { entityOf, plannedCreate, plannedUpdate, staleVersion, type RecordKind } from "./record-plan.ts";

export { domainEvent, entityOf, type RecordKind } from "./record-plan.ts";

type Item = Record<string, unknown>;

export async function getRecord(db: Db, kind: RecordKind, id: string): Promise<Item | null> {
  const { data } = await entityOf(db, kind.entity).get({ [kind.idField]: id }).go();
  return data;
}

/**
 * Creates a record with its audit entry (and any extra writes, e.g. unique keys) in one transaction, then
 * publishes `<type>.created`.
 */
export async function createRecord(ctx: Ctx, kind: RecordKind, fields: Item, extra: TxWrite[] = []): Promise<Item> {
  const plan = plannedCreate(ctx, kind, fields, ctx.clock.now().toISOString());
  await transact(ctx.db, [...plan.writes, ...extra]);
  await ctx.publisher.publish(plan.events);
  return plan.record;
}

export interface UpdateResult {
  record: Item;
  changes: FieldChange[];
  at: string;
}

/**
 * Applies a patch to `current` if its version is still `expectedVersion` (else 409 and nothing is written),
 * with an audit entry and any extra writes in the same transaction, then publishes `<type>.updated` plus
 * `events` built from the result. `keyFields` are index composites ElectroDB needs to rebuild index keys.
 */
export async function updateRecord(
  ctx: Ctx,
  kind: RecordKind,
  current: Item,
  expectedVersion: number,
  patch: Item,
  opts: { keyFields?: readonly string[]; remove?: readonly string[]; extra?: (r: UpdateResult) => TxWrite[]; events?: (r: UpdateResult) => DomainEvent[] } = {},
): Promise<UpdateResult> {
  const id = String(current[kind.idField]);
  if (current.version !== expectedVersion) throw staleVersion(kind, id, current.version);
  // Attributes to delete (a link cleared with null) count as changes only when the record has them.
  const remove = (opts.remove ?? []).filter((f) => current[f] !== undefined);
  if (diff(current, patch).length === 0 && remove.length === 0) return { record: current, changes: [], at: String(current.updatedAt) };
  const at = ctx.clock.now().toISOString();
  const plan = plannedUpdate(ctx, kind, current, expectedVersion, patch, { at, keyFields: opts.keyFields ?? [], remove });
  const result = { record: plan.record, changes: plan.changes, at };
  await transact(ctx.db, [...plan.writes, ...(opts.extra?.(result) ?? [])]);
  await ctx.publisher.publish([...plan.events, ...(opts.events?.(result) ?? [])]);
  return result;
}

import type { Db, EntityName } from "../db/service.ts";
import { transact, type TxWrite } from "../db/transact.ts";
import { ConflictError } from "../errors.ts";
import type { DomainEvent } from "../ports/bus.ts";
import { newId, type Ctx } from "./context.ts";
import { creationChanges, diff, type FieldChange } from "./diff.ts";

type Item = Record<string, unknown>;
type Where = (attr: Record<string, unknown>, op: { eq(a: unknown, b: unknown): string }) => string;

/** The slice of an ElectroDB entity this writer uses; entities differ in attributes, not in these calls. */
interface LooseEntity {
  get(key: Item): { go(): Promise<{ data: Item | null }> };
  create(item: Item): { params(): Item };
  put(item: Item): { params(): Item };
  patch(key: Item): { set(values: Item): { where(fn: Where): { params(): Item } } };
}

export function entityOf(db: Db, name: EntityName): LooseEntity {
  return db.entities[name] as unknown as LooseEntity;
}

export interface RecordKind {
  /** Record type as named in events and audit entries ("lead", "opportunity"...). */
  type: string;
  entity: EntityName;
  idField: string;
}

export async function getRecord(db: Db, kind: RecordKind, id: string): Promise<Item | null> {
  const { data } = await entityOf(db, kind.entity).get({ [kind.idField]: id }).go();
  return data;
}

function auditWrite(ctx: Ctx, kind: RecordKind, id: string, teamId: string, action: string, at: string, changes: FieldChange[]): TxWrite {
  const entry = { auditId: newId(ctx), recordType: kind.type, recordId: id, teamId, action, actorId: ctx.actor.userId, at, changes };
  return { kind: "Put", params: entityOf(ctx.db, "audit").put(entry).params(), onConditionFailed: () => new Error("audit entry collision") };
}

export function domainEvent(ctx: Ctx, name: string, data: Record<string, unknown>, at: string): DomainEvent {
  return { id: newId(ctx), name, version: 1, occurredAt: at, actorId: ctx.actor.userId, data };
}

const bookkeeping = ["version", "createdAt", "updatedAt", "createdBy"] as const;

/**
 * Creates a record with its audit entry (and any extra writes, e.g. unique keys) in one transaction, then
 * publishes `<type>.created`.
 */
export async function createRecord(ctx: Ctx, kind: RecordKind, fields: Item, extra: TxWrite[] = []): Promise<Item> {
  const at = ctx.clock.now().toISOString();
  const id = typeof fields[kind.idField] === "string" ? (fields[kind.idField] as string) : newId(ctx);
  const record: Item = { ...fields, [kind.idField]: id, version: 1, createdAt: at, updatedAt: at, createdBy: ctx.actor.userId };
  const teamId = String(record.teamId);
  await transact(ctx.db, [
    {
      kind: "Put",
      params: entityOf(ctx.db, kind.entity).create(record).params(),
      onConditionFailed: () => new ConflictError(`${kind.type} ${id} already exists`, kind.idField),
    },
    auditWrite(ctx, kind, id, teamId, "create", at, creationChanges(record, [kind.idField, ...bookkeeping])),
    ...extra,
  ]);
  await ctx.publisher.publish([domainEvent(ctx, `${kind.type}.created`, { [kind.idField]: id, record }, at)]);
  return record;
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
  opts: { keyFields?: readonly string[]; extra?: (r: UpdateResult) => TxWrite[]; events?: (r: UpdateResult) => DomainEvent[] } = {},
): Promise<UpdateResult> {
  const id = String(current[kind.idField]);
  if (current.version !== expectedVersion) throw staleVersion(kind, id, current.version);
  const changes = diff(current, patch);
  if (changes.length === 0) return { record: current, changes, at: String(current.updatedAt) };
  const at = ctx.clock.now().toISOString();
  const record: Item = { ...current, ...Object.fromEntries(changes.map((c) => [c.field, c.new])), version: expectedVersion + 1, updatedAt: at };
  const composites = Object.fromEntries((opts.keyFields ?? []).map((f) => [f, record[f]]).filter(([, v]) => v !== undefined));
  const set = { ...composites, ...Object.fromEntries(changes.map((c) => [c.field, c.new])), version: expectedVersion + 1, updatedAt: at };
  const result = { record, changes, at };
  await transact(ctx.db, [
    {
      kind: "Update",
      params: entityOf(ctx.db, kind.entity)
        .patch({ [kind.idField]: id })
        .set(set)
        .where((attr, op) => op.eq(attr.version, expectedVersion))
        .params(),
      onConditionFailed: () => staleVersion(kind, id, undefined),
    },
    auditWrite(ctx, kind, id, String(record.teamId), "update", at, changes),
    ...(opts.extra?.(result) ?? []),
  ]);
  await ctx.publisher.publish([
    domainEvent(ctx, `${kind.type}.updated`, { [kind.idField]: id, changes, record }, at),
    ...(opts.events?.(result) ?? []),
  ]);
  return result;
}

function staleVersion(kind: RecordKind, id: string, actual: unknown): ConflictError {
  const now = typeof actual === "number" ? ` (it is at version ${actual})` : "";
  return new ConflictError(`${kind.type} ${id} was changed by someone else${now}; reload it and apply your change again`, "version", typeof actual === "number" ? { currentVersion: actual } : undefined);
}

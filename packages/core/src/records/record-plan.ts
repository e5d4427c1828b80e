import type { Db, EntityName } from "../db/service.ts";
import type { TxWrite } from "../db/transact.ts";
import { ConflictError } from "../errors.ts";
import type { DomainEvent } from "../ports/bus.ts";
import { newId, type Ctx } from "./context.ts";
import { creationChanges, diff, type FieldChange } from "./diff.ts";

type Item = Record<string, unknown>;
type Where = (attr: Record<string, unknown>, op: { eq(a: unknown, b: unknown): string }) => string;

/*
 * The writes and events of creating or updating one record, planned but not sent: `record-writer.ts` commits a
 * plan on its own; lead conversion and the pool put several plans in one transaction so they commit or fail
 * together. Either way: same audit entries, same events, same version rule.
 */

export interface RecordKind {
  /** Record type as named in events and audit entries ("lead", "opportunity"...). */
  type: string;
  entity: EntityName;
  idField: string;
}

/** The slice of an ElectroDB entity the writers use; entities differ in attributes, not in these calls. */
interface LooseEntity {
  get(key: Item): { go(): Promise<{ data: Item | null }> };
  create(item: Item): { params(): Item };
  put(item: Item): { params(): Item };
  patch(key: Item): { set(values: Item): { remove(fields: string[]): { where(fn: Where): { params(): Item } }; where(fn: Where): { params(): Item } } };
}

export function entityOf(db: Db, name: EntityName): LooseEntity {
  return db.entities[name] as unknown as LooseEntity;
}

export function domainEvent(ctx: Ctx, name: string, data: Record<string, unknown>, at: string): DomainEvent {
  return { id: newId(ctx), name, version: 1, occurredAt: at, actorId: ctx.actor.userId, data };
}

export function staleVersion(kind: RecordKind, id: string, actual: unknown): ConflictError {
  const now = typeof actual === "number" ? ` (it is at version ${actual})` : "";
  return new ConflictError(`${kind.type} ${id} was changed by someone else${now}; reload it and apply your change again`, "version", typeof actual === "number" ? { currentVersion: actual } : undefined);
}

export function auditWrite(ctx: Ctx, kind: RecordKind, id: string, teamId: string, action: string, at: string, changes: FieldChange[]): TxWrite {
  const entry = { auditId: newId(ctx), recordType: kind.type, recordId: id, teamId, action, actorId: ctx.actor.userId, at, changes };
  return { kind: "Put", params: entityOf(ctx.db, "audit").put(entry).params(), onConditionFailed: () => new Error("audit entry collision") };
}

export interface Planned {
  record: Item;
  writes: TxWrite[];
  events: DomainEvent[];
}

/** A new record (refused if its id exists), its audit entry and its `<type>.created` event. */
export function plannedCreate(ctx: Ctx, kind: RecordKind, fields: Item, at: string): Planned {
  const id = typeof fields[kind.idField] === "string" ? String(fields[kind.idField]) : newId(ctx);
  const record: Item = { ...fields, [kind.idField]: id, version: 1, createdAt: at, updatedAt: at, createdBy: ctx.actor.userId };
  const put: TxWrite = {
    kind: "Put",
    params: entityOf(ctx.db, kind.entity).create(record).params(),
    onConditionFailed: () => new ConflictError(`${kind.type} ${id} already exists`, kind.idField),
  };
  const changes = creationChanges(record, [kind.idField, "version", "createdAt", "updatedAt", "createdBy"]);
  return { record, writes: [put, auditWrite(ctx, kind, id, String(record.teamId), "create", at, changes)], events: [domainEvent(ctx, `${kind.type}.created`, { [kind.idField]: id, record }, at)] };
}

export interface UpdatePlan {
  at: string;
  /** Index composites ElectroDB needs to rebuild index keys. */
  keyFields: readonly string[];
  /** Attributes to delete (e.g. the owner of a record going to the pool). */
  remove?: string[];
  /** Audit action; "update" unless the change has a name of its own ("release", "claim", "convert"). */
  action?: string;
}

/** An update that applies only if the record is still at `expectedVersion` (else 409, and the whole transaction fails). */
export function plannedUpdate(ctx: Ctx, kind: RecordKind, current: Item, expectedVersion: number, patch: Item, plan: UpdatePlan): Planned & { changes: FieldChange[] } {
  const id = String(current[kind.idField]);
  const removed = (plan.remove ?? []).filter((f) => current[f] !== undefined);
  const changes = [...diff(current, patch), ...removed.map((field) => ({ field, old: current[field], new: null }))];
  const version = expectedVersion + 1;
  const record: Item = { ...current, ...Object.fromEntries(changes.map((c) => [c.field, c.new])), version, updatedAt: plan.at };
  for (const f of removed) delete record[f];
  const composites = Object.fromEntries(plan.keyFields.map((f) => [f, record[f]]).filter(([, v]) => v !== undefined));
  const set = { ...composites, ...Object.fromEntries(changes.filter((c) => c.new !== null).map((c) => [c.field, c.new])), version, updatedAt: plan.at };
  const patched = entityOf(ctx.db, kind.entity).patch({ [kind.idField]: id }).set(set);
  const sameVersion: Where = (attr, op) => op.eq(attr.version, expectedVersion);
  const params = removed.length > 0 ? patched.remove(removed).where(sameVersion).params() : patched.where(sameVersion).params();
  const stale = () => staleVersion(kind, id, undefined);
  return {
    record,
    changes,
    writes: [{ kind: "Update", params, onConditionFailed: stale }, auditWrite(ctx, kind, id, String(record.teamId), plan.action ?? "update", plan.at, changes)],
    events: [domainEvent(ctx, `${kind.type}.updated`, { [kind.idField]: id, changes, record }, plan.at)],
  };
}

import { activityKind } from "../activity/activity.ts";
import type { TxWrite } from "../db/transact.ts";
import { ConflictError } from "../errors.ts";
import { leadKind, type Lead } from "../lead/lead.ts";
import type { DomainEvent } from "../ports/bus.ts";
import type { Ctx } from "../records/context.ts";
import { domainEvent, entityOf, plannedCreate, plannedUpdate } from "../records/record-plan.ts";
import { holdMoveWrites, type LeadHold } from "./rep-load.ts";
import type { AssignmentMethod } from "./territory.ts";

export type AssignedBy = AssignmentMethod | "manual";
const leadKeyFields = ["teamId", "status", "createdAt", "ownerId"] as const;

export interface Handover {
  lead: Lead;
  /** The team the lead ends in (a territory rule may move it). */
  teamId: string;
  ownerId: string;
  method: AssignedBy;
  reason: string;
  /** The lead's load hold as read (its writes are conditional on it). */
  hold: LeadHold | undefined;
  /** The new owner's capacity: their count must stay below it. */
  capacity?: number | undefined;
  /** Automatic assignments move the team's cursor, conditionally on the version read (null: none yet). */
  cursor?: { version: number | null } | undefined;
}

export interface PlannedWrite {
  record: Lead;
  writes: TxWrite[];
  events: DomainEvent[];
}

/** The previous owner as people see it: the owner, or the one it was taken from when it sits in the pool. */
export const previousOwnerOf = (lead: Lead) => lead.ownerId ?? (lead.pooled ? lead.lastOwnerId : undefined);

function cursorWrite(ctx: Ctx, teamId: string, ownerId: string, read: number | null, at: string): TxWrite {
  const params = ctx.db.entities.assignmentCursor
    .put({ teamId, lastOwnerId: ownerId, version: (read ?? 0) + 1, updatedAt: at })
    .where((a, op) => (read === null ? op.notExists(a.version) : op.eq(a.version, read)))
    .params();
  return { kind: "Put", params, onConditionFailed: () => new ConflictError(`Another lead of team ${teamId} was being assigned at the same time; try again`, "teamId") };
}

/** A pooled lead that gets an owner leaves the pool the way a claim takes it out. */
function unpoolWrite(ctx: Ctx, lead: Lead, ownerId: string, at: string): TxWrite {
  const params = ctx.db.entities.poolEntry.patch({ recordType: "lead", recordId: lead.leadId }).set({ claimedBy: ownerId, claimedAt: at }).remove(["pooledAt"]).params();
  return { kind: "Update", params, onConditionFailed: () => new ConflictError(`Lead ${lead.leadId} has no pool entry to take it out of`, "leadId") };
}

/** The owner's to-do: make the first contact. Its id follows the lead version, so a retried write cannot add a second. */
function firstContactTask(ctx: Ctx, lead: Lead, teamId: string, ownerId: string, at: string) {
  const fields = {
    activityId: `first-contact-${lead.leadId}-v${lead.version + 1}`, teamId, subjectType: "lead", subjectId: lead.leadId, type: "task",
    title: `First contact: ${lead.name}`.slice(0, 200), dueAt: at, done: false, authorId: ownerId, occurredAt: at,
  };
  return plannedCreate(ctx, activityKind, fields, at);
}

/**
 * Everything one assignment writes, for one transaction: the lead (version-checked: owner, `assignedAt`,
 * status "assigned" when it was new or recycled, out of the pool), its audit entry ("assign", owner old → new),
 * the load hold and counts, the team cursor (automatic only), the first-contact task; then `lead.assigned`.
 */
export function plannedHandover(ctx: Ctx, h: Handover, at: string): PlannedWrite {
  const { lead, teamId, ownerId } = h;
  const pooled = lead.pooled === true;
  const patch = {
    ownerId, assignedAt: at,
    ...(teamId !== lead.teamId && { teamId }),
    ...((lead.status === "new" || lead.status === "recycled") && { status: "assigned" }),
    ...(pooled && { pooled: false }),
  };
  const update = plannedUpdate(ctx, leadKind, lead, lead.version, patch, { at, keyFields: leadKeyFields, remove: pooled ? ["pooledAt"] : [], action: "assign" });
  const task = firstContactTask(ctx, lead, teamId, ownerId, at);
  const hold = holdMoveWrites(ctx.db, { leadId: lead.leadId, hold: h.hold, toOwnerId: ownerId, leadVersion: lead.version + 1, capacity: h.capacity, at });
  const writes = [...update.writes, ...hold, ...task.writes, ...(pooled ? [unpoolWrite(ctx, lead, ownerId, at)] : []), ...(h.cursor ? [cursorWrite(ctx, teamId, ownerId, h.cursor.version, at)] : [])];
  const assigned = domainEvent(ctx, "lead.assigned", { leadId: lead.leadId, teamId, ownerId, previousOwnerId: previousOwnerOf(lead) ?? null, method: h.method, reason: h.reason }, at);
  return { record: update.record as Lead, writes, events: [...update.events, ...task.events, assigned] };
}

/**
 * Nobody can take the lead: it waits unowned in its team's pool (公海), listed like a released one, until a
 * rep claims it or a manager assigns it. Publishes `lead.released` as the pool does.
 */
export function plannedPooling(ctx: Ctx, lead: Lead, teamId: string, reason: string, at: string): PlannedWrite {
  const patch = { pooled: true, pooledAt: at, ...(teamId !== lead.teamId && { teamId }) };
  const update = plannedUpdate(ctx, leadKind, lead, lead.version, patch, { at, keyFields: leadKeyFields, remove: ["ownerId"], action: "release" });
  const entry = { recordType: "lead", recordId: lead.leadId, teamId, name: lead.name, pooledAt: at, releasedBy: ctx.actor.userId, reason, ...(lead.lastOwnerId && { lastOwnerId: lead.lastOwnerId }) };
  const listed: TxWrite = { kind: "Put", params: entityOf(ctx.db, "poolEntry").put(entry).params(), onConditionFailed: () => new Error("pool entry write has no condition") };
  const released = domainEvent(ctx, "lead.released", { leadId: lead.leadId, teamId, lastOwnerId: lead.lastOwnerId ?? null, releasedBy: ctx.actor.userId, reason }, at);
  return { record: update.record as Lead, writes: [...update.writes, listed], events: [...update.events, released] };
}

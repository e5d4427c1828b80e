import { transact, type TxWrite } from "../../db/transact.ts";
import type { Ctx } from "../../records/context.ts";
import { newId } from "../../records/context.ts";
import { auditWrite, domainEvent, staleVersion } from "../../records/record-plan.ts";
import { leadKind, type Lead } from "../lead.ts";
import { fillableFields, type CaptureFields, type CaptureOptions } from "./capture.schema.ts";
import { receiptWrite } from "./capture-receipt.ts";
import { keyChanges, readKeys, takeKey } from "./lead-keys.ts";
import { dedupeKeys } from "./normalise.ts";
import type { LeadKeyKind } from "./lead-key.entity.ts";

type Fills = Record<string, unknown>;
const isEmpty = (v: unknown) => v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);

/**
 * Fields empty on the lead that the touch supplies. A filled email or phone must be free (not another lead's key):
 * otherwise that field is left alone. The keys the fill adds are claimed in the touch's transaction.
 */
async function plannedFills(ctx: Ctx, lead: Lead, p: CaptureFields, at: string): Promise<{ fills: Fills; takes: TxWrite[] }> {
  const fills: Fills = {};
  for (const f of fillableFields) if (isEmpty(lead[f]) && !isEmpty(p[f])) fills[f] = p[f];
  if (Object.keys(fills).length === 0) return { fills, takes: [] };
  const added = keyChanges(dedupeKeys(lead), dedupeKeys({ ...lead, ...fills } as Lead)).added;
  const takes: TxWrite[] = [];
  for (const holder of await readKeys(ctx, added)) {
    if (holder.leadId === null) takes.push(takeKey(ctx, holder.key, lead.leadId, lead.teamId, at));
    else if (holder.key.kind !== "company_name") delete fills[holder.key.kind];
  }
  return { fills, takes };
}

/**
 * Counters go up without a version check, so a burst of repeats never makes a rep's open edit stale; filling
 * empty fields is a real change, version-checked like any edit (a lost race retries with a fresh read).
 */
function leadWrite(ctx: Ctx, lead: Lead, fills: Fills, at: string): TxWrite {
  const patch = ctx.db.entities.lead.patch({ leadId: lead.leadId }).add({ touchCount: 1 });
  const params = Object.keys(fills).length === 0
    ? patch.set({ lastTouchedAt: at }).params()
    : patch.set({ ...fills, lastTouchedAt: at, version: lead.version + 1, updatedAt: at }).where((a, op) => op.eq(a.version, lead.version)).params();
  return { kind: "Update", params, onConditionFailed: () => staleVersion(leadKind, lead.leadId, undefined) };
}

/** Records a repeat capture on the existing lead: touch item, counters, fills, audit, receipt, then events. */
export async function touchLead(ctx: Ctx, lead: Lead, p: CaptureFields, opts: CaptureOptions, matchedBy: LeadKeyKind): Promise<Lead> {
  const at = ctx.clock.now().toISOString();
  const touchId = newId(ctx);
  const { fills, takes } = await plannedFills(ctx, lead, p, at);
  const filled = Object.keys(fills);
  const { ownerId: _owner, ...submitted } = p;
  const touch = { touchId, channel: opts.channel, ...(p.campaign && { campaign: p.campaign }), at };
  const changes = [...filled.map((field) => ({ field, old: null, new: fills[field] })), { field: "touch", old: null, new: { touchId, channel: opts.channel, campaign: p.campaign ?? null } }];
  const touchItem = { leadId: lead.leadId, touchId, teamId: lead.teamId, channel: opts.channel, campaign: p.campaign, at, actorId: ctx.actor.userId, matchedBy, submitted, filled, idempotencyKey: opts.idempotencyKey };
  await transact(ctx.db, [
    leadWrite(ctx, lead, fills, at),
    { kind: "Put", params: ctx.db.entities.leadTouch.create(touchItem).params(), onConditionFailed: () => new Error("touch id collision") },
    auditWrite(ctx, leadKind, lead.leadId, lead.teamId, "touch", at, changes),
    ...takes,
    ...(opts.idempotencyKey ? [receiptWrite(ctx, opts.idempotencyKey, lead.leadId, "touched", opts.channel, at)] : []),
  ]);
  const record = { ...lead, ...fills, touchCount: (lead.touchCount ?? 0) + 1, lastTouchedAt: at, ...(filled.length > 0 && { version: lead.version + 1, updatedAt: at }) } as Lead;
  const events = [domainEvent(ctx, "lead.touched", { leadId: lead.leadId, teamId: lead.teamId, touch }, at)];
  if (filled.length > 0) events.push(domainEvent(ctx, "lead.updated", { leadId: lead.leadId, changes: changes.slice(0, filled.length), record }, at));
  await ctx.publisher.publish(events);
  return record;
}

/** A lead's touches (repeat captures), oldest first. */
export async function listTouches(ctx: Ctx, leadId: string) {
  const { data } = await ctx.db.entities.leadTouch.query.primary({ leadId }).go({ pages: "all" });
  return data;
}

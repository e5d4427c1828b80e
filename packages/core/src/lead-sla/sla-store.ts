import type { EntityItem } from "electrodb";
import type { Db } from "../db/service.ts";
import { tryWrite } from "../db/conditional.ts";
import type { LeadSlaEntity, slaOutcomes } from "./lead-sla.entity.ts";

export type LeadSlaItem = EntityItem<typeof LeadSlaEntity>;
export type SlaOutcome = (typeof slaOutcomes)[number];

export async function getSla(db: Db, leadId: string, assignedAt: string): Promise<LeadSlaItem | undefined> {
  return (await db.entities.leadSla.get({ leadId, assignedAt }).go({ consistent: true })).data ?? undefined;
}

/** Every assignment of the lead, oldest first (a lead is assigned a handful of times at most). */
export async function slasOf(db: Db, leadId: string): Promise<LeadSlaItem[]> {
  return (await db.entities.leadSla.query.primary({ leadId }).go({ pages: "all", consistent: true })).data;
}

/** Written once per assignment: false when a delivery before this one wrote it already. */
export function createSla(db: Db, item: LeadSlaItem): Promise<boolean> {
  return tryWrite(() => db.entities.leadSla.create(item).go());
}

/** Records breach `level` unless it (or a later one) is recorded, or the SLA is closed. */
export function raiseLevel(db: Db, item: LeadSlaItem, level: number, at: string): Promise<boolean> {
  const state = level >= 3 ? "closed" : "breached";
  const closing = level >= 3 ? { outcome: "pooled" as const, closedAt: at } : {};
  return tryWrite(() =>
    db.entities.leadSla
      .patch({ leadId: item.leadId, assignedAt: item.assignedAt })
      .set({ breachLevel: level, state, teamId: item.teamId, met: item.met ?? false, updatedAt: at, ...closing })
      .where((a, op) => `${op.lt(a.breachLevel, level)} AND ${op.ne(a.state, "closed")}`)
      .go(),
  );
}

export interface Closing {
  outcome: SlaOutcome;
  met?: boolean | undefined;
  firstContactAt?: string | undefined;
  contactActivityId?: string | undefined;
}

/** Closes an SLA still open; `met` is kept if a breach decided it already. */
export function closeSla(db: Db, item: LeadSlaItem, closing: Closing, at: string): Promise<boolean> {
  const met = item.met ?? closing.met;
  const contact = closing.firstContactAt ? { firstContactAt: closing.firstContactAt, ...(closing.contactActivityId && { contactActivityId: closing.contactActivityId }) } : {};
  return tryWrite(() =>
    db.entities.leadSla
      .patch({ leadId: item.leadId, assignedAt: item.assignedAt })
      .set({ state: "closed", teamId: item.teamId, outcome: closing.outcome, closedAt: at, updatedAt: at, ...(met !== undefined && { met }), ...contact })
      .where((a, op) => op.ne(a.state, "closed"))
      .go(),
  );
}

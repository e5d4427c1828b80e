import type { Db } from "../db/service.ts";
import { transact, type TxWrite } from "../db/transact.ts";
import { ConflictError, UnprocessableError } from "../errors.ts";
import type { Lead } from "../lead/lead.ts";

export interface LeadHold {
  leadId: string;
  ownerId?: string | undefined;
  leadVersion: number;
}

const closedStatuses: readonly string[] = ["converted", "disqualified"];

/** Open: still to be worked (not converted, not disqualified). */
export const isOpenLead = (lead: Pick<Lead, "status">) => !closedStatuses.includes(lead.status);

/** The rep an open lead counts against: its owner, unless it is closed or in the pool. */
export function holderOf(lead: Lead): string | undefined {
  return lead.ownerId && !lead.pooled && isOpenLead(lead) ? lead.ownerId : undefined;
}

export async function holdOf(db: Db, leadId: string): Promise<LeadHold | undefined> {
  const { data } = await db.entities.leadHold.get({ leadId }).go({ consistent: true });
  return data ?? undefined;
}

/** Open leads each rep holds now (0 for a rep never counted). */
export async function loadsOf(db: Db, userIds: readonly string[]): Promise<Map<string, number>> {
  const entries = await Promise.all(
    userIds.map(async (userId) => [userId, (await db.entities.repLoad.get({ userId }).go({ consistent: true })).data?.load ?? 0] as const),
  );
  return new Map(entries);
}

/** Thrown when the rep reached capacity between reading their load and writing the assignment. */
export class AtCapacityError extends UnprocessableError {
  constructor(userId: string) {
    super("over_capacity", `User ${userId} has as many open leads as their capacity allows`, "ownerId");
  }
}

export interface HoldMove {
  leadId: string;
  /** The hold as read; every write below is conditional on it being unchanged. */
  hold: LeadHold | undefined;
  /** Who holds the lead after the move (undefined: nobody). */
  toOwnerId: string | undefined;
  /** The lead's version the move reflects. */
  leadVersion: number;
  /** When given, the new holder's count must stay below it. */
  capacity?: number | undefined;
  at: string;
}

/**
 * The writes that move a lead's hold from its current holder to another (or to nobody): the hold item, one
 * down on the old holder's count, one up on the new one's (under capacity when given). They go into the same
 * transaction as the change to the lead, so counts move exactly when ownership does.
 */
export function holdMoveWrites(db: Db, m: HoldMove): TxWrite[] {
  const { leadHold, repLoad } = db.entities;
  const from = m.hold?.ownerId;
  const read = m.hold?.leadVersion;
  const moved = () => new ConflictError(`The load of lead ${m.leadId} was recounted meanwhile; try again`, "leadId");
  const holdPut = leadHold
    .put({ leadId: m.leadId, leadVersion: m.leadVersion, updatedAt: m.at, ...(m.toOwnerId && { ownerId: m.toOwnerId }) })
    .where((a, op) => (read === undefined ? op.notExists(a.leadVersion) : op.eq(a.leadVersion, read)))
    .params();
  const writes: TxWrite[] = [{ kind: "Put", params: holdPut, onConditionFailed: moved }];
  if (from === m.toOwnerId) return writes;
  if (from) {
    writes.push({ kind: "Update", params: repLoad.update({ userId: from }).subtract({ load: 1 }).set({ updatedAt: m.at }).params(), onConditionFailed: moved });
  }
  const to = m.toOwnerId;
  if (to) {
    const cap = m.capacity;
    const add = repLoad.update({ userId: to }).add({ load: 1 }).set({ updatedAt: m.at });
    const params = cap === undefined ? add.params() : add.where((a, op) => `${op.notExists(a.load)} OR ${op.lt(a.load, cap)}`).params();
    writes.push({ kind: "Update", params, onConditionFailed: () => new AtCapacityError(to) });
  }
  return writes;
}

export type SyncOutcome = "current" | "moved" | "missing";

/**
 * Brings a lead's hold up to date with the lead as stored, whatever changed it (assignment, a manual edit, a
 * claim, a release, conversion, disqualification). Idempotent and order-proof: it writes only when the hold
 * reflects an older lead version, conditionally on the hold it read, and retries on a race.
 */
export async function syncLeadHold(db: Db, leadId: string, now: () => Date): Promise<SyncOutcome> {
  for (let attempt = 0; ; attempt++) {
    const lead = (await db.entities.lead.get({ leadId }).go({ consistent: true })).data as Lead | null;
    if (!lead) return "missing";
    const hold = await holdOf(db, leadId);
    if (hold && hold.leadVersion >= lead.version) return "current";
    const toOwnerId = holderOf(lead);
    // Never held and still nobody's: nothing to count, nothing a later run could undo.
    if (!hold && !toOwnerId) return "current";
    const move = { leadId, hold, toOwnerId, leadVersion: lead.version, at: now().toISOString() };
    try {
      await transact(db, holdMoveWrites(db, move));
      return "moved";
    } catch (err) {
      if (!(err instanceof ConflictError) || attempt >= 8) throw err;
    }
  }
}

/**
 * Rebuilds every rep's count from the leads themselves (after dead-lettered LeadLoad events, or for data
 * written before counting existed): each lead's hold is brought up to date, so running it twice changes nothing.
 */
export async function resyncLeadLoads(db: Db, now: () => Date): Promise<{ leads: number; moved: number }> {
  const teams = (await db.entities.team.query.all({}).go({ pages: "all" })).data;
  let leads = 0;
  let moved = 0;
  for (const team of teams) {
    const { data } = await db.entities.lead.query.byTeamStatus({ teamId: team.teamId }).go({ pages: "all", attributes: ["leadId"] });
    for (const { leadId } of data) {
      leads++;
      if ((await syncLeadHold(db, leadId, now)) === "moved") moved++;
    }
  }
  return { leads, moved };
}

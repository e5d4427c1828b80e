import type { Db } from "../db/service.ts";
import { transact } from "../db/transact.ts";
import { ConflictError, NotFoundError, UnprocessableError } from "../errors.ts";
import type { Lead } from "../lead/lead.ts";
import type { Ctx } from "../records/context.ts";
import { choose, stableReads, targetTeam, type StableReads } from "./assignment-choice.ts";
import { plannedHandover, plannedPooling, previousOwnerOf, type PlannedWrite } from "./assignment-write.ts";
import { AtCapacityError, holdOf, isOpenLead } from "./rep-load.ts";
import type { AssignmentMethod } from "./territory.ts";

export interface AssignOptions {
  /** Why, for the audit trail and the event ("scored", "sla_breach", ...). */
  reason: string;
  /** Never this rep (the one the lead was just taken from). */
  excludeOwnerId?: string | undefined;
  /** Keep the lead in its team (no territory pick): reassignments stay with the team that escalated them. */
  keepTeam?: boolean | undefined;
  /** Checked against the lead as stored on every attempt; false ends with "skipped" (how duplicates stop). */
  when?: ((lead: Lead) => boolean) | undefined;
  /** Runs before the lead goes to the pool for want of a rep; it may run again on a retry, so keep it idempotent. */
  onNobodyEligible?: ((lead: Lead, teamId: string) => Promise<void>) | undefined;
}

export type AssignOutcome =
  | { kind: "assigned"; lead: Lead; teamId: string; ownerId: string; previousOwnerId: string | null; method: AssignmentMethod }
  | { kind: "pooled"; lead: Lead; teamId: string }
  | { kind: "skipped"; lead: Lead | undefined };

export async function readLead(db: Db, leadId: string): Promise<Lead | undefined> {
  return ((await db.entities.lead.get({ leadId }).go({ consistent: true })).data as Lead | null) ?? undefined;
}

async function currentLead(ctx: Ctx, leadId: string, opts: AssignOptions): Promise<Lead | AssignOutcome> {
  const lead = await readLead(ctx.db, leadId);
  if (!lead) throw new NotFoundError("lead", leadId);
  if (opts.when && !opts.when(lead)) return { kind: "skipped", lead };
  if (!isOpenLead(lead)) throw new UnprocessableError("lead_closed", `Lead ${leadId} is ${lead.status}: there is nothing to assign`, "status");
  return lead;
}

const isOutcome = (x: Lead | AssignOutcome): x is AssignOutcome => "kind" in x;

const turns = new WeakMap<Db, Map<string, Promise<unknown>>>();

/**
 * Runs a team's assignments from this process (this `Db`) one at a time. Only an optimisation: the
 * transaction's conditions keep assignments correct across processes; this spares a burst of same-team
 * assignments in one process the retries.
 */
function inTurn<T>(db: Db, teamId: string, run: () => Promise<T>): Promise<T> {
  const queue = turns.get(db) ?? new Map<string, Promise<unknown>>();
  turns.set(db, queue);
  const result = (queue.get(teamId) ?? Promise.resolve()).then(run, run);
  const settled = result.then(() => undefined, () => undefined);
  queue.set(teamId, settled);
  void settled.then(() => queue.get(teamId) === settled && queue.delete(teamId));
  return result;
}

async function commit(ctx: Ctx, plan: PlannedWrite): Promise<void> {
  await transact(ctx.db, plan.writes);
  await ctx.publisher.publish(plan.events);
}

/** One attempt, on fresh reads of everything that races. */
async function attempt(ctx: Ctx, reads: StableReads, leadId: string, teamId: string, opts: AssignOptions): Promise<AssignOutcome> {
  const lead = await currentLead(ctx, leadId, opts);
  if (isOutcome(lead)) return lead;
  const choice = await choose(ctx.db, reads, lead, teamId, opts.excludeOwnerId);
  const at = ctx.clock.now().toISOString();
  if (!choice.ownerId) return toPool(ctx, lead, teamId, opts, at);
  const hold = await holdOf(ctx.db, leadId);
  const handover = { lead, teamId, ownerId: choice.ownerId, method: choice.method, reason: opts.reason, hold, capacity: choice.capacity, cursor: { version: choice.cursorVersion } };
  const plan = plannedHandover(ctx, handover, at);
  await commit(ctx, plan);
  return { kind: "assigned", lead: plan.record, teamId, ownerId: choice.ownerId, previousOwnerId: previousOwnerOf(lead) ?? null, method: choice.method };
}

const pause = (attempt: number) => new Promise((r) => setTimeout(r, Math.random() * Math.min(250, 10 * 2 ** attempt)));
const MAX_ATTEMPTS = 60;

/**
 * Assigns an open lead automatically: territory rules pick the team (unless `keepTeam`), the team's method picks
 * an active rep under capacity whose territory fits, and one transaction hands it over (see `plannedHandover`).
 * The team cursor's version and the rep's count under capacity are conditions of that transaction, so
 * concurrent assignments in a team serialise and never overfill a rep; a loser re-reads and tries again.
 * Nobody eligible: the lead waits in the team pool.
 */
export async function assignLead(ctx: Ctx, leadId: string, opts: AssignOptions): Promise<AssignOutcome> {
  const reads = stableReads(ctx.db);
  for (let n = 0; ; n++) {
    const lead = await currentLead(ctx, leadId, opts);
    if (isOutcome(lead)) return lead;
    const teamId = await targetTeam(reads, lead, opts.keepTeam === true);
    try {
      return await inTurn(ctx.db, teamId, () => attempt(ctx, reads, leadId, teamId, opts));
    } catch (err) {
      if (!(err instanceof ConflictError || err instanceof AtCapacityError) || n >= MAX_ATTEMPTS) throw err;
      await pause(n);
    }
  }
}

async function toPool(ctx: Ctx, lead: Lead, teamId: string, opts: AssignOptions, at: string): Promise<AssignOutcome> {
  await opts.onNobodyEligible?.(lead, teamId);
  if (lead.pooled && lead.teamId === teamId) return { kind: "pooled", lead, teamId };
  const plan = plannedPooling(ctx, lead, teamId, `No rep can take it (${opts.reason})`, at);
  await commit(ctx, plan);
  return { kind: "pooled", lead: plan.record, teamId };
}

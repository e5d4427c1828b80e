import type { Db } from "../db/service.ts";
import { transact } from "../db/transact.ts";
import { ConflictError, NotFoundError, UnprocessableError } from "../errors.ts";
import type { Lead } from "../lead/lead.ts";
import type { Ctx } from "../records/context.ts";
import { effectiveSettings, methodOf } from "./assignment-settings.ts";
import { plannedHandover, plannedPooling, previousOwnerOf, type PlannedWrite } from "./assignment-write.ts";
import { AtCapacityError, holdOf, isOpenLead, loadsOf } from "./rep-load.ts";
import { chooseRep, pickTeam, repFits, type AssignmentMethod } from "./territory.ts";

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

interface Choice {
  teamId: string;
  method: AssignmentMethod;
  ownerId: string | undefined;
  capacity: number | undefined;
  cursorVersion: number | null;
}

export async function readLead(db: Db, leadId: string): Promise<Lead | undefined> {
  return ((await db.entities.lead.get({ leadId }).go({ consistent: true })).data as Lead | null) ?? undefined;
}

/** The team, its method, and the rep that method picks among the eligible ones (none: undefined). */
async function choose(db: Db, lead: Lead, opts: AssignOptions): Promise<Choice> {
  const settings = await effectiveSettings(db, lead.teamId);
  const teamId = opts.keepTeam ? lead.teamId : pickTeam(settings.territories, lead).teamId;
  const method = methodOf(settings, teamId);
  const [members, cursor] = await Promise.all([
    db.entities.user.query.byTeamName({ teamId }).go({ pages: "all" }),
    db.entities.assignmentCursor.get({ teamId }).go({ consistent: true }),
  ]);
  const reps = members.data.filter((u) => u.role === "rep" && u.userId !== opts.excludeOwnerId);
  const loads = await loadsOf(db, reps.map((u) => u.userId));
  const eligible = reps.filter((u) => repFits(u, lead, loads.get(u.userId) ?? 0)).map((u) => ({ userId: u.userId, load: loads.get(u.userId) ?? 0 }));
  const ownerId = chooseRep(method, eligible, cursor.data?.lastOwnerId);
  const capacity = reps.find((u) => u.userId === ownerId)?.capacity ?? 50;
  return { teamId, method, ownerId, capacity, cursorVersion: cursor.data?.version ?? null };
}

const pause = (attempt: number) => new Promise((r) => setTimeout(r, 5 + Math.random() * 15 * Math.min(attempt + 1, 10)));
const MAX_ATTEMPTS = 100;

async function commit(ctx: Ctx, plan: PlannedWrite): Promise<void> {
  await transact(ctx.db, plan.writes);
  await ctx.publisher.publish(plan.events);
}

/**
 * Assigns an open lead automatically: territory rules pick the team (unless `keepTeam`), the team's method picks
 * an active rep under capacity whose territory fits, and one transaction hands it over (see `plannedHandover`).
 * The team cursor's version and the rep's count under capacity are conditions of that transaction, so
 * concurrent assignments in a team serialise and never overfill a rep; a loser re-reads and tries again.
 * Nobody eligible: the lead waits in the team pool.
 */
export async function assignLead(ctx: Ctx, leadId: string, opts: AssignOptions): Promise<AssignOutcome> {
  for (let attempt = 0; ; attempt++) {
    const lead = await readLead(ctx.db, leadId);
    if (!lead) throw new NotFoundError("lead", leadId);
    if (opts.when && !opts.when(lead)) return { kind: "skipped", lead };
    if (!isOpenLead(lead)) throw new UnprocessableError("lead_closed", `Lead ${leadId} is ${lead.status}: there is nothing to assign`, "status");
    const choice = await choose(ctx.db, lead, opts);
    const at = ctx.clock.now().toISOString();
    try {
      if (!choice.ownerId) return await toPool(ctx, lead, choice.teamId, opts, at);
      const hold = await holdOf(ctx.db, leadId);
      const handover = { lead, teamId: choice.teamId, ownerId: choice.ownerId, method: choice.method, reason: opts.reason, hold, capacity: choice.capacity, cursor: { version: choice.cursorVersion } };
      const plan = plannedHandover(ctx, handover, at);
      await commit(ctx, plan);
      return { kind: "assigned", lead: plan.record, teamId: choice.teamId, ownerId: choice.ownerId, previousOwnerId: previousOwnerOf(lead) ?? null, method: choice.method };
    } catch (err) {
      if (!(err instanceof ConflictError || err instanceof AtCapacityError) || attempt >= MAX_ATTEMPTS) throw err;
      await pause(attempt);
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

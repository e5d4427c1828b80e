import { z } from "zod";
import { transact } from "../db/transact.ts";
import { ConflictError, ForbiddenError, UnprocessableError } from "../errors.ts";
import { leadKind, type Lead } from "../lead/lead.ts";
import { assertReadable } from "../records/access.ts";
import type { Ctx } from "../records/context.ts";
import { staleVersion } from "../records/record-plan.ts";
import { parse, shortText } from "../records/schema.ts";
import { findUser, type User } from "../user/user.ts";
import { readLead } from "./assign-lead.ts";
import { plannedHandover } from "./assignment-write.ts";
import { AtCapacityError, holdOf, isOpenLead, loadsOf } from "./rep-load.ts";

/** `version`: the lead version read (409 when it moved on); omitted, the latest is used. */
export const assignLeadSchema = z.object({ ownerId: z.string().min(1).max(64), version: z.number().int().positive().optional(), reason: shortText.optional() }).strict();

/** Managers assign in their team, admins anywhere; a rep only takes an unowned lead of their team for themselves. */
function assertMayAssign(ctx: Ctx, lead: Lead, ownerId: string): void {
  const { role, userId, teamId } = ctx.actor;
  if (role === "admin") return;
  if (lead.teamId !== teamId) throw new ForbiddenError("You can assign only your own team's leads");
  if (role === "manager") return;
  if (ownerId !== userId) throw new ForbiddenError("Reps can assign leads only to themselves", "ownerId");
  if (lead.ownerId) throw new ForbiddenError("This lead already has an owner; ask your manager to reassign it", "ownerId");
  if (lead.pooled) throw new UnprocessableError("pooled", "This lead is in the team pool: claim it instead", "ownerId");
}

/** The team the lead ends in: the new owner's. Only an admin moves a lead to another team that way. */
function targetTeam(ctx: Ctx, lead: Lead, owner: User | null, ownerId: string): string {
  if (!owner || owner.active === false) throw new UnprocessableError("invalid_owner", `User ${ownerId} is not an active user`, "ownerId");
  if (owner.teamId !== lead.teamId && ctx.actor.role !== "admin") {
    throw new UnprocessableError("invalid_owner", `User ${ownerId} is not a member of team ${lead.teamId}`, "ownerId");
  }
  return owner.teamId;
}

/**
 * Manual assignment or reassignment (`POST /leads/{id}/assign`): the same handover as automatic assignment
 * (audited owner old → new, `lead.assigned` with method "manual", first-contact task, load moved in the same
 * transaction) without touching the team's round-robin cursor. The new owner's capacity still holds (422).
 */
export async function assignManually(ctx: Ctx, leadId: string, raw: z.input<typeof assignLeadSchema>): Promise<Lead> {
  const input = parse(assignLeadSchema, raw);
  for (let attempt = 0; ; attempt++) {
    const lead = assertReadable(ctx.actor, "lead", leadId, (await readLead(ctx.db, leadId)) ?? null);
    if (input.version !== undefined && lead.version !== input.version) throw staleVersion(leadKind, leadId, lead.version);
    assertMayAssign(ctx, lead, input.ownerId);
    if (!isOpenLead(lead)) throw new UnprocessableError("lead_closed", `Lead ${leadId} is ${lead.status}: it can no longer be assigned`, "status");
    if (lead.ownerId === input.ownerId && !lead.pooled) return lead;
    const owner = await findUser(ctx.db, input.ownerId);
    const teamId = targetTeam(ctx, lead, owner, input.ownerId);
    const capacity = owner?.capacity ?? 50;
    const [hold, loads] = await Promise.all([holdOf(ctx.db, leadId), loadsOf(ctx.db, [input.ownerId])]);
    if (hold?.ownerId !== input.ownerId && (loads.get(input.ownerId) ?? 0) >= capacity) throw new AtCapacityError(input.ownerId);
    const plan = plannedHandover(ctx, { lead, teamId, ownerId: input.ownerId, method: "manual", reason: input.reason ?? "manual", hold, capacity }, ctx.clock.now().toISOString());
    try {
      await transact(ctx.db, plan.writes);
    } catch (err) {
      // A recount or another change raced this one: re-read; a moved lead version then answers 409.
      if (!(err instanceof ConflictError) || attempt >= 5) throw err;
      continue;
    }
    await ctx.publisher.publish(plan.events);
    return plan.record;
  }
}

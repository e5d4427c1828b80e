import { z } from "zod";
import { transact } from "../db/transact.ts";
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError } from "../errors.ts";
import type { Ctx } from "../records/context.ts";
import { newId } from "../records/context.ts";
import { readOwned } from "../records/owned-record.ts";
import { domainEvent, entityOf } from "../records/record-writer.ts";
import { idSchema, parse, versionField } from "../records/schema.ts";
import { findUser } from "../user/user.ts";
import { opportunityKind, type Opportunity } from "./opportunity.ts";

export const dealMemberSchema = z.object({ ...versionField, userId: idSchema }).strict();
export const removeDealMemberQuery = z.object({ version: z.coerce.number().int().positive() });
const maxMembers = 20;

/** Team members (协作人) are chosen by the deal's owner or a manager of its team (or an admin). */
function assertMayManageMembers(ctx: Ctx, deal: Opportunity): void {
  const { actor } = ctx;
  if (actor.role === "admin" || deal.ownerId === actor.userId) return;
  if (actor.role === "manager" && actor.teamId === deal.teamId) return;
  throw new ForbiddenError("Only the deal's owner or a manager can change its team members", "userId");
}

async function assertEligible(ctx: Ctx, deal: Opportunity, userId: string): Promise<void> {
  const user = await findUser(ctx.db, userId);
  if (!user || user.teamId !== deal.teamId || user.active === false) {
    throw new UnprocessableError("invalid_member", `User ${userId} is not an active member of the deal's team`, "userId");
  }
  if (userId === deal.ownerId) throw new UnprocessableError("owner_is_member", "The owner already works on this deal", "userId");
  if ((deal.teamMemberIds ?? []).length >= maxMembers) throw new UnprocessableError("too_many_members", `A deal has at most ${maxMembers} team members`, "userId");
}

function staleVersion(deal: Opportunity): ConflictError {
  return new ConflictError(`opportunity ${deal.opportunityId} was changed by someone else; reload it and apply your change again`, "version", { currentVersion: deal.version });
}

/**
 * One conditional write of the member set (DynamoDB ADD/DELETE on a string set, so removing the last member
 * leaves no empty set behind) with its audit entry; then `opportunity.updated` and the member event.
 */
async function writeMembers(ctx: Ctx, deal: Opportunity, userId: string, op: "add" | "remove"): Promise<Opportunity> {
  const at = ctx.clock.now().toISOString();
  const before = deal.teamMemberIds ?? [];
  const after = op === "add" ? [...before, userId] : before.filter((m) => m !== userId);
  const version = deal.version + 1;
  const key = { opportunityId: deal.opportunityId };
  const patch = ctx.db.entities.opportunity.patch(key);
  const changed = op === "add" ? patch.add({ teamMemberIds: [userId] }) : patch.delete({ teamMemberIds: [userId] });
  const changes = [{ field: "teamMemberIds", old: before, new: after }];
  const audit = { auditId: newId(ctx), recordType: "opportunity", recordId: deal.opportunityId, teamId: deal.teamId, action: "update", actorId: ctx.actor.userId, at, changes };
  await transact(ctx.db, [
    { kind: "Update", params: changed.set({ version, updatedAt: at }).where((a, o) => o.eq(a.version, deal.version)).params(), onConditionFailed: () => staleVersion(deal) },
    { kind: "Put", params: entityOf(ctx.db, "audit").put(audit).params(), onConditionFailed: () => new Error("audit entry collision") },
  ]);
  const record = { ...deal, teamMemberIds: after, version, updatedAt: at } as Opportunity;
  const memberEvent = { opportunityId: deal.opportunityId, teamId: deal.teamId, ownerId: deal.ownerId ?? null, userId };
  await ctx.publisher.publish([
    domainEvent(ctx, "opportunity.updated", { opportunityId: deal.opportunityId, changes, record }, at),
    domainEvent(ctx, op === "add" ? "opportunity.member_added" : "opportunity.member_removed", memberEvent, at),
  ]);
  return record;
}

/** Adds a team member who may then edit the deal; adding someone already on it changes nothing. */
export async function addDealMember(ctx: Ctx, opportunityId: string, raw: z.input<typeof dealMemberSchema>): Promise<Opportunity> {
  const input = parse(dealMemberSchema, raw);
  const deal = await readOwned<Opportunity>(ctx, opportunityKind, opportunityId);
  assertMayManageMembers(ctx, deal);
  if (deal.version !== input.version) throw staleVersion(deal);
  if ((deal.teamMemberIds ?? []).includes(input.userId)) return deal;
  await assertEligible(ctx, deal, input.userId);
  return writeMembers(ctx, deal, input.userId, "add");
}

/** Removes a team member; one who is not on the deal is reported as missing. */
export async function removeDealMember(ctx: Ctx, opportunityId: string, userId: string, raw: Record<string, unknown>): Promise<Opportunity> {
  const { version } = parse(removeDealMemberQuery, raw);
  const deal = await readOwned<Opportunity>(ctx, opportunityKind, opportunityId);
  assertMayManageMembers(ctx, deal);
  if (deal.version !== version) throw staleVersion(deal);
  if (!(deal.teamMemberIds ?? []).includes(userId)) throw new NotFoundError("team member", userId);
  return writeMembers(ctx, deal, userId, "remove");
}

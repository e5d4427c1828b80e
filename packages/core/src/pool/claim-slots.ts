import type { TxWrite } from "../db/transact.ts";
import { ConflictError, UnprocessableError } from "../errors.ts";
import type { Ctx } from "../records/context.ts";
import type { PoolSettings } from "./pool-settings.ts";

/**
 * The slot a new claim takes: one of `claimLimit` slots whose last claim is outside the rolling window. The
 * write is conditional on the slot's last use, so two claims a rep sends at once cannot share a slot.
 */
export async function claimSlotFor(ctx: Ctx, settings: PoolSettings, claim: { at: string; recordType: string; recordId: string }): Promise<TxWrite> {
  const userId = ctx.actor.userId;
  const windowStart = new Date(Date.parse(claim.at) - settings.claimWindowHours * 3_600_000).toISOString();
  const { data } = await ctx.db.entities.claimSlot.query.primary({ userId }).go({ pages: "all" });
  const used = new Map(data.map((s) => [s.slot, s.claimedAt]));
  const free = Array.from({ length: settings.claimLimit }, (_, slot) => slot).find((slot) => (used.get(slot) ?? "") < windowStart);
  if (free === undefined) {
    const oldest = [...used.entries()].filter(([slot]) => slot < settings.claimLimit).map(([, at]) => at).sort()[0];
    const nextAt = oldest ? new Date(Date.parse(oldest) + settings.claimWindowHours * 3_600_000).toISOString() : null;
    throw new UnprocessableError("claim_limit_reached", `You may claim ${settings.claimLimit} records per ${settings.claimWindowHours} hours; you have used them all`, "id", { limit: settings.claimLimit, windowHours: settings.claimWindowHours, nextClaimAt: nextAt });
  }
  const previous = used.get(free);
  return {
    kind: "Put",
    params: ctx.db.entities.claimSlot
      .put({ userId, slot: free, teamId: settings.teamId, recordType: claim.recordType, recordId: claim.recordId, claimedAt: claim.at })
      .where((a, op) => (previous ? op.eq(a.claimedAt, previous) : op.notExists(a.claimedAt)))
      .params(),
    onConditionFailed: () => new ConflictError("Another claim of yours was being made at the same moment; try again", "id"),
  };
}

import { z } from "zod";
import type { Ctx } from "../records/context.ts";
import { domainEvent, type UpdateResult } from "../records/record-writer.ts";
import { updateOwned } from "../records/owned-record.ts";
import { longText, shortText, versionField, parse } from "../records/schema.ts";
import { pipelineForTeam } from "../pipeline/pipeline.ts";
import { resolveReason } from "../settings/lost-reasons.ts";
import { assertGates } from "./gate.ts";
import { opportunityKeyFields, opportunityKind, type Opportunity } from "./opportunity.ts";
import { closeStay } from "./stage-history.ts";
import { assertOpenAndCurrent } from "./stage-move.ts";
import { assertNoLiveOrder, planOrderOnClose, type OrderPlan } from "../order/order-create.ts";
import { withNextNumber } from "../order/sequence.ts";

/** What `winningCompetitor` says when nobody won (the project died) or the rep does not know who did. */
export const noWinner = "none";
export const unknownWinner = "unknown";

const reasonKey = z.string().min(1).max(60);
const note = longText.max(2000).optional();
const winner = shortText.transform((name) => (/^(none|unknown)$/i.test(name) ? name.toLowerCase() : name));

export const closeOpportunitySchema = z.discriminatedUnion("outcome", [
  // createOrder: order the primary quote in the same transaction (unset: if there is a usable primary quote and no order).
  z.object({ ...versionField, outcome: z.literal("won"), note, createOrder: z.boolean().optional() }).strict(),
  z.object({ ...versionField, outcome: z.literal("lost"), reasonKey, winningCompetitor: winner, note }).strict(),
  z.object({ ...versionField, outcome: z.literal("invalid"), reasonKey, note }).strict(),
]);
export const reopenOpportunitySchema = z.object({ ...versionField, reason: shortText }).strict();
export type CloseOpportunityInput = z.infer<typeof closeOpportunitySchema>;

/** The fields a close sets; fields of an earlier close that do not apply any more are blanked, not left behind. */
function closeFields(ctx: Ctx, current: Opportunity, input: CloseOpportunityInput): Record<string, unknown> {
  const won = input.outcome === "won";
  const fields: Record<string, unknown> = {
    status: input.outcome, closedAt: ctx.clock.now().toISOString(), closedBy: ctx.actor.userId,
    probability: won ? 100 : 0, forecastCategory: won ? "closed" : "omitted",
    closeReason: "reasonKey" in input ? input.reasonKey : undefined,
    winningCompetitor: "winningCompetitor" in input ? input.winningCompetitor : undefined,
    closeNote: input.note,
  };
  for (const key of ["closeReason", "winningCompetitor", "closeNote"] as const) {
    if (fields[key] === undefined && current[key]) fields[key] = "";
  }
  return fields;
}

/** Won passes the current stage's gate (closing leaves the stage forward); lost and invalid need a listed reason. */
async function assertClosable(ctx: Ctx, current: Opportunity, input: CloseOpportunityInput): Promise<void> {
  if (input.outcome === "won") {
    const pipeline = await pipelineForTeam(ctx, current.pipelineId, current.teamId);
    const stage = pipeline.stages.find((s) => s.key === current.stage);
    if (stage) await assertGates(ctx, [stage], current, current.opportunityId, current.stageEnteredAt);
    return;
  }
  await resolveReason(ctx, current.teamId, input.outcome, input.reasonKey);
  await assertNoLiveOrder(ctx, current.opportunityId, input.outcome);
}

/**
 * Closes an open deal as won, lost or invalid: its current stay ends, `opportunity.closed` is published. A won
 * deal's order (order/order-create.ts) commits in the same transaction, retried if another order took its number.
 */
export async function closeOpportunity(ctx: Ctx, opportunityId: string, raw: z.input<typeof closeOpportunitySchema>): Promise<Opportunity> {
  const input = parse(closeOpportunitySchema, raw);
  return withNextNumber(() => closeOnce(ctx, opportunityId, input));
}

async function closeOnce(ctx: Ctx, opportunityId: string, input: CloseOpportunityInput): Promise<Opportunity> {
  let before: Opportunity | undefined;
  let order: OrderPlan | undefined;
  const closed = (r: UpdateResult, deal: Opportunity) => {
    const after = r.record as Opportunity;
    const data = {
      opportunityId, teamId: after.teamId, ownerId: after.ownerId, pipelineId: after.pipelineId, stage: after.stage, seq: deal.stageSeq,
      status: after.status, closeReason: after.closeReason || null, winningCompetitor: after.winningCompetitor || null, amount: after.amount, currency: after.currency,
    };
    return domainEvent(ctx, "opportunity.closed", data, r.at);
  };
  return updateOwned<Opportunity>(ctx, opportunityKind, opportunityId, { version: input.version }, {
    keyFields: opportunityKeyFields,
    validate: async (current, patch) => {
      assertOpenAndCurrent(current, input.version);
      await assertClosable(ctx, current, input);
      Object.assign(patch, closeFields(ctx, current, input));
      before = current;
      if (input.outcome === "won") order = await planOrderOnClose(ctx, current, input.createOrder);
    },
    extra: (r) => (before ? [closeStay(ctx, opportunityId, before.stageSeq, String((r.record as Opportunity).closedAt), input.outcome), ...(order?.writes ?? [])] : []),
    events: (r) => (before ? [closed(r, before), ...(order?.events ?? [])] : []),
  });
}

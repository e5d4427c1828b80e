import type { EntityItem } from "electrodb";
import { UnprocessableError, ValidationError } from "../errors.ts";
import { parse } from "../records/schema.ts";
import { listTeam } from "../records/access.ts";
import type { Ctx } from "../records/context.ts";
import { page } from "../records/list.ts";
import { createRecord, type RecordKind } from "../records/record-writer.ts";
import { initialOwner, readOwned, updateOwned, pageVisible } from "../records/owned-record.ts";
import { accountFor } from "../contact/contact.ts";
import { findStage, pipelineForTeam, type Pipeline } from "../pipeline/pipeline.ts";
import { assertGates, planMove } from "./gate.ts";
import { assertOpenAndCurrent, planStageChange, stageChangeEvents, stageChangeWrites, type StageChange } from "./stage-move.ts";
import type { OpportunityEntity } from "./opportunity.entity.ts";
import type { z } from "zod";
import { createOpportunitySchema, updateOpportunitySchema, type ListOpportunitiesQuery } from "./opportunity.schema.ts";
import { openStay } from "./stage-history.ts";
import { dealFlags } from "./deal-flags.ts";
import { slipCounters } from "./close-date-slip.ts";

export type Opportunity = EntityItem<typeof OpportunityEntity>;
export const opportunityKind: RecordKind = { type: "opportunity", entity: "opportunity", idField: "opportunityId" };
/** Index composites ElectroDB needs to rebuild the deal's index keys on every update. */
export const opportunityKeyFields = ["teamId", "status", "pipelineId", "stage", "createdAt", "ownerId", "accountId"] as const;

async function defaultPipeline(ctx: Ctx, teamId: string): Promise<Pipeline> {
  const { data } = await ctx.db.entities.pipeline.query.byTeamName({ teamId }).go({ pages: "all" });
  const chosen = data.find((p) => p.isDefault) ?? data[0];
  if (!chosen) throw new UnprocessableError("no_pipeline", "This team has no pipeline yet; an admin must create one", "pipelineId");
  return chosen;
}

async function assertCommittee(ctx: Ctx, accountId: string, contacts: { contactId: string }[] | undefined) {
  for (const [i, c] of (contacts ?? []).entries()) {
    const { data } = await ctx.db.entities.contact.get({ contactId: c.contactId }).go();
    if (!data || data.accountId !== accountId) throw new UnprocessableError("invalid_contact", `Contact ${c.contactId} is not a contact of this deal's account`, `contacts.${i}.contactId`);
  }
}

export async function createOpportunity(ctx: Ctx, raw: z.input<typeof createOpportunitySchema>): Promise<Opportunity> {
  const input = parse(createOpportunitySchema, raw);
  const account = await accountFor(ctx, input.accountId);
  const teamId = account.teamId;
  const pipeline = input.pipelineId ? await pipelineForTeam(ctx, input.pipelineId, teamId) : await defaultPipeline(ctx, teamId);
  const first = pipeline.stages[0];
  if (!first) throw new UnprocessableError("no_stage", "The pipeline has no stages", "pipelineId");
  const at = ctx.clock.now().toISOString();
  const stage = input.stage ? findStage(pipeline, input.stage) : first;
  // Starting past the first stage counts as moving there: skip rules and the gates on the way apply.
  if (stage !== first) await assertGates(ctx, planMove(pipeline, first.key, stage.key).gated, input, undefined, at);
  await assertCommittee(ctx, account.accountId, input.contacts);
  const ownerId = await initialOwner(ctx, teamId, input.ownerId);
  const opportunityId = crypto.randomUUID();
  const fields = {
    ...input, opportunityId, teamId, ownerId, pipelineId: pipeline.pipelineId, stage: stage.key, status: "open", stageEnteredAt: at, stageSeq: 1,
    amount: input.amount ?? 0, currency: input.currency ?? "CNY",
    probability: input.probability ?? stage.probability, forecastCategory: input.forecastCategory ?? stage.forecastCategory,
  };
  const stay = { opportunityId, seq: 1, teamId, pipelineId: pipeline.pipelineId, stage: stage.key, kind: "created" as const, enteredAt: at, movedBy: ctx.actor.userId, amount: fields.amount, probability: fields.probability, expectedCloseDate: input.expectedCloseDate };
  return (await createRecord(ctx, opportunityKind, fields, [openStay(ctx, stay)])) as Opportunity;
}

export const getOpportunity = (ctx: Ctx, id: string) => readOwned<Opportunity>(ctx, opportunityKind, id);

/** The deal with its whole stage history, in one Query of the deal's partition. */
export async function getOpportunityWithHistory(ctx: Ctx, opportunityId: string) {
  const opportunity = await getOpportunity(ctx, opportunityId);
  const { data } = await ctx.db.collections.deal({ opportunityId }).go({ pages: "all" });
  return { ...opportunity, flags: dealFlags(opportunity), stageHistory: data.stageHistory.sort((a, b) => a.seq - b.seq) };
}

/** Edits a deal; a stage change passes the pipeline's rules and gates (stage-move.ts) in the same write. */
export async function updateOpportunity(ctx: Ctx, opportunityId: string, raw: z.input<typeof updateOpportunitySchema>): Promise<Opportunity> {
  const input = parse(updateOpportunitySchema, raw);
  let change: StageChange | undefined;
  return updateOwned<Opportunity>(ctx, opportunityKind, opportunityId, input, {
    keyFields: opportunityKeyFields,
    validate: async (current, patch) => {
      assertOpenAndCurrent(current, input.version);
      await assertCommittee(ctx, current.accountId, input.contacts);
      Object.assign(patch, slipCounters(current, patch.expectedCloseDate));
      change = await planStageChange(ctx, current, patch);
    },
    extra: (r) => (change ? stageChangeWrites(ctx, change, r) : []),
    events: (r) => (change ? stageChangeEvents(ctx, change, r) : []),
  });
}

/** Kanban columns and "my deals": by team or owner, then status, pipeline and stage (each narrowing the last). */
export async function listOpportunities(ctx: Ctx, q: ListOpportunitiesQuery & { limit: number; cursor?: string | undefined }) {
  if (q.stage && !q.pipelineId) throw new ValidationError("Filtering by stage needs the pipelineId too", "pipelineId");
  const { opportunity } = ctx.db.entities;
  const narrow = { status: q.status, ...(q.pipelineId && { pipelineId: q.pipelineId }), ...(q.pipelineId && q.stage && { stage: q.stage }) };
  if (q.accountId) {
    return pageVisible(ctx, opportunity.query.byAccount({ accountId: q.accountId }).where((a, op) => op.eq(a.status, q.status)), q);
  }
  if (q.ownerId) {
    return pageVisible(ctx, opportunity.query.byOwnerStage({ ownerId: q.ownerId, ...narrow }), q);
  }
  return page(opportunity.query.byTeamStage({ teamId: listTeam(ctx.actor, q.teamId), ...narrow }), q);
}

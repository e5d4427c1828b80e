import type { EntityItem } from "electrodb";
import { UnprocessableError, ValidationError } from "../errors.ts";
import { parse } from "../records/schema.ts";
import { listTeam } from "../records/access.ts";
import type { Ctx } from "../records/context.ts";
import { page } from "../records/list.ts";
import { createRecord, domainEvent, type RecordKind, type UpdateResult } from "../records/record-writer.ts";
import { initialOwner, readOwned, updateOwned, visibleOnly } from "../records/owned-record.ts";
import { accountFor } from "../contact/contact.ts";
import { findStage, pipelineForTeam, type Pipeline } from "../pipeline/pipeline.ts";
import type { OpportunityEntity } from "./opportunity.entity.ts";
import { dealFlags } from "./deal-flags.ts";
import type { z } from "zod";
import { createOpportunitySchema, updateOpportunitySchema, type ListOpportunitiesQuery, type UpdateOpportunityInput } from "./opportunity.schema.ts";
import { closeStay, openStay } from "./stage-history.ts";

export type Opportunity = EntityItem<typeof OpportunityEntity>;
export const opportunityKind: RecordKind = { type: "opportunity", entity: "opportunity", idField: "opportunityId" };
const keyFields = ["teamId", "status", "pipelineId", "stage", "createdAt", "ownerId", "accountId"] as const;

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
  const stage = input.stage ? findStage(pipeline, input.stage) : pipeline.stages[0];
  if (!stage) throw new UnprocessableError("no_stage", "The pipeline has no stages", "pipelineId");
  await assertCommittee(ctx, account.accountId, input.contacts);
  const ownerId = await initialOwner(ctx, teamId, input.ownerId);
  const opportunityId = crypto.randomUUID();
  const at = ctx.clock.now().toISOString();
  const fields = {
    ...input, opportunityId, teamId, ownerId, pipelineId: pipeline.pipelineId, stage: stage.key, status: "open", stageEnteredAt: at, stageSeq: 1,
    amount: input.amount ?? 0, currency: input.currency ?? "CNY",
    probability: input.probability ?? stage.probability, forecastCategory: input.forecastCategory ?? stage.forecastCategory,
  };
  const stay = { opportunityId, seq: 1, teamId, pipelineId: pipeline.pipelineId, stage: stage.key, enteredAt: at, movedBy: ctx.actor.userId, amount: fields.amount, probability: fields.probability, expectedCloseDate: input.expectedCloseDate };
  return (await createRecord(ctx, opportunityKind, fields, [openStay(ctx, stay)])) as Opportunity;
}

export const getOpportunity = (ctx: Ctx, id: string) => readOwned<Opportunity>(ctx, opportunityKind, id);

/** The deal with its whole stage history, in one Query of the deal's partition. */
export async function getOpportunityWithHistory(ctx: Ctx, opportunityId: string) {
  const opportunity = await getOpportunity(ctx, opportunityId);
  const { data } = await ctx.db.collections.deal({ opportunityId }).go({ pages: "all" });
  return { ...opportunity, flags: dealFlags(opportunity), stageHistory: data.stageHistory.sort((a, b) => a.seq - b.seq) };
}

/** How a patch changes stage and status, and the fields that follow from it (probability, close time...). */
async function transition(ctx: Ctx, current: Opportunity, input: UpdateOpportunityInput) {
  if (current.status !== "open") throw new UnprocessableError("deal_closed", `This deal is ${current.status}; reopen it before changing it`, "status");
  const derived: Record<string, unknown> = {};
  const at = ctx.clock.now().toISOString();
  if (input.stage && input.stage !== current.stage) {
    const pipeline = await pipelineForTeam(ctx, current.pipelineId, current.teamId);
    const stage = findStage(pipeline, input.stage);
    Object.assign(derived, { stageEnteredAt: at, stageSeq: current.stageSeq + 1, probability: input.probability ?? stage.probability, forecastCategory: input.forecastCategory ?? stage.forecastCategory });
  }
  if (input.status && input.status !== "open") {
    if (input.status !== "won" && !input.closeReason) throw new ValidationError(`A ${input.status} deal needs a close reason`, "closeReason");
    const won = input.status === "won";
    Object.assign(derived, { closedAt: at, probability: won ? 100 : 0, forecastCategory: won ? "closed" : "omitted" });
  }
  return derived;
}

function stageWrites(ctx: Ctx, before: Opportunity, r: UpdateResult) {
  const after = r.record as Opportunity;
  const writes = [];
  if (after.stage !== before.stage || after.status !== "open") writes.push(closeStay(ctx, before.opportunityId, before.stageSeq, r.at));
  if (after.stage !== before.stage) {
    writes.push(openStay(ctx, { opportunityId: after.opportunityId, seq: after.stageSeq, teamId: after.teamId, pipelineId: after.pipelineId, stage: after.stage, fromStage: before.stage, enteredAt: r.at, movedBy: ctx.actor.userId, amount: after.amount, probability: after.probability, expectedCloseDate: after.expectedCloseDate }));
  }
  return writes;
}

function stageEvents(ctx: Ctx, before: Opportunity, r: UpdateResult) {
  const after = r.record as Opportunity;
  const base = { opportunityId: after.opportunityId, teamId: after.teamId, ownerId: after.ownerId, pipelineId: after.pipelineId };
  const events = [];
  if (after.stage !== before.stage) events.push(domainEvent(ctx, "opportunity.stage_changed", { ...base, fromStage: before.stage, toStage: after.stage, seq: after.stageSeq }, r.at));
  if (after.status !== before.status) events.push(domainEvent(ctx, "opportunity.closed", { ...base, status: after.status, closeReason: after.closeReason ?? null, amount: after.amount }, r.at));
  return events;
}

export async function updateOpportunity(ctx: Ctx, opportunityId: string, raw: z.input<typeof updateOpportunitySchema>): Promise<Opportunity> {
  const input = parse(updateOpportunitySchema, raw);
  let before: Opportunity | undefined;
  return updateOwned<Opportunity>(ctx, opportunityKind, opportunityId, input, {
    keyFields,
    validate: async (current, patch) => {
      before = current;
      Object.assign(patch, await transition(ctx, current, input));
      await assertCommittee(ctx, current.accountId, input.contacts);
    },
    extra: (r) => (before ? stageWrites(ctx, before, r) : []),
    events: (r) => (before ? stageEvents(ctx, before, r) : []),
  });
}

/** Kanban columns and "my deals": by team or owner, then status, pipeline and stage (each narrowing the last). */
export async function listOpportunities(ctx: Ctx, q: ListOpportunitiesQuery & { limit: number; cursor?: string | undefined }) {
  if (q.stage && !q.pipelineId) throw new ValidationError("Filtering by stage needs the pipelineId too", "pipelineId");
  const { opportunity } = ctx.db.entities;
  const narrow = { status: q.status, ...(q.pipelineId && { pipelineId: q.pipelineId }), ...(q.pipelineId && q.stage && { stage: q.stage }) };
  if (q.accountId) {
    const result = await page(opportunity.query.byAccount({ accountId: q.accountId }).where((a, op) => op.eq(a.status, q.status)), q);
    return { ...result, items: visibleOnly(ctx, result.items) };
  }
  if (q.ownerId) {
    const result = await page(opportunity.query.byOwnerStage({ ownerId: q.ownerId, ...narrow }), q);
    return { ...result, items: visibleOnly(ctx, result.items) };
  }
  return page(opportunity.query.byTeamStage({ teamId: listTeam(ctx.actor, q.teamId), ...narrow }), q);
}

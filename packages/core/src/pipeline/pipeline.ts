import { z } from "zod";
import type { EntityItem } from "electrodb";
import { UnprocessableError } from "../errors.ts";
import { assertReadable, listTeam, requireRole } from "../records/access.ts";
import type { Ctx } from "../records/context.ts";
import { page } from "../records/list.ts";
import { createRecord, getRecord, updateRecord, type RecordKind } from "../records/record-writer.ts";
import { longText, shortText, versionField, parse } from "../records/schema.ts";
import { assertTeamExists } from "../team/team.ts";
import { committeeRoles, forecastCategories } from "../opportunity/opportunity.entity.ts";
import { activityTypes } from "../activity/activity.entity.ts";
import { gateFields } from "./gate-vocabulary.ts";
import { assertNoOpenDealsInRemovedStages } from "./pipeline-guard.ts";
import type { PipelineEntity } from "./pipeline.entity.ts";

export type Pipeline = EntityItem<typeof PipelineEntity>;
export type Stage = Pipeline["stages"][number];
export const pipelineKind: RecordKind = { type: "pipeline", entity: "pipeline", idField: "pipelineId" };

const stageSchema = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, "Use lower-case letters, digits and _"),
    name: shortText,
    nameZh: shortText.optional(),
    probability: z.number().min(0).max(100),
    forecastCategory: z.enum(forecastCategories),
    // Fractions of a day are allowed so tests and demos can compress time (0.00001 day is under a second).
    slaDays: z.number().min(0.00001).max(365).optional(),
    guidance: longText.optional(),
    requiredFields: z.array(z.enum(gateFields)).max(30).default([]),
    requiredActivities: z.array(z.enum(activityTypes)).max(10).default([]),
    requiredRoles: z.array(z.enum(committeeRoles)).max(6).default([]),
  })
  .strict();

const stages = z
  .array(stageSchema)
  .min(1)
  .max(20)
  .refine((s) => new Set(s.map((x) => x.key)).size === s.length, "Stage keys must be unique");

const pipelineFields = { name: shortText, businessLine: shortText.optional(), isDefault: z.boolean().optional(), allowSkip: z.boolean().optional(), stages };
export const createPipelineSchema = z.object({ ...pipelineFields, teamId: z.string().min(1).optional() }).strict();
export const updatePipelineSchema = z.object({ ...versionField, ...z.object(pipelineFields).partial().shape }).strict();
export type PipelineInput = z.input<typeof createPipelineSchema>;

export async function createPipeline(ctx: Ctx, raw: z.input<typeof createPipelineSchema>): Promise<Pipeline> {
  const input = parse(createPipelineSchema, raw);
  requireRole(ctx.actor, "admin");
  const teamId = input.teamId ?? ctx.actor.teamId;
  await assertTeamExists(ctx, teamId);
  return (await createRecord(ctx, pipelineKind, { ...input, teamId })) as Pipeline;
}

export async function getPipeline(ctx: Ctx, pipelineId: string): Promise<Pipeline> {
  return assertReadable(ctx.actor, "pipeline", pipelineId, (await getRecord(ctx.db, pipelineKind, pipelineId)) as Pipeline | null);
}

export async function updatePipeline(ctx: Ctx, pipelineId: string, raw: z.input<typeof updatePipelineSchema>): Promise<Pipeline> {
  const input = parse(updatePipelineSchema, raw);
  requireRole(ctx.actor, "admin");
  const current = await getPipeline(ctx, pipelineId);
  const { version, ...patch } = input;
  // A stale version is left to the write below (409) rather than judged here.
  if (patch.stages && current.version === version) await assertNoOpenDealsInRemovedStages(ctx, current, patch.stages);
  return (await updateRecord(ctx, pipelineKind, current, version, patch, { keyFields: ["teamId", "name"] })).record as Pipeline;
}

export async function listPipelines(ctx: Ctx, q: { teamId?: string | undefined; limit: number; cursor?: string | undefined }) {
  return page(ctx.db.entities.pipeline.query.byTeamName({ teamId: listTeam(ctx.actor, q.teamId) }), q);
}

export function findStage(pipeline: Pipeline, key: string, field = "stage"): Stage {
  const stage = pipeline.stages.find((s) => s.key === key);
  if (!stage) {
    const keys = pipeline.stages.map((s) => s.key).join(", ");
    throw new UnprocessableError("unknown_stage", `Stage "${key}" is not in pipeline "${pipeline.name}" (stages: ${keys})`, field);
  }
  return stage;
}

/** A pipeline a record in `teamId` may use: it must exist and belong to that team. */
export async function pipelineForTeam(ctx: Ctx, pipelineId: string, teamId: string): Promise<Pipeline> {
  const p = (await getRecord(ctx.db, pipelineKind, pipelineId)) as Pipeline | null;
  if (!p || p.teamId !== teamId) throw new UnprocessableError("unknown_pipeline", `Pipeline ${pipelineId} is not one of this team's pipelines`, "pipelineId");
  return p;
}

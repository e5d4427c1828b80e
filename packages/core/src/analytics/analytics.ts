import { z } from "zod";
import type { Ctx } from "../records/context.ts";
import { listTeam } from "../records/access.ts";
import { UnprocessableError } from "../errors.ts";
import { isoDate } from "../records/schema.ts";
import { pipelineForTeam } from "../pipeline/pipeline.ts";
import { funnel } from "./funnel.ts";
import { velocity } from "./velocity.ts";
import { winLoss } from "./win-loss.ts";
import { loadCohort, withSegments } from "./journey-source.ts";
import type { Journey } from "./journey.ts";
import { currencyTable, withReportingAmounts, type CurrencyTable } from "../currency/currency.ts";
import { stageSla } from "./stage-sla.ts";

export const cohortReportQuery = z
  .object({
    teamId: z.string().min(1).optional(),
    pipelineId: z.string().min(1).optional(),
    ownerId: z.string().min(1).optional(),
    /** First and last day (inclusive, UTC) on which the cohort's deals were created; default the last 90 days. */
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .strict();

const DAY_MS = 86_400_000;

async function cohortOf(ctx: Ctx, raw: z.infer<typeof cohortReportQuery>, cohort: "created" | "entered" = "created") {
  const teamId = listTeam(ctx.actor, raw.teamId);
  const today = ctx.clock.now().toISOString().slice(0, 10);
  const to = raw.to ?? today;
  const from = raw.from ?? new Date(Date.parse(to) - 89 * DAY_MS).toISOString().slice(0, 10);
  if (from > to) throw new UnprocessableError("bad_period", "`from` must not be after `to`", "from");
  const pipelineId = raw.pipelineId ?? (await defaultPipelineId(ctx, teamId));
  const pipeline = await pipelineForTeam(ctx, pipelineId, teamId);
  const end = new Date(Date.parse(to) + DAY_MS).toISOString();
  const start = `${from}T00:00:00.000Z`;
  const [loaded, table] = await Promise.all([loadCohort(ctx, { teamId, pipelineId, from: start, to: end, ownerId: raw.ownerId, cohort }), currencyTable(ctx.db)]);
  const { journeys, unconverted } = inReportingCurrency(loaded, table);
  const period = { teamId, pipelineId, ownerId: raw.ownerId ?? null, from, to, currency: table.reportingCurrency, unconverted };
  return { journeys, pipeline, stageKeys: pipeline.stages.map((s) => s.key), period, range: { from: start, to: end } };
}

/** Deal amounts in the reporting currency; a deal without a rate still counts, its money is listed apart. */
function inReportingCurrency(journeys: readonly Journey[], table: CurrencyTable) {
  const { items: deals, unconverted } = withReportingAmounts(journeys.map((j) => j.deal), table);
  return { journeys: journeys.map((j, i) => ({ ...j, deal: deals[i] ?? j.deal })), unconverted };
}

async function defaultPipelineId(ctx: Ctx, teamId: string): Promise<string> {
  const { data } = await ctx.db.entities.pipeline.query.byTeamName({ teamId }).go({ limit: 1 });
  const first = data[0];
  if (!first) throw new UnprocessableError("no_pipeline", "This team has no pipeline yet", "pipelineId");
  return first.pipelineId;
}

/** Funnel with stage-to-stage conversion of the deals created in the period. */
export async function funnelReport(ctx: Ctx, q: z.infer<typeof cohortReportQuery>) {
  const { journeys, stageKeys, period } = await cohortOf(ctx, q);
  return { ...period, ...funnel(journeys, stageKeys) };
}

/** Time in stage, sales cycle, skips and regressions of the deals created in the period. */
export async function velocityReport(ctx: Ctx, q: z.infer<typeof cohortReportQuery>) {
  const { journeys, stageKeys, period } = await cohortOf(ctx, q);
  return { ...period, deals: journeys.length, ...velocity(journeys, stageKeys) };
}

/** Win rates and loss reasons of the deals created in the period that have closed. */
export async function winLossReport(ctx: Ctx, q: z.infer<typeof cohortReportQuery>) {
  const { journeys, stageKeys, period } = await cohortOf(ctx, q);
  return { ...period, ...winLoss(await withSegments(ctx, journeys), stageKeys) };
}

/** Stage-SLA compliance of the stays that began in the period, by stage, owner and month. */
export async function stageSlaReport(ctx: Ctx, q: z.infer<typeof cohortReportQuery>) {
  const { journeys, pipeline, period, range } = await cohortOf(ctx, q, "entered");
  const limits = new Map(pipeline.stages.flatMap((s) => (s.slaDays === undefined ? [] : [[s.key, s.slaDays] as const])));
  return { ...period, ...stageSla(journeys, limits, range, ctx.clock.now().toISOString()) };
}

import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { Analytics, WinModel } from "@dealflow/core";
import { parse } from "@dealflow/core/records/schema";
import type { ApiEnv } from "../deps.ts";
import { errorSchema, jsonBody } from "./crud.ts";

const doc = { security: [{ bearer: [] }], tags: ["Analytics"] };
const json = (schema: z.ZodType, description: string) => ({ description, content: { "application/json": { schema } } });
const errors = { 400: json(errorSchema, "Invalid query"), 403: json(errorSchema, "Another team"), 422: json(errorSchema, "Unknown pipeline or bad period") };
const report = z.object({ teamId: z.string(), pipelineId: z.string(), from: z.string(), to: z.string() }).loose();

const reports = [
  { path: "/analytics/funnel", run: Analytics.funnelReport, summary: "Funnel of the deals created in the period: count and amount reaching each stage, stage-to-stage conversion from stage history, and what is open now" },
  { path: "/analytics/velocity", run: Analytics.velocityReport, summary: "Average and median days in each stage, sales-cycle length (created → won), stage skips and regressions, close-date slips" },
  { path: "/analytics/stage-sla", run: Analytics.stageSlaReport, summary: "Stage-SLA compliance of the stays that began in the period (left the stage within its slaDays), by stage, owner and month" },
  { path: "/analytics/win-loss", run: Analytics.winLossReport, summary: "Win rate by owner, competitor, stage reached, priority, lead source, industry and company size; loss reasons and who won; invalid deals kept out" },
] as const;

/** Pipeline reports over a cohort (deals created between `from` and `to`), computed from stored stage history. */
export function analyticsRouter() {
  const app = new OpenAPIHono<ApiEnv>();
  for (const r of reports) {
    app.openAPIRegistry.registerPath(createRoute({ ...doc, method: "get", path: r.path, summary: r.summary, request: { query: Analytics.cohortReportQuery }, responses: { 200: json(report, "The report"), ...errors } }));
    app.get(r.path, async (c) => c.json(await r.run(c.var.ctx, parse(Analytics.cohortReportQuery, c.req.query())), 200));
  }
  const reg = app.openAPIRegistry;
  reg.registerPath(createRoute({ ...doc, method: "get", path: "/analytics/lead-sources", summary: "Lead → opportunity → won per lead source, for the leads created between `from` and `to`", request: { query: Analytics.leadSourceQuery }, responses: { 200: json(z.object({ bySource: z.array(z.object({ source: z.string() }).loose()) }).loose(), "Conversion by source"), ...errors } }));
  app.get("/analytics/lead-sources", async (c) => c.json(await Analytics.leadSourceReport(c.var.ctx, parse(Analytics.leadSourceQuery, c.req.query())), 200));
  reg.registerPath(createRoute({ ...doc, method: "get", path: "/analytics/response-sla", summary: "Managers: lead response-SLA compliance (met in time vs breached or late) and median minutes to first contact, overall, by rep, by month and by rep and month", request: { query: Analytics.responseSlaQuery }, responses: { 200: json(z.object({ overall: z.object({ compliance: z.number().nullable() }).loose() }).loose(), "Compliance over time"), ...errors } }));
  app.get("/analytics/response-sla", async (c) => c.json(await Analytics.responseSlaReport(c.var.ctx, parse(Analytics.responseSlaQuery, c.req.query())), 200));
  const team = { query: WinModel.winModelQuery };
  reg.registerPath(createRoute({ ...doc, method: "get", path: "/opportunities/{id}/win-probability", summary: "The win probability learned from the team's closed deals, with its top factors up and down, next to the deal's own probability", request: { params: z.object({ id: z.string() }) }, responses: { 200: json(z.object({ probability: z.number().nullable(), dealProbability: z.number() }).loose(), "The prediction"), ...errors } }));
  app.get("/opportunities/:id/win-probability", async (c) => c.json(await WinModel.winProbability(c.var.ctx, c.req.param("id")), 200));
  const settings = json(z.object({ features: z.array(z.enum(WinModel.optionalFeatures)), version: z.number().nullable() }).loose(), "The features the model learns from besides the stage");
  reg.registerPath(createRoute({ ...doc, method: "get", path: "/settings/win-model", summary: "The fields the team's win model learns from besides the stage reached (all of them until saved)", request: team, responses: { 200: settings, ...errors } }));
  app.get("/settings/win-model", async (c) => c.json(await WinModel.getWinModelSettings(c.var.ctx, parse(WinModel.winModelQuery, c.req.query()).teamId ?? c.var.ctx.actor.teamId), 200));
  reg.registerPath(createRoute({ ...doc, method: "put", path: "/settings/win-model", summary: "Manager/admin: choose the fields the model learns from; it retrains on them at once. Send the version read once saved", request: { ...team, body: { required: true, content: { "application/json": { schema: WinModel.updateWinModelSettingsSchema } } } }, responses: { 200: settings, 409: json(errorSchema, "Stale version"), ...errors } }));
  app.put("/settings/win-model", async (c) => c.json(await WinModel.saveWinModelSettings(c.var.ctx, parse(WinModel.winModelQuery, c.req.query()), await jsonBody(c)), 200));
  reg.registerPath(createRoute({ ...doc, method: "get", path: "/analytics/win-model", summary: "Calibration of the win model on closed deals (leave-one-out Brier score and reliability bands) against the stage defaults", request: team, responses: { 200: json(z.object({ calibration: z.object({ brier: z.number().nullable() }).loose() }).loose(), "The calibration report"), ...errors } }));
  app.get("/analytics/win-model", async (c) => c.json(await WinModel.winModelReport(c.var.ctx, parse(WinModel.winModelQuery, c.req.query())), 200));
  reg.registerPath(createRoute({ ...doc, method: "post", path: "/analytics/win-model/rebuild", summary: "Manager/admin: retrain the team's model now (it also retrains after every close)", request: team, responses: { 200: json(z.object({ rows: z.number() }).loose(), "Rows trained on"), ...errors } }));
  app.post("/analytics/win-model/rebuild", async (c) => c.json(await WinModel.rebuildTeamWinModel(c.var.ctx, parse(WinModel.winModelQuery, c.req.query())), 200));
  return app;
}

import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { getLeadScore, getScoringRules, rescoreTeam, scoringQuery, updateScoringRules, updateScoringRulesSchema } from "@dealflow/core/scoring/index";
import { parse } from "@dealflow/core/records/schema";
import type { ApiEnv } from "../deps.ts";
import { errorSchema, jsonBody } from "./crud.ts";

const doc = { security: [{ bearer: [] }], tags: ["Lead scoring"] };
const json = (schema: z.ZodType, description: string) => ({ description, content: { "application/json": { schema } } });
const errors = Object.fromEntries([400, 403, 404, 409, 422].map((s) => [s, json(errorSchema, "See `code` and `field`")]));
const team = { query: z.object({ teamId: z.string().optional().openapi({ description: "Admins: the team (default: the caller's own)" }) }) };
const rules = z.object({ teamId: z.string(), source: z.enum(["saved", "defaults"]), version: z.number().nullable() }).loose();
const report = z.object({ teamId: z.string(), scanned: z.number(), rescored: z.number(), unchanged: z.number(), qualified: z.number() });

/** A team's scoring rules, re-scoring its open leads, and one lead's score explained. */
export function scoringRouter() {
  const app = new OpenAPIHono<ApiEnv>();
  const reg = app.openAPIRegistry;

  reg.registerPath(createRoute({ ...doc, method: "get", path: "/settings/scoring", summary: "The team's scoring rules: fit rules on lead attributes, interest points per marketing activity and per touch, half-life of interest decay, qualify threshold, grade bands (built-in defaults until saved, version null)", request: team, responses: { 200: json(rules, "Effective rules"), ...errors } }));
  app.get("/settings/scoring", async (c) => c.json(await getScoringRules(c.var.ctx, parse(scoringQuery, c.req.query()).teamId), 200));

  reg.registerPath(createRoute({ ...doc, method: "put", path: "/settings/scoring", summary: "The team's manager or an admin replaces the rules (send the version read once saved). Leads keep their scores: new events use the new rules; POST /settings/scoring/rescore applies them to all", request: { ...team, body: { required: true, content: { "application/json": { schema: updateScoringRulesSchema } } } }, responses: { 200: json(rules, "Stored rules"), ...errors } }));
  app.put("/settings/scoring", async (c) => c.json(await updateScoringRules(c.var.ctx, parse(updateScoringRulesSchema, await jsonBody(c)), parse(scoringQuery, c.req.query()).teamId), 200));

  reg.registerPath(createRoute({ ...doc, method: "post", path: "/settings/scoring/rescore", summary: "The team's manager or an admin re-scores every open lead of the team under the current rules and today's decay (qualifies leads that now cross the threshold)", request: team, responses: { 200: json(report, "What was re-scored"), ...errors } }));
  app.post("/settings/scoring/rescore", async (c) => c.json(await rescoreTeam(c.var.ctx, parse(scoringQuery, c.req.query()).teamId), 200));

  reg.registerPath(createRoute({ ...doc, method: "get", path: "/leads/{id}/score", summary: "A lead's stored score and its explanation now: each matching fit rule and each behaviour with its points and decayed points", request: { params: z.object({ id: z.string().min(1).max(64) }) }, responses: { 200: json(z.object({ stored: z.object({}).loose(), current: z.object({}).loose() }).loose(), "Score and explanation"), ...errors } }));
  app.get("/leads/:id/score", async (c) => c.json(await getLeadScore(c.var.ctx, c.req.param("id")), 200));
  return app;
}

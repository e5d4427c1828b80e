import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import * as Risk from "@dealflow/core/risk/index";
import type { ApiEnv } from "../deps.ts";
import { errorSchema } from "./crud.ts";

const doc = { security: [{ bearer: [] }], tags: ["Risk"] };
const json = (schema: z.ZodType, description: string) => ({ description, content: { "application/json": { schema } } });
const errors = { 400: json(errorSchema, "Invalid query"), 403: json(errorSchema, "Another rep's list or another team"), 404: json(errorSchema, "No such deal"), 422: json(errorSchema, "Owner not on the team") };
const text = z.object({ en: z.string(), zh: z.string() });
const alert = z.object({
  code: z.enum(Risk.riskCodes),
  severity: z.enum(["high", "medium", "low"]),
  message: text,
  facts: z.record(z.string(), z.unknown()),
  action: text.extend({ source: z.enum(["gate", "playbook", "rule"]) }),
});
const rankedDeal = z.object({ opportunityId: z.string(), name: z.string(), ownerId: z.string().nullable(), stage: z.string(), amount: z.number(), score: z.number(), alerts: z.array(alert) }).loose();

/**
 * Risk alerts and next best actions over open deals. Cost per call: see Risk.riskList / Risk.dealRisks (a Query
 * of the open deals on the owner or team index, then 2–3 small Queries per deal; no Scan).
 */
export function riskRouter() {
  const app = new OpenAPIHono<ApiEnv>();
  const reg = app.openAPIRegistry;
  reg.registerPath(createRoute({
    ...doc, method: "get", path: "/risks", request: { query: Risk.riskListQuery },
    summary: "Open deals with risk alerts, ranked by severity and amount, with the next best action from the stage playbook or gate; reps get their own, managers the team's or one rep's (ownerId)",
    responses: { 200: json(z.object({ teamId: z.string(), ownerId: z.string().nullable(), checked: z.number(), deals: z.array(rankedDeal), byRep: z.array(z.object({ ownerId: z.string(), score: z.number() }).loose()) }).loose(), "The ranked list"), ...errors },
  }));
  app.get("/risks", async (c) => c.json(await Risk.riskList(c.var.ctx, c.req.query()), 200));

  reg.registerPath(createRoute({
    ...doc, method: "get", path: "/risks/deals", request: { query: Risk.dealsRiskQuery },
    summary: `Named deals' risk alerts (ids: comma-separated, at most ${Risk.maxRiskIds}), each as /opportunities/{id}/risks answers it, in the order asked; ids unknown or outside the caller's view are listed as missing. A board asks this for the cards in view`,
    responses: { 200: json(z.object({ asOf: z.string(), deals: z.array(rankedDeal.extend({ status: z.string() })), missing: z.array(z.string()) }), "The deals' alerts"), 400: errors[400] },
  }));
  app.get("/risks/deals", async (c) => c.json(await Risk.dealsRisks(c.var.ctx, c.req.query()), 200));

  reg.registerPath(createRoute({
    ...doc, method: "get", path: "/opportunities/{id}/risks", request: { params: z.object({ id: z.string() }), query: Risk.dealRiskQuery },
    summary: "One deal's risk alerts with their facts and next best actions (none once the deal is closed)",
    responses: { 200: json(rankedDeal.extend({ status: z.string() }), "The deal's alerts"), ...errors },
  }));
  app.get("/opportunities/:id/risks", async (c) => c.json(await Risk.dealRisks(c.var.ctx, c.req.param("id"), c.req.query()), 200));
  return app;
}

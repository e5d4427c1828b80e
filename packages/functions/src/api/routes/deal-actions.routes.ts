import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { Opportunity, Settings } from "@dealflow/core";
import { parse } from "@dealflow/core/records/schema";
import type { ApiEnv } from "../deps.ts";
import { errorSchema, jsonBody } from "./crud.ts";

const doc = { security: [{ bearer: [] }] };
const id = z.object({ id: z.string().min(1).max(64) });
const key = z.object({ key: z.string().min(1).max(60) });
const json = (schema: z.ZodType, description: string) => ({ description, content: { "application/json": { schema } } });
const body = (schema: z.ZodType) => ({ body: { required: true, content: { "application/json": { schema } } } });
const errors = {
  400: json(errorSchema, "Invalid input"), 403: json(errorSchema, "Not allowed for your role"), 404: json(errorSchema, "No such record visible to you"),
  409: json(errorSchema, "Stale version"), 422: json(errorSchema, "Breaks a business rule (gate_blocked, stage_skip, deal_closed, unknown_reason...)"),
};
const deal = z.object({ opportunityId: z.string(), status: z.string(), stage: z.string(), version: z.number() }).loose();
const bulkResult = z.object({ results: z.array(z.object({ opportunityId: z.string(), status: z.number(), version: z.number().optional(), error: errorSchema.optional() })) });
const reasons = z.object({ teamId: z.string(), source: z.enum(["team", "defaults"]), items: z.array(z.object({ key: z.string(), label: z.string(), active: z.boolean() }).loose()) });

/** Deal lifecycle actions beyond plain edits: close, reopen, bulk stage moves; and the team's lost reasons. */
export function dealActionsRouter() {
  const app = new OpenAPIHono<ApiEnv>();
  const reg = app.openAPIRegistry;
  const tags = ["Opportunities"];

  reg.registerPath(createRoute({ ...doc, tags, method: "post", path: "/opportunities/bulk-move", summary: "Move up to 50 deals; each item is checked like a single move and answered on its own", request: body(Opportunity.bulkMoveSchema), responses: { 200: json(bulkResult, "One result per item, in order"), ...errors } }));
  app.post("/opportunities/bulk-move", async (c) => c.json(await Opportunity.bulkMoveOpportunities(c.var.ctx, parse(Opportunity.bulkMoveSchema, await jsonBody(c))), 200));

  reg.registerPath(createRoute({ ...doc, tags, method: "post", path: "/opportunities/{id}/close", summary: "Close a deal as won, lost (reason + winning competitor) or invalid (reason)", request: { params: id, ...body(Opportunity.closeOpportunitySchema) }, responses: { 200: json(deal, "The closed deal"), ...errors } }));
  app.post("/opportunities/:id/close", async (c) => c.json(await Opportunity.closeOpportunity(c.var.ctx, c.req.param("id"), parse(Opportunity.closeOpportunitySchema, await jsonBody(c))), 200));

  reg.registerPath(createRoute({ ...doc, tags, method: "post", path: "/opportunities/{id}/reopen", summary: "Reopen a closed deal in the stage it closed in; a reason is required and audited", request: { params: id, ...body(Opportunity.reopenOpportunitySchema) }, responses: { 200: json(deal, "The reopened deal"), ...errors } }));
  app.post("/opportunities/:id/reopen", async (c) => c.json(await Opportunity.reopenOpportunity(c.var.ctx, c.req.param("id"), parse(Opportunity.reopenOpportunitySchema, await jsonBody(c))), 200));

  const stags = ["Settings"];
  reg.registerPath(createRoute({ ...doc, tags: stags, method: "get", path: "/settings/lost-reasons", summary: "The team's lost/invalid reasons (built-in defaults until an admin stores some)", request: { query: Settings.listLostReasonsQuery }, responses: { 200: json(reasons, "The reasons"), ...errors } }));
  app.get("/settings/lost-reasons", async (c) => c.json(await Settings.listLostReasons(c.var.ctx, c.req.query()), 200));

  reg.registerPath(createRoute({ ...doc, tags: stags, method: "post", path: "/settings/lost-reasons", summary: "Admin: add a reason to a team's list", request: body(Settings.createLostReasonSchema), responses: { 201: json(z.object({ key: z.string() }).loose(), "The stored reason"), ...errors } }));
  app.post("/settings/lost-reasons", async (c) => c.json(await Settings.createLostReason(c.var.ctx, parse(Settings.createLostReasonSchema, await jsonBody(c))), 201));

  reg.registerPath(createRoute({ ...doc, tags: stags, method: "patch", path: "/settings/lost-reasons/{key}", summary: "Admin: relabel, (de)activate or retarget a stored reason", request: { params: key, ...body(Settings.updateLostReasonSchema) }, responses: { 200: json(z.object({ key: z.string() }).loose(), "The changed reason"), ...errors } }));
  app.patch("/settings/lost-reasons/:key", async (c) => c.json(await Settings.updateLostReason(c.var.ctx, c.req.param("key"), parse(Settings.updateLostReasonSchema, await jsonBody(c))), 200));
  return app;
}

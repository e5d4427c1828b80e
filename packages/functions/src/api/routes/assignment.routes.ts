import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { assignLeadSchema, assignManually, getAssignmentSettings, teamLoads, teamLoadsQuery, updateAssignmentSettings, updateAssignmentSettingsSchema } from "@dealflow/core/assignment/index";
import { parse } from "@dealflow/core/records/schema";
import type { ApiEnv } from "../deps.ts";
import { errorSchema, jsonBody } from "./crud.ts";

const doc = { security: [{ bearer: [] }], tags: ["Assignment"] };
const json = (schema: z.ZodType, description: string) => ({ description, content: { "application/json": { schema } } });
const errors = Object.fromEntries([400, 403, 404, 409, 422].map((s) => [s, json(errorSchema, "See `code` and `field`")]));
const body = (schema: z.ZodType) => ({ required: true, content: { "application/json": { schema } } });
const settings = z.object({ territories: z.array(z.object({}).loose()), methods: z.record(z.string(), z.string()), source: z.enum(["saved", "teams"]), version: z.number().nullable() });

/** Assignment rules (territories, each team's method), manual assignment of a lead, and reps' loads. */
export function assignmentRouter() {
  const app = new OpenAPIHono<ApiEnv>();
  const reg = app.openAPIRegistry;

  reg.registerPath(createRoute({ ...doc, method: "get", path: "/settings/assignment", summary: "Territory rules (first match picks the team) and each team's method; without saved rules the teams' own regions and industries, round-robin (version null)", responses: { 200: json(settings, "Effective rules"), ...errors } }));
  app.get("/settings/assignment", async (c) => c.json(await getAssignmentSettings(c.var.ctx), 200));

  reg.registerPath(createRoute({ ...doc, method: "put", path: "/settings/assignment", summary: "Admins replace the rules: `territories` [{match: {regions?, industries?, companySizes?}, teamId}] in order, `methods` {teamId: round_robin | least_loaded}; send the version read once saved", request: { body: body(updateAssignmentSettingsSchema) }, responses: { 200: json(settings, "Stored rules"), ...errors } }));
  app.put("/settings/assignment", async (c) => c.json(await updateAssignmentSettings(c.var.ctx, parse(updateAssignmentSettingsSchema, await jsonBody(c))), 200));

  reg.registerPath(createRoute({ ...doc, method: "post", path: "/leads/{id}/assign", summary: "Assign or reassign a lead (managers in their team, admins anywhere; a rep takes an unowned lead of their team for themselves). Audited, publishes lead.assigned, respects the owner's capacity (422 over_capacity)", request: { params: z.object({ id: z.string().min(1).max(64) }), body: body(assignLeadSchema) }, responses: { 200: json(z.object({}).loose(), "The lead"), ...errors } }));
  app.post("/leads/:id/assign", async (c) => c.json(await assignManually(c.var.ctx, c.req.param("id"), parse(assignLeadSchema, await jsonBody(c))), 200));

  reg.registerPath(createRoute({ ...doc, method: "get", path: "/assignment/loads", summary: "Managers: each rep's open leads against capacity, the team's method and who got the last lead", request: { query: teamLoadsQuery }, responses: { 200: json(z.object({ items: z.array(z.object({}).loose()) }).loose(), "Loads"), ...errors } }));
  app.get("/assignment/loads", async (c) => c.json(await teamLoads(c.var.ctx, parse(teamLoadsQuery, c.req.query())), 200));
  return app;
}

import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { getSlaSettings, updateSlaSettings, updateSlaSettingsSchema } from "@dealflow/core/lead-sla/index";
import { leadQueue, leadQueueQuery } from "@dealflow/core/lead-sla/lead-queue";
import { slaView, slaViewQuery } from "@dealflow/core/lead-sla/sla-views";
import { parse } from "@dealflow/core/records/schema";
import type { ApiEnv } from "../deps.ts";
import { errorSchema, jsonBody } from "./crud.ts";

const doc = { security: [{ bearer: [] }], tags: ["Lead SLA"] };
const json = (schema: z.ZodType, description: string) => ({ description, content: { "application/json": { schema } } });
const errors = Object.fromEntries([400, 403, 404, 409].map((s) => [s, json(errorSchema, "See `code` and `field`")]));
const teamParam = z.object({ id: z.string().min(1).max(64) });
const settings = z.object({ teamId: z.string(), timeZone: z.string(), responseTime: z.string(), version: z.number().nullable() }).loose();

/** Team response-SLA settings, the manager's SLA view and the rep's follow-up queue. */
export function leadSlaRouter() {
  const app = new OpenAPIHono<ApiEnv>();
  const reg = app.openAPIRegistry;
  reg.registerPath(createRoute({ ...doc, method: "get", path: "/teams/{id}/sla", summary: "The team's calendar (time zone, working days and hours, holidays, 24x7) and response-SLA ladder; defaults until saved (version null)", request: { params: teamParam }, responses: { 200: json(settings, "Effective settings"), ...errors } }));
  app.get("/teams/:id/sla", async (c) => c.json(await getSlaSettings(c.var.ctx, c.req.param("id")), 200));

  reg.registerPath(createRoute({ ...doc, method: "put", path: "/teams/{id}/sla", summary: 'Change the team\'s SLA (its manager or an admin). Durations: "45s", "30m", "2h", "1d" (a working day); send the version read once saved', request: { params: teamParam, body: { required: true, content: { "application/json": { schema: updateSlaSettingsSchema } } } }, responses: { 200: json(settings, "Stored settings"), ...errors } }));
  app.put("/teams/:id/sla", async (c) => c.json(await updateSlaSettings(c.var.ctx, c.req.param("id"), parse(updateSlaSettingsSchema, await jsonBody(c))), 200));

  reg.registerPath(createRoute({ ...doc, method: "get", path: "/sla/leads", summary: "Managers: open response-SLA breaches now, and compliance % by rep and team for assignments due in [from, to) (default: the last 30 days)", request: { query: slaViewQuery }, responses: { 200: json(z.object({ openBreaches: z.array(z.object({}).loose()), compliance: z.object({}).loose() }).loose(), "The SLA view"), ...errors } }));
  app.get("/sla/leads", async (c) => c.json(await slaView(c.var.ctx, parse(slaViewQuery, c.req.query())), 200));

  reg.registerPath(createRoute({ ...doc, method: "get", path: "/leads/queue", summary: "A rep's open leads by urgency: first contact due soonest (breaches first), then score", request: { query: leadQueueQuery }, responses: { 200: json(z.object({ items: z.array(z.object({}).loose()) }).loose(), "The queue"), ...errors } }));
  app.get("/leads/queue", async (c) => c.json(await leadQueue(c.var.ctx, parse(leadQueueQuery, c.req.query())), 200));
  return app;
}

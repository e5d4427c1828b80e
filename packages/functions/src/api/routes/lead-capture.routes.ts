import { createRoute, OpenAPIHono, z, type OpenAPIHono as Api } from "@hono/zod-openapi";
import type { Context } from "hono";
import { captureFromApi, createLeadSchema, listLeadMarketingActivities, listLeadTouches, type Lead } from "@dealflow/core/lead/lead";
import { canRead } from "@dealflow/core/records/access";
import type { Principal } from "@dealflow/core/records/context";
import { ValidationError } from "@dealflow/core/errors";
import { parse } from "@dealflow/core/records/schema";
import type { ApiEnv } from "../deps.ts";
import { errorSchema, jsonBody } from "./crud.ts";

const doc = { security: [{ bearer: [] }], tags: ["Leads"] };
const json = (schema: z.ZodType, description: string) => ({ description, content: { "application/json": { schema } } });
const errors = Object.fromEntries([400, 403, 404, 409, 422].map((s) => [s, json(errorSchema, "See `code` and `field`")]));
const idParam = z.object({ id: z.string().min(1).max(64) });
const captured = z.object({ leadId: z.string(), teamId: z.string(), outcome: z.enum(["created", "touched", "replayed"]) }).loose().openapi("CapturedLead");
const items = z.object({ items: z.array(z.object({}).loose()) });

/** `Idempotency-Key`, scoped to the caller so two users' keys never collide. */
function idempotencyKey(c: Context<ApiEnv>): string | undefined {
  const key = c.req.header("idempotency-key");
  if (key === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) throw new ValidationError("Idempotency-Key: use 1-200 visible ASCII characters", "Idempotency-Key");
  return `api#${c.var.ctx.actor.userId}#${key}`;
}

/** The existing lead of another team is named, not shown: the caller learns the person is taken (no 撞单). */
const visibleLead = (actor: Principal, lead: Lead) => (canRead(actor, lead) ? lead : { leadId: lead.leadId, teamId: lead.teamId, visible: false });

/**
 * Documents POST /leads as the capture it is. Call after the generic record routers are mounted: the last
 * registration of a path wins in the OpenAPI document.
 */
export function documentLeadCapture(registry: Api<ApiEnv>["openAPIRegistry"]) {
  registry.registerPath(createRoute({
    ...doc, method: "post", path: "/leads",
    summary: "Capture a lead (manual entry or API). Deduplicated on email, phone (E.164) and company + name: a known person answers 200 with the existing lead and outcome \"touched\" (the touch is in GET /leads/{id}/touches); a new one 201 with outcome \"created\". With an Idempotency-Key header a replay changes nothing and answers 200 with outcome \"replayed\".",
    request: { headers: z.object({ "idempotency-key": z.string().max(200).optional() }), body: { required: true, content: { "application/json": { schema: createLeadSchema } } } },
    responses: { 201: json(captured, "A new lead"), 200: json(captured, "The existing lead this person already is (touched), or the replayed capture"), ...errors },
  }));
}

/** POST /leads through the capture pipeline, and a lead's touch and marketing-activity history. */
export function leadCaptureRouter() {
  const app = new OpenAPIHono<ApiEnv>();
  app.post("/leads", async (c) => {
    const body = parse(createLeadSchema, await jsonBody(c));
    const { lead, outcome } = await captureFromApi(c.var.ctx, body, { idempotencyKey: idempotencyKey(c) });
    return c.json({ ...visibleLead(c.var.ctx.actor, lead), outcome }, outcome === "created" ? 201 : 200);
  });

  app.openAPIRegistry.registerPath(createRoute({ ...doc, method: "get", path: "/leads/{id}/touches", summary: "A lead's source history: each repeat capture (channel, campaign, time, submitted fields, fields it filled), oldest first", request: { params: idParam }, responses: { 200: json(items, "The touches"), ...errors } }));
  app.get("/leads/:id/touches", async (c) => c.json(await listLeadTouches(c.var.ctx, c.req.param("id")), 200));

  app.openAPIRegistry.registerPath(createRoute({ ...doc, method: "get", path: "/leads/{id}/marketing-activities", summary: "What marketing systems reported the lead did (Lead Activity events: page visits, demo requests, email opens...), oldest first", request: { params: idParam }, responses: { 200: json(items, "The activities"), ...errors } }));
  app.get("/leads/:id/marketing-activities", async (c) => c.json(await listLeadMarketingActivities(c.var.ctx, c.req.param("id")), 200));
  return app;
}

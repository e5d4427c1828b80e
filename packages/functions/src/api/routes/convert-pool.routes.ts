import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { convertLeadSchema, previewConversion, convertLead } from "@dealflow/core/lead/lead-convert";
import { getCommittee, updateCommittee, updateCommitteeSchema } from "@dealflow/core/opportunity/committee";
import { putCompetitor, putCompetitorSchema, removeCompetitor } from "@dealflow/core/opportunity/competitors";
import { claimFromPool, claimSchema, getPoolSettings, listPool, listPoolQuery, releaseSchema, releaseToPool, updatePoolSettings, updatePoolSettingsSchema } from "@dealflow/core/pool/index";
import { pageQuery, parse } from "@dealflow/core/records/schema";
import { ValidationError } from "@dealflow/core/errors";
import type { ApiEnv } from "../deps.ts";
import { errorSchema, jsonBody } from "./crud.ts";

type Doc = { method: "get" | "post" | "put" | "delete"; path: string; tag: string; summary: string; description?: string; body?: z.ZodType; query?: z.ZodObject; params?: z.ZodObject; status?: 200 | 201 };

const idParam = z.object({ id: z.string().min(1).max(64) });
const anyJson = z.object({}).loose();
const errorResponses = Object.fromEntries(
  [400, 403, 404, 409, 422].map((s) => [s, { description: "See `code` and `field`", content: { "application/json": { schema: errorSchema } } }]),
);

function document(app: OpenAPIHono<ApiEnv>, d: Doc) {
  const request = {
    ...(d.params && { params: d.params }),
    ...(d.query && { query: d.query }),
    ...(d.body && { body: { required: true, content: { "application/json": { schema: d.body } } } }),
  };
  app.openAPIRegistry.registerPath(
    createRoute({
      method: d.method, path: d.path, tags: [d.tag], summary: d.summary, ...(d.description && { description: d.description }), security: [{ bearer: [] }], request,
      responses: { [d.status ?? 200]: { description: "OK", content: { "application/json": { schema: anyJson } } }, ...errorResponses },
    }),
  );
}

/** Lead conversion, the buying committee and competitors of a deal, and the team pool (公海). */
export function convertPoolRouter() {
  const app = new OpenAPIHono<ApiEnv>();

  document(app, { method: "get", path: "/leads/{id}/conversion", tag: "Leads", summary: "Preview a conversion: the matching account and contact, and whether the lead may convert", params: idParam });
  app.get("/leads/:id/conversion", async (c) => c.json(await previewConversion(c.var.ctx, c.req.param("id")), 200));

  document(app, { method: "post", path: "/leads/{id}/convert", tag: "Leads", summary: "Convert a qualified lead into account + contact + opportunity in one transaction", params: idParam, body: convertLeadSchema, status: 201 });
  app.post("/leads/:id/convert", async (c) => c.json(await convertLead(c.var.ctx, c.req.param("id"), parse(convertLeadSchema, await jsonBody(c))), 201));

  document(app, { method: "get", path: "/opportunities/{id}/committee", tag: "Opportunities", summary: "The buying committee graph (联系人图谱) with risk flags", params: idParam });
  app.get("/opportunities/:id/committee", async (c) => c.json(await getCommittee(c.var.ctx, c.req.param("id")), 200));

  document(app, { method: "put", path: "/opportunities/{id}/committee", tag: "Opportunities", summary: "Replace the buying committee (contacts must be at the deal's account)", params: idParam, body: updateCommitteeSchema });
  app.put("/opportunities/:id/committee", async (c) => c.json(await updateCommittee(c.var.ctx, c.req.param("id"), parse(updateCommitteeSchema, await jsonBody(c))), 200));

  document(app, { method: "post", path: "/opportunities/{id}/competitors", tag: "Opportunities", summary: "Add a competitor to the deal, or replace the one of the same name", params: idParam, body: putCompetitorSchema });
  app.post("/opportunities/:id/competitors", async (c) => c.json(await putCompetitor(c.var.ctx, c.req.param("id"), parse(putCompetitorSchema, await jsonBody(c))), 200));

  const competitorParams = idParam.extend({ name: z.string().min(1).max(200) });
  document(app, { method: "delete", path: "/opportunities/{id}/competitors/{name}", tag: "Opportunities", summary: "Remove a competitor from the deal (send the deal's version as ?version=)", params: competitorParams, query: z.object({ version: z.coerce.number().int().positive() }) });
  app.delete("/opportunities/:id/competitors/:name", async (c) => c.json(await removeCompetitor(c.var.ctx, c.req.param("id"), c.req.param("name"), c.req.query()), 200));

  for (const type of ["opportunity", "lead"] as const) {
    const base = type === "lead" ? "/leads" : "/opportunities";
    const what = type === "lead" ? "a recycled lead" : "a stale deal";
    document(app, { method: "post", path: `${base}/{id}/release`, tag: "Pool", summary: `Release ${what} to the team pool (owner or manager)`, params: idParam, body: releaseSchema });
    app.post(`${base}/:id/release`, async (c) => c.json(await releaseToPool(c.var.ctx, type, c.req.param("id"), parse(releaseSchema, await optionalBody(c))), 200));
  }

  const poolList = listPoolQuery.extend(pageQuery);
  document(app, { method: "get", path: "/pool", tag: "Pool", summary: "The team pool (公海) of deals or leads, longest waiting first", query: poolList });
  app.get("/pool", async (c) => c.json(await listPool(c.var.ctx, parse(poolList, c.req.query())), 200));

  document(app, { method: "post", path: "/pool/claim", tag: "Pool", summary: "Claim a record from the pool (claim limit and cool-down apply; of two claims at once one gets 409)", body: claimSchema });
  app.post("/pool/claim", async (c) => c.json(await claimFromPool(c.var.ctx, parse(claimSchema, await jsonBody(c))), 200));

  const settingsQuery = z.object({ teamId: z.string().optional() });
  document(app, { method: "get", path: "/pool/settings", tag: "Pool", summary: "The team's claim limit, claim window and cool-down", query: settingsQuery });
  app.get("/pool/settings", async (c) => c.json(await getPoolSettings(c.var.ctx, parse(settingsQuery, c.req.query()).teamId), 200));

  document(app, { method: "put", path: "/pool/settings", tag: "Pool", summary: "Change the team's pool rules (managers and admins)", body: updatePoolSettingsSchema });
  app.put("/pool/settings", async (c) => c.json(await updatePoolSettings(c.var.ctx, parse(updatePoolSettingsSchema, await jsonBody(c))), 200));
  return app;
}

/** Release takes an optional body: an empty one means "the version I have just read, no reason". */
async function optionalBody(c: Parameters<typeof jsonBody>[0]): Promise<unknown> {
  const text = await c.req.text();
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError("The request body must be a JSON object", "body");
  }
}

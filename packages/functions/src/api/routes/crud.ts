import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Ctx } from "@dealflow/core/records/context";
import type { Page } from "@dealflow/core";
import { pageQuery, parse } from "@dealflow/core/records/schema";
import type { Context } from "hono";
import type { ApiEnv } from "../deps.ts";
import { ValidationError } from "@dealflow/core/errors";

type Schema = z.ZodType;

/** One record type's REST surface: list (cursor pages, filters), read, create, update with version. */
export interface CrudSpec<C extends Schema, U extends Schema, Q extends z.ZodObject> {
  tag: string;
  path: `/${string}`;
  /** Name of the record, for docs ("lead"). */
  noun: string;
  record: Schema;
  listQuery: Q;
  list(ctx: Ctx, q: z.infer<Q> & { limit: number; cursor?: string | undefined }): Promise<Page<unknown>>;
  get?(ctx: Ctx, id: string): Promise<unknown>;
  create?: { body: C; run(ctx: Ctx, body: z.infer<C>): Promise<unknown> };
  update?: { body: U; run(ctx: Ctx, id: string, body: z.infer<U>): Promise<unknown> };
}

export const errorSchema = z.object({ code: z.string(), message: z.string(), field: z.string().optional() }).openapi("Error");
const errors = Object.fromEntries(
  [
    [400, "Invalid input"], [401, "No or bad token"], [403, "Not allowed for your role"],
    [404, "No such record visible to you"], [409, "Stale version or duplicate"], [422, "Breaks a business rule"],
  ].map(([status, description]) => [status, { description: String(description), content: { "application/json": { schema: errorSchema } } }]),
);
const json = (schema: Schema, description: string) => ({ description, content: { "application/json": { schema } } });

/** Reads the JSON body; a body that is not JSON is the caller's mistake (400), never a 500. */
export async function jsonBody(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new ValidationError("The request body must be a JSON object", "body");
  }
}

/**
 * Routes are documented through the OpenAPI registry and validated by the same zod schemas in the handlers
 * (the domain parses its own input), which keeps this factory generic without fighting route-level typing.
 */
export function crudRouter<C extends Schema, U extends Schema, Q extends z.ZodObject>(spec: CrudSpec<C, U, Q>) {
  const app = new OpenAPIHono<ApiEnv>();
  const listQuery = spec.listQuery.extend(pageQuery);
  const id = z.object({ id: z.string().min(1).max(64) });
  const pageOf = z.object({ items: z.array(spec.record), cursor: z.string().nullable() });
  const doc = { tags: [spec.tag], security: [{ bearer: [] }] };
  const reg = app.openAPIRegistry;

  reg.registerPath(createRoute({ ...doc, method: "get", path: spec.path, summary: `List ${spec.noun}s`, request: { query: listQuery }, responses: { 200: json(pageOf, `A page of ${spec.noun}s`), ...errors } }));
  app.get(spec.path, async (c) => c.json(await spec.list(c.var.ctx, parse(listQuery, c.req.query()) as z.infer<Q> & { limit: number }), 200));

  const { get, create, update } = spec;
  if (get) {
    reg.registerPath(createRoute({ ...doc, method: "get", path: `${spec.path}/{id}`, summary: `Read a ${spec.noun}`, request: { params: id }, responses: { 200: json(spec.record, `The ${spec.noun}`), ...errors } }));
    app.get(`${spec.path}/:id`, async (c) => c.json(await get(c.var.ctx, c.req.param("id")), 200));
  }
  if (create) {
    reg.registerPath(createRoute({ ...doc, method: "post", path: spec.path, summary: `Create a ${spec.noun}`, request: { body: { required: true, content: { "application/json": { schema: create.body } } } }, responses: { 201: json(spec.record, `The new ${spec.noun}`), ...errors } }));
    app.post(spec.path, async (c) => c.json(await create.run(c.var.ctx, parse(create.body, await jsonBody(c))), 201));
  }
  if (update) {
    reg.registerPath(createRoute({ ...doc, method: "patch", path: `${spec.path}/{id}`, summary: `Change a ${spec.noun} (send the version you read)`, request: { params: id, body: { required: true, content: { "application/json": { schema: update.body } } } }, responses: { 200: json(spec.record, `The changed ${spec.noun}`), ...errors } }));
    app.patch(`${spec.path}/:id`, async (c) => c.json(await update.run(c.var.ctx, c.req.param("id"), parse(update.body, await jsonBody(c))), 200));
  }
  return app;
}

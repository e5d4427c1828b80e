import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { eventJsonSchemas } from "@dealflow/core/events/index";
import type { ApiEnv } from "../deps.ts";

const schemas = z.record(z.string(), z.object({ version: z.number(), description: z.string(), source: z.string(), detailType: z.string(), detail: z.object({}).loose() })).openapi("EventSchemas");

/** Public: the JSON Schema of every event on the bus, so marketing systems and consumers can validate. */
export function eventSchemasRouter() {
  const app = new OpenAPIHono<ApiEnv>();
  app.openAPIRegistry.registerPath(createRoute({
    method: "get", path: "/events/schemas", tags: ["Events"],
    summary: "JSON Schema (draft 2020-12) of each event's `detail` by detail-type: Dealflow's domain events (source dealflow) and the marketing inputs `Lead Captured` / `Lead Activity` (source marketing.*). No sign-in needed.",
    responses: { 200: { description: "Schemas by event name", content: { "application/json": { schema: schemas } } } },
  }));
  app.get("/events/schemas", (c) => c.json(eventJsonSchemas(), 200));
  return app;
}

import { z } from "@hono/zod-openapi";
import { errorSchema } from "./crud.ts";

/** OpenAPI pieces the lead-to-cash routers (products, quotes, orders, payments, receivables) share. */
export const json = (schema: z.ZodType, description: string) => ({ description, content: { "application/json": { schema } } });

/** A required JSON request body, as `createRoute`'s `request.body` takes it. */
export const jsonRequest = (schema: z.ZodType) => ({ required: true, content: { "application/json": { schema } } });

/** The `{code, message, field}` error for each status, with one description naming the codes a caller can meet. */
export const errorResponses = (description: string, statuses: readonly number[] = [400, 403, 404, 409, 422]) =>
  Object.fromEntries(statuses.map((s) => [s, json(errorSchema, description)]));

export const idParam = z.object({ id: z.string().min(1).max(64) });

export const bearerDoc = (tag: string) => ({ security: [{ bearer: [] }], tags: [tag] });

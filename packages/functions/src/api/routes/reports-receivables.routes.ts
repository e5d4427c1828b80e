import { OpenAPIHono } from "@hono/zod-openapi";
import type { ApiEnv } from "../deps.ts";

/** Receivables ageing, collections, DSO and the CSV exports. */
export function receivablesRouter() {
  return new OpenAPIHono<ApiEnv>();
}

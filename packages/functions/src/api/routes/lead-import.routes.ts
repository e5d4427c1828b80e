import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { importLeads, importLeadsSchema, importLimits } from "@dealflow/core/lead-import/index";
import { parse } from "@dealflow/core/records/schema";
import type { ApiEnv } from "../deps.ts";
import { errorSchema, jsonBody } from "./crud.ts";

const json = (schema: z.ZodType, description: string) => ({ description, content: { "application/json": { schema } } });
const errors = Object.fromEntries([[400, "Invalid request"], [403, "Admins and managers only"], [413, "Body over 3 MB"], [422, "CSV unreadable, over 2 MB or 5,000 rows, or a mapping problem (see `code`)"]].map(([s, d]) => [s, json(errorSchema, String(d))]));
const query = z.object({ dryRun: z.enum(["true", "false"]).default("false") });
const rowReport = z.object({ row: z.number(), outcome: z.enum(["create", "touch", "unchanged", "error"]), leadId: z.string().optional(), errors: z.array(z.object({ field: z.string(), message: z.string() })) });
const report = z.object({ dryRun: z.boolean(), teamId: z.string(), mapping: z.record(z.string(), z.string()), unmappedColumns: z.array(z.string()), rows: z.array(rowReport), totals: z.record(z.string(), z.number()) });

/** The JSON envelope of a 2 MB CSV (quotes escaped) stays under this. */
const maxBody = 3 * 1024 * 1024;

/** CSV lead import with a dry run; the CLI (npm run import) drives it part by part. */
export function leadImportRouter() {
  const app = new OpenAPIHono<ApiEnv>();
  app.openAPIRegistry.registerPath(createRoute({
    security: [{ bearer: [] }], tags: ["Leads"], method: "post", path: "/imports/leads",
    summary: `Import leads from CSV text (at most ${importLimits.maxRows} rows / 2 MB). Columns map by header (English or Chinese: 姓名, 邮箱, 电话, 公司, 职位, 行业, 规模, 地区...) or by \`mapping\` {column: field|"skip"}. Every row is reported (create, touch, unchanged, error); dryRun=true writes nothing. Re-running a file creates nothing twice.`,
    request: { query, body: { required: true, content: { "application/json": { schema: importLeadsSchema } } } },
    responses: { 200: json(report, "The per-row report and totals"), ...errors },
  }));
  app.post(
    "/imports/leads",
    bodyLimit({ maxSize: maxBody, onError: () => { throw new HTTPException(413, { message: "The request is larger than 3 MB: import at most 2 MB of CSV at a time" }); } }),
    async (c) => {
      const { dryRun } = parse(query, c.req.query());
      return c.json(await importLeads(c.var.ctx, parse(importLeadsSchema, await jsonBody(c)), { dryRun: dryRun === "true" }), 200);
    },
  );
  return app;
}

import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import {
  ageingQuery, collectionsQuery, collectionsReport, daysSalesOutstanding, dsoFormula, dsoQuery, exportOrdersCsv, exportPaymentsCsv, exportQuery, receivablesAgeing,
} from "@dealflow/core/payment/index";
import type { Context } from "hono";
import type { ApiEnv } from "../deps.ts";
import { bearerDoc, errorResponses, json } from "./l2c-route-docs.ts";

const doc = bearerDoc("Receivables");
const csv = (description: string) => ({ description, content: { "text/csv": { schema: z.string() } } });
const errors = errorResponses("See `code` and `field`", [400, 403, 404]);
const report = z.object({ rows: z.array(z.object({ currency: z.string() }).loose()) }).loose();
const scopeNote = "Reps see their own orders; managers their team's (ownerId narrows to one rep); admins any team's, or every team's without teamId.";

function csvResponse(c: Context, name: string, body: string) {
  const day = new Date().toISOString().slice(0, 10);
  return c.body(body, 200, { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}-${day}.csv"` });
}

/** Receivables ageing, collected vs planned, DSO, and the orders and payments CSV exports. */
export function receivablesRouter() {
  const app = new OpenAPIHono<ApiEnv>();
  const reg = app.openAPIRegistry;
  reg.registerPath(createRoute({ ...doc, method: "get", path: "/reports/receivables/ageing", summary: `Outstanding instalments as of asOf (default today) in buckets by days past due: current, 1-30, 31-60, 61-90, 90+; one row per currency, amounts in cents. ${scopeNote}`, request: { query: ageingQuery }, responses: { 200: json(report, "The ageing"), ...errors } }));
  app.get("/reports/receivables/ageing", async (c) => c.json(await receivablesAgeing(c.var.ctx, c.req.query()), 200));

  reg.registerPath(createRoute({ ...doc, method: "get", path: "/reports/collections", summary: `Collected (payments received) vs planned (instalments due) by month in [from, to], per rep or per team (groupBy). ${scopeNote}`, request: { query: collectionsQuery }, responses: { 200: json(report, "Rows per rep or team and currency, with months"), ...errors } }));
  app.get("/reports/collections", async (c) => c.json(await collectionsReport(c.var.ctx, c.req.query()), 200));

  reg.registerPath(createRoute({ ...doc, method: "get", path: "/reports/dso", summary: `Days sales outstanding over [from, to]. ${dsoFormula}. ${scopeNote}`, request: { query: dsoQuery }, responses: { 200: json(report, "One row per currency"), ...errors } }));
  app.get("/reports/dso", async (c) => c.json(await daysSalesOutstanding(c.var.ctx, c.req.query()), 200));

  reg.registerPath(createRoute({ ...doc, method: "get", path: "/exports/orders.csv", summary: `Orders signed in [from, to] as CSV (RFC 4180, UTF-8 with BOM for Excel/WPS, amounts as decimals). ${scopeNote}`, request: { query: exportQuery }, responses: { 200: csv("CSV"), ...errors } }));
  app.get("/exports/orders.csv", async (c) => csvResponse(c, "orders", await exportOrdersCsv(c.var.ctx, c.req.query())));

  reg.registerPath(createRoute({ ...doc, method: "get", path: "/exports/payments.csv", summary: `Payments received in [from, to] as CSV (RFC 4180, UTF-8 with BOM). ${scopeNote}`, request: { query: exportQuery }, responses: { 200: csv("CSV"), ...errors } }));
  app.get("/exports/payments.csv", async (c) => csvResponse(c, "payments", await exportPaymentsCsv(c.var.ctx, c.req.query())));
  return app;
}

import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { Currency, Forecast } from "@dealflow/core";
import { parse } from "@dealflow/core/records/schema";
import type { ApiEnv } from "../deps.ts";
import { errorSchema, jsonBody } from "./crud.ts";

const doc = { security: [{ bearer: [] }], tags: ["Forecast"] };
const json = (schema: z.ZodType, description: string) => ({ description, content: { "application/json": { schema } } });
const errors = { 400: json(errorSchema, "Invalid input"), 403: json(errorSchema, "Not allowed for your role or team") };
const figures = z.object({ closed: z.number(), commit: z.number(), bestCase: z.number(), pipeline: z.number(), weighted: z.number(), quota: z.number().nullable() }).loose();

/** Forecast by month or quarter against quotas, and the admin's quota settings. */
export function forecastRouter() {
  const app = new OpenAPIHono<ApiEnv>();
  const reg = app.openAPIRegistry;
  reg.registerPath(createRoute({ ...doc, method: "get", path: "/forecast", summary: "Closed, commit, best case, pipeline (cumulative) and weighted for a month or quarter, per team, rep and month, against quota", request: { query: Forecast.forecastQuery }, responses: { 200: json(z.object({ total: figures, byMonth: z.array(figures), byRep: z.array(figures) }).loose(), "The forecast"), ...errors } }));
  const table = json(z.object({ reportingCurrency: z.string(), rates: z.record(z.string(), z.number()), version: z.number().nullable() }), "The reporting currency and exchange rates");
  reg.registerPath(createRoute({ ...doc, method: "get", path: "/settings/currency", summary: "The currency every report and forecast is in, and the rates deals in other currencies are converted at (none until an admin sets them)", responses: { 200: table } }));
  app.get("/settings/currency", async (c) => c.json(await Currency.getCurrencyTable(c.var.ctx), 200));
  reg.registerPath(createRoute({ ...doc, method: "put", path: "/settings/currency", summary: "Admins: set the reporting currency and the rates (units of it per unit of each other currency); send the version read once saved", request: { body: { required: true, content: { "application/json": { schema: Currency.updateCurrencySchema } } } }, responses: { 200: table, 409: json(errorSchema, "Stale version"), ...errors } }));
  app.put("/settings/currency", async (c) => c.json(await Currency.updateCurrencyTable(c.var.ctx, await jsonBody(c)), 200));
  app.get("/forecast", async (c) => c.json(await Forecast.forecastReport(c.var.ctx, parse(Forecast.forecastQuery, c.req.query())), 200));
  reg.registerPath(createRoute({ ...doc, method: "get", path: "/forecast/company", summary: "Admins: the company's forecast for a month or quarter, by team and in total, against the team quotas summed", request: { query: Forecast.companyForecastQuery }, responses: { 200: json(z.object({ total: figures, byTeam: z.array(figures) }).loose(), "The company forecast"), ...errors } }));
  app.get("/forecast/company", async (c) => c.json(await Forecast.companyForecast(c.var.ctx, parse(Forecast.companyForecastQuery, c.req.query())), 200));

  reg.registerPath(createRoute({ ...doc, method: "put", path: "/quotas", summary: "Admin: set a rep's (userId) or the team's quota for a month", request: { body: { required: true, content: { "application/json": { schema: Forecast.setQuotaSchema } } } }, responses: { 200: json(z.object({ subject: z.string(), amount: z.number() }).loose(), "The stored quota"), ...errors } }));
  app.put("/quotas", async (c) => c.json(await Forecast.setQuota(c.var.ctx, parse(Forecast.setQuotaSchema, await jsonBody(c))), 200));

  reg.registerPath(createRoute({ ...doc, method: "post", path: "/forecast/submissions", summary: "Manager/admin: submit the team's forecast call for a period (every submission is kept)", request: { body: { required: true, content: { "application/json": { schema: Forecast.submitForecastSchema } } } }, responses: { 201: json(z.object({ amount: z.number() }).loose(), "The stored call"), ...errors } }));
  app.post("/forecast/submissions", async (c) => c.json(await Forecast.submitForecast(c.var.ctx, parse(Forecast.submitForecastSchema, await jsonBody(c))), 201));
  reg.registerPath(createRoute({ ...doc, method: "get", path: "/forecast/history", summary: "What was forecast for a period (weekly snapshots, managers' calls) against what has closed, with the error of each", request: { query: Forecast.forecastHistoryQuery }, responses: { 200: json(z.object({ actualClosed: z.number() }).loose(), "Snapshots and calls"), ...errors } }));
  app.get("/forecast/history", async (c) => c.json(await Forecast.forecastHistory(c.var.ctx, parse(Forecast.forecastHistoryQuery, c.req.query())), 200));
  return app;
}

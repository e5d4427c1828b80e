import { OpenAPIHono } from "@hono/zod-openapi";
import { swaggerUI } from "@hono/swagger-ui";
import { cors } from "hono/cors";
import { bodyLimit } from "hono/body-limit";
import { ValidationError } from "@dealflow/core/errors";
import { requireAuth } from "./auth/auth.middleware.ts";
import type { ApiDeps, ApiEnv } from "./deps.ts";
import { toErrorResponse } from "./errors.ts";
import { devLoginRouter, meRouter } from "./routes/auth.routes.ts";
import * as records from "./routes/records.routes.ts";
import { collabRouter } from "./routes/collab.routes.ts";
import { dealActionsRouter } from "./routes/deal-actions.routes.ts";
import { convertPoolRouter } from "./routes/convert-pool.routes.ts";
import { analyticsRouter } from "./routes/analytics.routes.ts";
import { forecastRouter } from "./routes/forecast.routes.ts";
import { leadSlaRouter } from "./routes/lead-sla.routes.ts";
import { documentLeadCapture, leadCaptureRouter } from "./routes/lead-capture.routes.ts";
import { eventSchemasRouter } from "./routes/event-schemas.routes.ts";
import { riskRouter } from "./routes/risk.routes.ts";
import { publicWebFormsRouter, webFormsRouter } from "./routes/web-forms.routes.ts";
import { leadImportRouter } from "./routes/lead-import.routes.ts";
import { productsRouter } from "./routes/products.routes.ts";
import { quotesRouter } from "./routes/quotes.routes.ts";
import { ordersRouter } from "./routes/orders.routes.ts";
import { assignmentRouter } from "./routes/assignment.routes.ts";
import { scoringRouter } from "./routes/scoring.routes.ts";
import { paymentsRouter } from "./routes/payments.routes.ts";
import { receivablesRouter } from "./routes/reports-receivables.routes.ts";

/** The one Hono app, the same on Lambda and locally; only `deps` differ. */
export function createApp(deps: ApiDeps) {
  const app = new OpenAPIHono<ApiEnv>();
  app.onError(toErrorResponse);
  app.notFound((c) => c.json({ code: "not_found", message: `No route ${c.req.method} ${c.req.path}` }, 404));
  app.use("*", cors({ origin: (origin) => origin, allowHeaders: ["authorization", "content-type", "idempotency-key"], allowMethods: ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] }));
  const defaultLimit = bodyLimit({ maxSize: 256 * 1024, onError: () => { throw new ValidationError("The request body is larger than 256 KiB", "body"); } });
  // The CSV import sets its own, larger limit.
  app.use("*", (c, next) => (c.req.path === "/imports/leads" ? next() : defaultLimit(c, next)));

  app.get("/health", (c) => c.json({ ok: true }));
  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer", bearerFormat: "JWT" });
  app.doc31("/openapi.json", { openapi: "3.1.0", info: { title: "Dealflow API", version: "1.0.0", description: "Opportunity management: leads, accounts, contacts, deals, pipelines, activities. Errors are `{code, message, field}`. Every event on the bus (domain events and the marketing inputs `Lead Captured` / `Lead Activity`) has a public JSON Schema at `GET /events/schemas`." } });
  app.get("/docs", swaggerUI({ url: "/openapi.json" }));
  app.route("/", eventSchemasRouter());
  if (deps.devLogin) app.route("/", devLoginRouter(deps, deps.devLogin.issue));
  app.route("/", publicWebFormsRouter(deps));

  app.use("*", requireAuth(deps));
  app.route("/", meRouter());
  // Before the record routes: /leads/queue must not be taken for /leads/{id}.
  app.route("/", leadSlaRouter());
  // Before the record routes too: POST /leads is the capture pipeline (200 for a known person, Idempotency-Key).
  app.route("/", leadCaptureRouter());
  for (const router of Object.values(records)) app.route("/", router);
  documentLeadCapture(app.openAPIRegistry);
  app.route("/", collabRouter());
  app.route("/", dealActionsRouter());
  app.route("/", convertPoolRouter());
  app.route("/", analyticsRouter());
  app.route("/", forecastRouter());
  app.route("/", riskRouter());
  app.route("/", webFormsRouter());
  app.route("/", leadImportRouter());
  app.route("/", productsRouter());
  app.route("/", quotesRouter());
  app.route("/", ordersRouter());
  app.route("/", assignmentRouter());
  app.route("/", scoringRouter());
  app.route("/", paymentsRouter());
  app.route("/", receivablesRouter());
  return app;
}

export type App = ReturnType<typeof createApp>;

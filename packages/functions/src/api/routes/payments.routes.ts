import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import {
  getCollectionSettings, getPlan, listPayments, recordPayment, recordPaymentSchema, setPlan, setPlanSchema, updateCollectionSettings, updateCollectionSettingsSchema,
} from "@dealflow/core/payment/index";
import type { ApiEnv } from "../deps.ts";
import { jsonBody } from "./crud.ts";
import { bearerDoc, errorResponses, idParam, json, jsonRequest as body } from "./l2c-route-docs.ts";

const doc = bearerDoc("Payments");
const errors = errorResponses("See `code` and `field`");
const instalment = z.object({ instalmentId: z.string(), seq: z.number(), amountCents: z.number(), paidCents: z.number(), outstandingCents: z.number(), dueDate: z.string(), dueAt: z.string(), status: z.enum(["pending", "partly_paid", "paid", "overdue", "void"]) }).loose();
const plan = z.object({ orderId: z.string(), orderNumber: z.string(), currency: z.string(), totalCents: z.number(), paidCents: z.number(), outstandingCents: z.number(), planVersion: z.number().nullable(), instalments: z.array(instalment) }).openapi("PaymentPlan");
const payment = z.object({ paymentId: z.string(), orderId: z.string(), instalmentId: z.string(), amountCents: z.number(), currency: z.string(), receivedOn: z.string(), method: z.string().optional(), reference: z.string().optional() }).loose().openapi("Payment");
const settings = z.object({ teamId: z.string(), timeZone: z.string(), remindBefore: z.string(), grace: z.string(), financeEmail: z.string().nullable(), version: z.number().nullable() });

/** Payment plans, payments against instalments, and the team's collection settings. */
export function paymentsRouter() {
  const app = new OpenAPIHono<ApiEnv>();
  const reg = app.openAPIRegistry;
  reg.registerPath(createRoute({ ...doc, method: "get", path: "/orders/{id}/plan", summary: "The order's payment plan: instalments with status as of now (pending, partly_paid, paid, overdue; void once the order is cancelled, which owes nothing), paid and outstanding amounts (integer cents)", request: { params: idParam }, responses: { 200: json(plan, "The plan (planVersion null and no instalments until one is set)"), ...errors } }));
  app.get("/orders/:id/plan", async (c) => c.json(await getPlan(c.var.ctx, c.req.param("id")), 200));

  reg.registerPath(createRoute({
    ...doc, method: "put", path: "/orders/{id}/plan",
    summary: "Set or replace the payment plan (deal owner, team manager or admin). Each instalment gives amountCents or pct (two decimals at most; rounded half-up, the last pct takes the remainder) and a dueDate (a date: due by the end of that day in the team's zone; or a datetime). They must add up exactly to the order total (422 field `instalments`); a plan with payments cannot be replaced (422). Send the planVersion read when replacing.",
    request: { params: idParam, body: body(setPlanSchema) }, responses: { 200: json(plan, "The new plan"), ...errors },
  }));
  app.put("/orders/:id/plan", async (c) => c.json(await setPlan(c.var.ctx, c.req.param("id"), await jsonBody(c)), 200));

  reg.registerPath(createRoute({
    ...doc, method: "post", path: "/orders/{id}/payments",
    summary: "Record money received against one instalment (deal owner, team manager or admin). Partial payments are fine; more than is still owed on the instalment is refused (422 code overpayment, field amountCents), also under concurrent payments.",
    request: { params: idParam, body: body(recordPaymentSchema) }, responses: { 201: json(z.object({ payment, instalment, orderPaidCents: z.number(), orderOutstandingCents: z.number() }), "Recorded"), ...errors },
  }));
  app.post("/orders/:id/payments", async (c) => c.json(await recordPayment(c.var.ctx, c.req.param("id"), await jsonBody(c)), 201));

  reg.registerPath(createRoute({ ...doc, method: "get", path: "/orders/{id}/payments", summary: "The order's payments, oldest value date first", request: { params: idParam }, responses: { 200: json(z.object({ items: z.array(payment) }), "Payments"), ...errors } }));
  app.get("/orders/:id/payments", async (c) => c.json(await listPayments(c.var.ctx, c.req.param("id")), 200));

  reg.registerPath(createRoute({ ...doc, method: "get", path: "/teams/{id}/collection-settings", summary: "When owners are reminded before an instalment is due (remindBefore, default 3d), the grace after the due time before it is marked overdue (grace, default 0d) and the team's finance contact", request: { params: idParam }, responses: { 200: json(settings, "Effective settings; version null until saved"), ...errors } }));
  app.get("/teams/:id/collection-settings", async (c) => c.json(await getCollectionSettings(c.var.ctx, c.req.param("id")), 200));

  reg.registerPath(createRoute({ ...doc, method: "put", path: "/teams/{id}/collection-settings", summary: 'Change them (the team\'s manager or an admin). Durations: "3d", "12h", "30m", "45s"; they apply to plans set afterwards', request: { params: idParam, body: body(updateCollectionSettingsSchema) }, responses: { 200: json(settings, "Stored settings"), ...errors } }));
  app.put("/teams/:id/collection-settings", async (c) => c.json(await updateCollectionSettings(c.var.ctx, c.req.param("id"), await jsonBody(c)), 200));
  return app;
}

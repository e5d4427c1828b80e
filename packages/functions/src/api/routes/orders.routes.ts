import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import * as Order from "@dealflow/core/order/index";
import { pageQuery, parse } from "@dealflow/core/records/schema";
import type { ApiEnv } from "../deps.ts";
import { jsonBody } from "./crud.ts";
import { bearerDoc, errorResponses, idParam as id, json, jsonRequest } from "./l2c-route-docs.ts";

const doc = bearerDoc("Orders");
const body = (schema: z.ZodType) => ({ body: jsonRequest(schema) });
const errors = errorResponses("See `code` (deal_not_won, no_primary_quote, approval_pending, invalid_transition, order_has_payments, order_cancelled) and `field`");
const order = z.object({ orderId: z.string(), orderNumber: z.string(), opportunityId: z.string(), quoteId: z.string(), status: z.enum(Order.orderStatuses), currency: z.string(), totalCents: z.number(), taxCents: z.number(), lines: z.array(z.object({}).loose()), version: z.number() }).loose();
const listQuery = Order.listOrdersQuery.extend(pageQuery);

/** Sales orders: made from a won deal's primary quote (here, or with the close), listed, delivered or cancelled. */
export function ordersRouter() {
  const app = new OpenAPIHono<ApiEnv>();
  const reg = app.openAPIRegistry;
  reg.registerPath(createRoute({ ...doc, method: "post", path: "/opportunities/{id}/order", summary: "Order a won deal from its primary quote (422 for an open, lost or invalid deal or without an approved primary quote; 409 if it has an order). Closing as won with createOrder does the same in the close's transaction", request: { params: id, ...body(Order.createOrderSchema) }, responses: { 201: json(order, "The order"), ...errors } }));
  app.post("/opportunities/:id/order", async (c) => c.json(await Order.createOrderForDeal(c.var.ctx, c.req.param("id"), parse(Order.createOrderSchema, await jsonBody(c))), 201));

  reg.registerPath(createRoute({ ...doc, method: "get", path: "/orders", summary: "The team's orders newest first, or a rep's (ownerId), or a deal's (opportunityId); optionally of one status", request: { query: listQuery }, responses: { 200: json(z.object({ items: z.array(order), cursor: z.string().nullable() }), "A page of orders"), ...errors } }));
  app.get("/orders", async (c) => c.json(await Order.listOrders(c.var.ctx, parse(listQuery, c.req.query())), 200));

  reg.registerPath(createRoute({ ...doc, method: "get", path: "/orders/{id}", summary: "Read an order", request: { params: id }, responses: { 200: json(order, "The order"), ...errors } }));
  app.get("/orders/:id", async (c) => c.json(await Order.getOrder(c.var.ctx, c.req.param("id")), 200));

  reg.registerPath(createRoute({ ...doc, method: "patch", path: "/orders/{id}", summary: "Deliver (confirmed → delivered) or cancel (not with payments; publishes order.cancelled, which stops its instalments' reminders and overdue notices) an order, or set its finance contact", request: { params: id, ...body(Order.updateOrderSchema) }, responses: { 200: json(order, "The order"), ...errors } }));
  app.patch("/orders/:id", async (c) => c.json(await Order.updateOrder(c.var.ctx, c.req.param("id"), parse(Order.updateOrderSchema, await jsonBody(c))), 200));
  return app;
}

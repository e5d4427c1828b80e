import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import * as Quote from "@dealflow/core/quote/index";
import { pageQuery, parse } from "@dealflow/core/records/schema";
import type { ApiEnv } from "../deps.ts";
import { jsonBody } from "./crud.ts";
import { bearerDoc, errorResponses, idParam as id, json, jsonRequest } from "./l2c-route-docs.ts";

const doc = bearerDoc("Quotes");
const body = (schema: z.ZodType) => ({ body: jsonRequest(schema) });
const errors = errorResponses("See `code` (deal_closed, superseded, approval_pending, quote_rejected, not_pending, unknown_product, product_inactive, currency_mismatch) and `field`");
const quote = z.object({ quoteId: z.string(), quoteNumber: z.string(), quoteVersion: z.number(), status: z.enum(Quote.quoteStatuses), isPrimary: z.boolean(), latest: z.boolean(), subtotalCents: z.number(), discountCents: z.number(), taxCents: z.number(), totalCents: z.number(), version: z.number() }).loose();
const listQuery = Quote.listQuotesQuery.extend(pageQuery);

/** Quotes on deals: versions, discount approval, primary; and each team's approval threshold. */
export function quotesRouter() {
  const app = new OpenAPIHono<ApiEnv>();
  const reg = app.openAPIRegistry;
  reg.registerPath(createRoute({ ...doc, method: "post", path: "/opportunities/{id}/quotes", summary: "New quote (v1) on an open deal; lines snapshot the products; over the team's discount threshold it is pending_approval", request: { params: id, ...body(Quote.createQuoteSchema) }, responses: { 201: json(quote, "The quote"), ...errors } }));
  app.post("/opportunities/:id/quotes", async (c) => c.json(await Quote.createQuote(c.var.ctx, c.req.param("id"), parse(Quote.createQuoteSchema, await jsonBody(c))), 201));

  reg.registerPath(createRoute({ ...doc, method: "get", path: "/opportunities/{id}/quotes", summary: "Every version of every quote on the deal, by number and version", request: { params: id }, responses: { 200: json(z.object({ items: z.array(quote) }), "The quotes"), ...errors } }));
  app.get("/opportunities/:id/quotes", async (c) => c.json(await Quote.listDealQuotes(c.var.ctx, c.req.param("id")), 200));

  reg.registerPath(createRoute({ ...doc, method: "get", path: "/quotes", summary: "The team's quotes, newest first; status=pending_approval is the manager's approval queue", request: { query: listQuery }, responses: { 200: json(z.object({ items: z.array(quote), cursor: z.string().nullable() }), "A page of quotes"), ...errors } }));
  app.get("/quotes", async (c) => c.json(await Quote.listQuotes(c.var.ctx, parse(listQuery, c.req.query())), 200));

  reg.registerPath(createRoute({ ...doc, method: "get", path: "/quotes/{id}", summary: "Read a quote version", request: { params: id }, responses: { 200: json(quote, "The quote"), ...errors } }));
  app.get("/quotes/:id", async (c) => c.json(await Quote.getQuote(c.var.ctx, c.req.param("id")), 200));

  reg.registerPath(createRoute({ ...doc, method: "patch", path: "/quotes/{id}", summary: "Edit the latest version: drafts, pending and rejected change in place (200); sent, approved or primary ones get a new version (201)", request: { params: id, ...body(Quote.updateQuoteSchema) }, responses: { 200: json(quote, "Changed in place"), 201: json(quote, "The new version"), ...errors } }));
  app.patch("/quotes/:id", async (c) => {
    const { quote: q, revised } = await Quote.updateQuote(c.var.ctx, c.req.param("id"), parse(Quote.updateQuoteSchema, await jsonBody(c)));
    return c.json(q, revised ? 201 : 200);
  });

  const action = (name: string, schema: z.ZodType, summary: string) =>
    reg.registerPath(createRoute({ ...doc, method: "post", path: `/quotes/{id}/${name}`, summary, request: { params: id, ...body(schema) }, responses: { 200: json(quote, "The quote"), ...errors } }));
  action("send", Quote.sendQuoteSchema, "Mark the quote as sent to the customer (not while pending or rejected)");
  app.post("/quotes/:id/send", async (c) => c.json(await Quote.sendQuote(c.var.ctx, c.req.param("id"), parse(Quote.sendQuoteSchema, await jsonBody(c))), 200));
  action("approve", Quote.approveQuoteSchema, "A manager of the team approves the discount of a pending quote (comment optional)");
  app.post("/quotes/:id/approve", async (c) => c.json(await Quote.approveQuote(c.var.ctx, c.req.param("id"), parse(Quote.approveQuoteSchema, await jsonBody(c))), 200));
  action("reject", Quote.rejectQuoteSchema, "A manager of the team rejects the discount of a pending quote, with a comment");
  app.post("/quotes/:id/reject", async (c) => c.json(await Quote.rejectQuote(c.var.ctx, c.req.param("id"), parse(Quote.rejectQuoteSchema, await jsonBody(c))), 200));

  reg.registerPath(createRoute({ ...doc, method: "post", path: "/quotes/{id}/primary", summary: "Make this quote the deal's primary (the previous one is unmarked in the same transaction); updateDealAmount + dealVersion also set the deal amount from its total", request: { params: id, ...body(Quote.markPrimarySchema) }, responses: { 200: json(z.object({ quote, opportunity: z.object({}).loose() }), "The quote and the deal"), ...errors } }));
  app.post("/quotes/:id/primary", async (c) => c.json(await Quote.markPrimary(c.var.ctx, c.req.param("id"), parse(Quote.markPrimarySchema, await jsonBody(c))), 200));

  const settings = z.object({ teamId: z.string(), discountThresholdPct: z.number(), version: z.number().nullable() });
  reg.registerPath(createRoute({ ...doc, method: "get", path: "/teams/{id}/quote-settings", summary: "The team's discount approval threshold (default 15%, version null until saved)", request: { params: id }, responses: { 200: json(settings, "Effective settings"), ...errors } }));
  app.get("/teams/:id/quote-settings", async (c) => c.json(await Quote.getQuoteSettings(c.var.ctx, c.req.param("id")), 200));
  reg.registerPath(createRoute({ ...doc, method: "put", path: "/teams/{id}/quote-settings", summary: "The team's manager or an admin sets the threshold; send the version read once saved", request: { params: id, ...body(Quote.updateQuoteSettingsSchema) }, responses: { 200: json(settings, "Stored settings"), ...errors } }));
  app.put("/teams/:id/quote-settings", async (c) => c.json(await Quote.updateQuoteSettings(c.var.ctx, c.req.param("id"), parse(Quote.updateQuoteSettingsSchema, await jsonBody(c))), 200));
  return app;
}

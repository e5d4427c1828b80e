import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { ValidationError } from "@dealflow/core/errors";
import { pageQuery, parse } from "@dealflow/core/records/schema";
import {
  createWebForm, createWebFormSchema, embedOf, findWebForm, formLang, formPage, getWebForm, listWebForms, listWebFormsQuery,
  RateLimitedError, submitWebForm, thankYouPage, updateWebForm, updateWebFormSchema,
} from "@dealflow/core/web-form/index";
import type { ApiDeps, ApiEnv } from "../deps.ts";
import { errorSchema, jsonBody } from "./crud.ts";

const doc = { security: [{ bearer: [] }], tags: ["Web forms"] };
const json = (schema: z.ZodType, description: string) => ({ description, content: { "application/json": { schema } } });
const body = (schema: z.ZodType) => ({ body: { required: true, content: { "application/json": { schema } } } });
const errors = Object.fromEntries([400, 403, 404, 409, 422].map((s) => [s, json(errorSchema, "See `code` and `field`")]));
const idParam = z.object({ id: z.string().min(1).max(64) });
const form = z.object({ formId: z.string(), teamId: z.string(), name: z.string(), active: z.boolean(), version: z.number() }).loose();
const langQuery = z.object({ lang: z.string().max(20).optional() });

/** Admins and managers keep their team's public capture forms and copy their embed snippet and link. */
export function webFormsRouter() {
  const app = new OpenAPIHono<ApiEnv>();
  const reg = app.openAPIRegistry;
  const listQuery = listWebFormsQuery.extend(pageQuery);
  reg.registerPath(createRoute({ ...doc, method: "get", path: "/web-forms", summary: "A team's web forms, newest first", request: { query: listQuery }, responses: { 200: json(z.object({ items: z.array(form), cursor: z.string().nullable() }), "A page of forms"), ...errors } }));
  app.get("/web-forms", async (c) => c.json(await listWebForms(c.var.ctx, parse(listQuery, c.req.query())), 200));

  reg.registerPath(createRoute({ ...doc, method: "post", path: "/web-forms", summary: "Create a form: fields (lead field key, labels en/zh, required), campaign, source tags, thank-you texts, redirect, rate limit (default 5 per 60 s per address)", request: body(createWebFormSchema), responses: { 201: json(form, "The new form"), ...errors } }));
  app.post("/web-forms", async (c) => c.json(await createWebForm(c.var.ctx, parse(createWebFormSchema, await jsonBody(c))), 201));

  reg.registerPath(createRoute({ ...doc, method: "get", path: "/web-forms/{id}", summary: "Read a form", request: { params: idParam }, responses: { 200: json(form, "The form"), ...errors } }));
  app.get("/web-forms/:id", async (c) => c.json(await getWebForm(c.var.ctx, c.req.param("id")), 200));

  reg.registerPath(createRoute({ ...doc, method: "patch", path: "/web-forms/{id}", summary: "Change a form (send the version you read); active:false takes it offline, redirectUrl:null removes the redirect", request: { params: idParam, ...body(updateWebFormSchema) }, responses: { 200: json(form, "The changed form"), ...errors } }));
  app.patch("/web-forms/:id", async (c) => c.json(await updateWebForm(c.var.ctx, c.req.param("id"), parse(updateWebFormSchema, await jsonBody(c))), 200));

  reg.registerPath(createRoute({ ...doc, method: "get", path: "/web-forms/{id}/embed", summary: "A copy-paste HTML snippet (plain form posting to this API, plus a small script submitting JSON) and the hosted page's link for a QR code", request: { params: idParam, query: langQuery }, responses: { 200: json(z.object({ snippet: z.string(), link: z.string() }), "Snippet and link"), ...errors } }));
  app.get("/web-forms/:id/embed", async (c) => {
    const found = await getWebForm(c.var.ctx, c.req.param("id"));
    return c.json(embedOf(found, new URL(c.req.url).origin, formLang(c.req.query("lang"))), 200);
  });
  return app;
}

interface PlatformEnv {
  requestContext?: { http?: { sourceIp?: string }; identity?: { sourceIp?: string } };
  incoming?: { socket?: { remoteAddress?: string } };
  server?: { incoming?: { socket?: { remoteAddress?: string } } };
}

/**
 * The address a rate limit counts. What the platform saw comes first, because a client can write any
 * X-Forwarded-For it likes: API Gateway's requestContext (HTTP API v2 `http.sourceIp`, REST `identity.sourceIp`),
 * then the socket locally (the binding @hono/node-server's getConnInfo reads). The first X-Forwarded-For hop only
 * when neither exists (another host behind a proxy).
 */
export function clientIp(c: Context): string {
  const env = (c.env ?? {}) as PlatformEnv;
  const ctx = env.requestContext;
  const socket = (env.server?.incoming ?? env.incoming)?.socket;
  const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
  return ctx?.http?.sourceIp ?? ctx?.identity?.sourceIp ?? socket?.remoteAddress ?? (forwarded || "unknown");
}

const isFormPost = (type: string) => /^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type);

async function submission(c: Context): Promise<unknown> {
  const type = c.req.header("content-type") ?? "";
  if (/^application\/json/i.test(type)) return jsonBody(c);
  if (isFormPost(type)) return Object.fromEntries(Object.entries(await c.req.parseBody()).filter(([, v]) => typeof v === "string"));
  throw new ValidationError("Send the form as application/json or application/x-www-form-urlencoded", "content-type");
}

const unavailable = `<!doctype html><html><head><meta charset="utf-8"><title>Form not available</title></head><body><p>This form is not available. 此表单不可用。</p></body></html>`;

/**
 * The public side, before authentication: the hosted page (link for QR codes) and submissions from it or from
 * any site embedding the snippet (CORS is open to any origin app-wide). Browsers posting without JavaScript
 * get the thank-you page or the form's redirect; scripts get JSON.
 */
export function publicWebFormsRouter(deps: Pick<ApiDeps, "db" | "publisher" | "clock">) {
  const app = new OpenAPIHono<ApiEnv>();
  const reg = app.openAPIRegistry;
  const formIdParam = z.object({ formId: z.string().min(1).max(64) });
  reg.registerPath(createRoute({ method: "get", tags: ["Web forms"], path: "/f/{formId}", summary: "Public: the hosted form page (HTML; ?lang=zh-CN for Chinese)", request: { params: formIdParam, query: langQuery }, responses: { 200: { description: "HTML page", content: { "text/html": { schema: z.string() } } }, 404: { description: "Unknown or inactive form" } } }));
  app.get("/f/:formId", async (c) => {
    const found = await findWebForm(deps, c.req.param("formId"));
    if (!found?.active) return c.html(unavailable, 404);
    return c.html(formPage(found, formLang(c.req.query("lang")), new URL(c.req.url).href.split("?")[0] ?? ""), 200);
  });

  reg.registerPath(createRoute({ method: "post", tags: ["Web forms"], path: "/f/{formId}", summary: "Public: submit a form (JSON or form-encoded). Hidden fields: `website` (honeypot; filled → 200, nothing stored) and `submissionId` (a retry with the same id captures once). 429 with Retry-After over the per-address limit", request: { params: formIdParam, body: { required: true, content: { "application/json": { schema: z.record(z.string(), z.string()) } } } }, responses: { 200: json(z.object({ ok: z.boolean(), message: z.string(), redirectUrl: z.string().optional() }), "Accepted"), 400: json(errorSchema, "Invalid field (see `field`)"), 404: json(errorSchema, "Unknown or inactive form"), 429: json(errorSchema, "Too many submissions from this address") } }));
  app.post("/f/:formId", async (c) => {
    const raw = await submission(c);
    const lang = formLang(c.req.query("lang") ?? c.req.header("accept-language"));
    try {
      const { form } = await submitWebForm(deps, c.req.param("formId"), raw, clientIp(c));
      if (isFormPost(c.req.header("content-type") ?? "") && /text\/html/.test(c.req.header("accept") ?? "")) {
        return form.redirectUrl ? c.redirect(form.redirectUrl, 303) : c.html(thankYouPage(form, lang), 200);
      }
      const message = lang === "zh" ? form.thankYouZh : form.thankYouEn;
      return c.json({ ok: true, message, ...(form.redirectUrl && { redirectUrl: form.redirectUrl }) }, 200);
    } catch (err) {
      if (!(err instanceof RateLimitedError)) throw err;
      c.header("Retry-After", String(err.retryAfterSeconds));
      return c.json({ code: err.code, message: err.message, field: err.field }, 429);
    }
  });
  return app;
}

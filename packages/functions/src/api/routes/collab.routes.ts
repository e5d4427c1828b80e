import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { listMyNotifications, listNotificationsQuery, markNotificationRead } from "@dealflow/core/notification/notification";
import { notificationKinds } from "@dealflow/core/notification/notification.entity";
import { addDealMember, dealMemberSchema, removeDealMember, removeDealMemberQuery } from "@dealflow/core/opportunity/deal-members";
import { pageQuery, parse } from "@dealflow/core/records/schema";
import { getDealTimeline, timelineQuery } from "@dealflow/core/timeline/timeline";
import { timelineKinds } from "@dealflow/core/timeline/timeline-merge";
import type { ApiEnv } from "../deps.ts";
import { errorSchema, jsonBody } from "./crud.ts";

const idParam = z.object({ id: z.string().min(1).max(64) });
const deal = z.object({ opportunityId: z.string(), version: z.number().int(), teamMemberIds: z.array(z.string()).optional() }).loose();
const notification = z
  .object({ notificationId: z.string(), kind: z.enum(notificationKinds), text: z.string(), link: z.string(), subjectType: z.string(), subjectId: z.string(), read: z.boolean(), createdAt: z.string(), actorId: z.string().optional() })
  .openapi("Notification");
const timelineItem = z.object({ at: z.string(), kind: z.enum(timelineKinds), actor: z.string().nullable(), summary: z.string(), data: z.record(z.string(), z.unknown()) }).openapi("TimelineItem");
const errors = Object.fromEntries([400, 403, 404, 409, 422].map((s) => [s, { description: "See `code` and `field`", content: { "application/json": { schema: errorSchema } } }]));
const ok = (schema: z.ZodType, description: string) => ({ 200: { description, content: { "application/json": { schema } } }, ...errors });
const doc = { security: [{ bearer: [] }] };

/** Team members (协作人) of a deal, the deal's timeline, and the caller's notifications (mentions, tasks due). */
export function collabRouter() {
  const app = new OpenAPIHono<ApiEnv>();
  const reg = app.openAPIRegistry;

  reg.registerPath(createRoute({ ...doc, method: "post", path: "/opportunities/{id}/members", tags: ["Opportunities"], summary: "Add a team member (owner or manager; an active user of the deal's team)", request: { params: idParam, body: { required: true, content: { "application/json": { schema: dealMemberSchema } } } }, responses: ok(deal, "The deal with its team members") }));
  app.post("/opportunities/:id/members", async (c) => c.json(await addDealMember(c.var.ctx, c.req.param("id"), parse(dealMemberSchema, await jsonBody(c))), 200));

  const memberParams = idParam.extend({ userId: z.string().min(1).max(64) });
  reg.registerPath(createRoute({ ...doc, method: "delete", path: "/opportunities/{id}/members/{userId}", tags: ["Opportunities"], summary: "Remove a team member (send the deal's version as ?version=)", request: { params: memberParams, query: removeDealMemberQuery }, responses: ok(deal, "The deal with its team members") }));
  app.delete("/opportunities/:id/members/:userId", async (c) => c.json(await removeDealMember(c.var.ctx, c.req.param("id"), c.req.param("userId"), c.req.query()), 200));

  const timelinePage = z.object({ items: z.array(timelineItem), before: z.string().nullable() });
  reg.registerPath(createRoute({ ...doc, method: "get", path: "/opportunities/{id}/timeline", tags: ["Opportunities"], summary: "The deal's timeline, newest first: activities, stage moves, field changes, emails sent (page with ?before=)", request: { params: idParam, query: timelineQuery }, responses: ok(timelinePage, "A page of the timeline") }));
  app.get("/opportunities/:id/timeline", async (c) => c.json(await getDealTimeline(c.var.ctx, c.req.param("id"), c.req.query()), 200));

  const listQuery = listNotificationsQuery.extend(pageQuery);
  const notificationPage = z.object({ items: z.array(notification), cursor: z.string().nullable() });
  reg.registerPath(createRoute({ ...doc, method: "get", path: "/notifications", tags: ["Notifications"], summary: "My notifications, newest first (?unread=true for unread only)", request: { query: listQuery }, responses: ok(notificationPage, "A page of notifications") }));
  app.get("/notifications", async (c) => c.json(await listMyNotifications(c.var.ctx, parse(listQuery, c.req.query())), 200));

  reg.registerPath(createRoute({ ...doc, method: "post", path: "/notifications/{id}/read", tags: ["Notifications"], summary: "Mark one of my notifications read", request: { params: idParam }, responses: ok(notification, "The notification") }));
  app.post("/notifications/:id/read", async (c) => c.json(await markNotificationRead(c.var.ctx, c.req.param("id")), 200));
  return app;
}

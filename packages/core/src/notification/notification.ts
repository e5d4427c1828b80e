import { createHash } from "node:crypto";
import { z } from "zod";
import type { EntityItem } from "electrodb";
import type { Db } from "../db/service.ts";
import { NotFoundError } from "../errors.ts";
import { composeMail } from "../mail/compose-mail.ts";
import type { Clock } from "../ports/clock.ts";
import type { Mailer } from "../ports/mailer.ts";
import type { Ctx } from "../records/context.ts";
import { page } from "../records/list.ts";
import type { NotificationEntity } from "./notification.entity.ts";

export type Notification = EntityItem<typeof NotificationEntity>;
export type NewNotification = Pick<Notification, "notificationId" | "userId" | "teamId" | "kind" | "text" | "link" | "subjectType" | "subjectId" | "actorId">;

/** What consumers and workflow tasks need to notify someone (RuntimeDeps has all of it). */
export interface NotifyDeps {
  db: Db;
  mailer: Mailer;
  clock: Clock;
  /** Base URL of the web client. */
  appUrl: string;
}

export interface NotificationMail {
  to: string;
  subject: string;
  paragraphs: string[];
  linkLabel: string;
}

const keepSeconds = 365 * 86_400;

/** Same cause, same id: this is what makes a redelivered event or a retried task find its notification. */
export function notificationId(...cause: string[]): string {
  return `ntf-${createHash("sha256").update(cause.join("\u0000")).digest("hex").slice(0, 40)}`;
}

export function appLink(appUrl: string, path: string): string {
  return `${appUrl.replace(/\/+$/, "")}${path}`;
}

function isConditionFailure(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    if (e.name === "ConditionalCheckFailedException" || /conditional request failed/i.test(e.message)) return true;
  }
  return false;
}

/**
 * Writes the notification unless it exists, then mails it unless that was claimed already. The claim
 * (`mailedAt`, set conditionally before sending) makes a redelivery or a concurrent duplicate send nothing;
 * a failed send releases it so the retry mails again.
 */
export async function deliverNotification(deps: NotifyDeps, n: NewNotification, mail: NotificationMail): Promise<{ created: boolean; mailed: boolean }> {
  const entity = deps.db.entities.notification;
  const now = deps.clock.now();
  let created = true;
  try {
    await entity.create({ ...n, read: false, createdAt: now.toISOString(), mailSubject: mail.subject, expiresAt: Math.floor(now.getTime() / 1000) + keepSeconds }).go();
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
    created = false;
  }
  const key = { notificationId: n.notificationId };
  try {
    await entity.patch(key).set({ mailedAt: deps.clock.now().toISOString() }).where((a, op) => op.notExists(a.mailedAt)).go();
  } catch (err) {
    if (isConditionFailure(err)) return { created, mailed: false };
    throw err;
  }
  const message = composeMail({ to: [mail.to], subject: mail.subject, paragraphs: mail.paragraphs, link: { label: mail.linkLabel, url: appLink(deps.appUrl, n.link) }, idempotencyKey: n.notificationId });
  try {
    await deps.mailer.send(message);
  } catch (err) {
    await entity.patch(key).remove(["mailedAt"]).go().catch(() => undefined);
    throw err;
  }
  return { created, mailed: true };
}

export const listNotificationsQuery = z.object({
  unread: z.enum(["true", "false"]).optional().transform((v) => v === "true"),
});

/** The caller's own notifications, newest first; `unread` keeps only those not yet read. */
export async function listMyNotifications(ctx: Ctx, q: { unread?: boolean | undefined; limit: number; cursor?: string | undefined }) {
  const { notification } = ctx.db.entities;
  const userId = ctx.actor.userId;
  const query = q.unread ? notification.query.byUserRead({ userId, read: false }) : notification.query.byUser({ userId });
  return page(query, { ...q, order: "desc" });
}

/** Marks one of the caller's notifications read; marking it again changes nothing. Others' are 404. */
export async function markNotificationRead(ctx: Ctx, id: string): Promise<Notification> {
  const { notification } = ctx.db.entities;
  const { data } = await notification.get({ notificationId: id }).go();
  if (!data || data.userId !== ctx.actor.userId) throw new NotFoundError("notification", id);
  if (data.read) return data;
  const readAt = ctx.clock.now().toISOString();
  // The unread index is keyed by the read flag, so its key composites are rewritten with it.
  await notification.patch({ notificationId: id }).set({ read: true, readAt, userId: data.userId, createdAt: data.createdAt }).go();
  return { ...data, read: true, readAt };
}

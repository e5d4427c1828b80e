import { z } from "zod";
import { parse } from "../records/schema.ts";
import { findUser, type User } from "../user/user.ts";
import { deliverNotification, notificationId, type NotifyDeps } from "./notification.ts";
import { notificationSubjects } from "./notification.entity.ts";
import { mentionText, subjectName, subjectPath } from "./notification-text.ts";

/** The part of an `activity.created` event's data that mentions need. */
const mentionEventData = z.object({
  record: z.object({
    activityId: z.string().min(1),
    teamId: z.string().min(1),
    subjectType: z.enum(notificationSubjects),
    subjectId: z.string().min(1),
    authorId: z.string().min(1),
    title: z.string(),
    body: z.string().optional(),
    mentions: z.array(z.string()).default([]),
  }),
});

export interface MentionOutcome {
  notified: string[];
  /** Already notified by an earlier delivery of the same event. */
  duplicates: string[];
  /** Mentioned users who got nothing: unknown, inactive, the author, or unable to read the record. */
  skipped: string[];
}

/**
 * Only someone who can open the record is told about it: a member of its team, or an admin. Mentioning a user of
 * another team would otherwise leak the record's name and the note into their inbox.
 */
function mayBeNotified(user: User | null, record: { teamId: string; authorId: string }): user is User {
  if (!user || user.active === false || user.userId === record.authorId) return false;
  return user.role === "admin" || user.teamId === record.teamId;
}

/**
 * Notifies (in-app and email) every user an activity mentions. Idempotent per (event, user): a redelivered
 * event finds the notifications and their mail claims already there.
 */
export async function notifyMentions(deps: NotifyDeps, event: { id: string; data: unknown }): Promise<MentionOutcome> {
  const { record } = parse(mentionEventData, event.data);
  const outcome: MentionOutcome = { notified: [], duplicates: [], skipped: [] };
  if (record.mentions.length === 0) return outcome;
  const author = await findUser(deps.db, record.authorId);
  const subject = await subjectName(deps.db, record.subjectType, record.subjectId);
  for (const userId of new Set(record.mentions)) {
    const user = await findUser(deps.db, userId);
    if (!mayBeNotified(user, record)) {
      outcome.skipped.push(userId);
      continue;
    }
    const words = mentionText(user, { author: author?.name ?? record.authorId, subject, title: record.title, body: record.body });
    const delivered = await deliverNotification(
      deps,
      {
        notificationId: notificationId("mention", event.id, userId),
        userId, teamId: record.teamId, kind: "mention", text: words.text, link: subjectPath(record.subjectType, record.subjectId),
        subjectType: record.subjectType, subjectId: record.subjectId, actorId: record.authorId,
      },
      { to: user.email, subject: words.mailSubject, paragraphs: words.paragraphs, linkLabel: words.linkLabel },
    );
    (delivered.created || delivered.mailed ? outcome.notified : outcome.duplicates).push(userId);
  }
  return outcome;
}

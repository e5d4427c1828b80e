import type { Db } from "../db/service.ts";
import type { Lead } from "../lead/lead.ts";
import { notificationId, type NewNotification, type NotificationMail } from "../notification/notification.ts";
import { subjectPath } from "../notification/notification-text.ts";
import { findUser, type User } from "../user/user.ts";
import type { LeadSlaItem } from "./sla-store.ts";

const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();

/** A deadline as the team reads it: local time in the team's zone, with the zone named. */
export function localTime(iso: string, timeZone: string): string {
  const local = new Intl.DateTimeFormat("en-GB", { timeZone, dateStyle: "medium", timeStyle: "medium" }).format(new Date(iso));
  return `${local} (${timeZone})`;
}

const described = (lead: Lead) => `"${lead.name}"${lead.companyName ? ` (${lead.companyName})` : ""}`;

/** The owner's in-app reminder and its email; same assignment, same notification id. */
export function reminderNotice(lead: Lead, item: LeadSlaItem, owner: User, timeZone: string): [NewNotification, NotificationMail] {
  const text = `First contact overdue: ${described(lead)} was due ${localTime(item.dueAt, timeZone)}`;
  const n: NewNotification = {
    notificationId: notificationId("lead-sla", item.leadId, item.assignedAt, "reminder"), userId: owner.userId, teamId: item.teamId,
    kind: "task_due", text, link: subjectPath("lead", item.leadId), subjectType: "lead", subjectId: item.leadId,
  };
  const paragraphs = [
    `Hello ${owner.name},`,
    `The lead ${described(lead)} was assigned to you on ${localTime(item.assignedAt, timeZone)}. Its first contact was due ${localTime(item.dueAt, timeZone)}.`,
    `Call, meet or email them and log it on the lead. Without a first contact it is escalated to your manager on ${localTime(item.escalateAt, timeZone)}.`,
  ];
  return [n, { to: owner.email, subject: oneLine(`Reminder: first contact with "${lead.name}" is overdue`), paragraphs, linkLabel: "Open the lead" }];
}

/** The manager's escalation: the lead, its owner, the due time and the link. */
export function escalationNotice(lead: Lead, item: LeadSlaItem, manager: User, owner: User | undefined, timeZone: string): [NewNotification, NotificationMail] {
  const who = owner ? `${owner.name} <${owner.email}>` : item.ownerId;
  const text = `Escalation: no first contact with ${described(lead)} by ${owner?.name ?? item.ownerId}, due ${localTime(item.dueAt, timeZone)}`;
  const n: NewNotification = {
    notificationId: notificationId("lead-sla", item.leadId, item.assignedAt, "escalation"), userId: manager.userId, teamId: item.teamId,
    kind: "task_due", text, link: subjectPath("lead", item.leadId), subjectType: "lead", subjectId: item.leadId,
  };
  const paragraphs = [
    `Hello ${manager.name},`,
    `The lead ${described(lead)} has had no first contact. Its owner was reminded without result.`,
    `Owner: ${who}.`,
    `Assigned: ${localTime(item.assignedAt, timeZone)}. Due: ${localTime(item.dueAt, timeZone)}.`,
    `Unless it is contacted, it goes back to the team pool on ${localTime(item.poolAt, timeZone)} and is reassigned.`,
  ];
  return [n, { to: manager.email, subject: oneLine(`Escalation: first contact with "${lead.name}" is overdue`), paragraphs, linkLabel: "Open the lead" }];
}

export async function userOf(db: Db, userId: string | undefined): Promise<User | undefined> {
  return userId ? ((await findUser(db, userId)) ?? undefined) : undefined;
}

/** The team's manager, if it has one who can receive mail. */
export async function managerOf(db: Db, teamId: string): Promise<User | undefined> {
  const team = (await db.entities.team.get({ teamId }).go()).data;
  return userOf(db, team?.managerId);
}

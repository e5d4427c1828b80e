import { Entity } from "electrodb";

export const notificationKinds = ["mention", "task_due"] as const;
export const notificationSubjects = ["lead", "account", "opportunity"] as const;

/**
 * An in-app message to one user (a mention, a task falling due). Written by consumers and workflow tasks with an
 * id derived from what caused it, so a redelivered event finds it already there. `mailedAt` records that its
 * email went out, which is what keeps a retry from mailing twice and what the deal timeline shows as an email.
 */
export const NotificationEntity = new Entity({
  model: { entity: "notification", version: "1", service: "dealflow" },
  attributes: {
    notificationId: { type: "string", required: true },
    userId: { type: "string", required: true },
    /** Team of the record it is about. */
    teamId: { type: "string", required: true },
    kind: { type: notificationKinds, required: true },
    text: { type: "string", required: true },
    /** Path in the web client (`/#/deals/<id>`); emails prefix it with the app URL. */
    link: { type: "string", required: true },
    subjectType: { type: notificationSubjects, required: true },
    subjectId: { type: "string", required: true },
    /** Who caused it (the mentioning author), if a person did. */
    actorId: { type: "string" },
    read: { type: "boolean", required: true, default: false },
    readAt: { type: "string" },
    createdAt: { type: "string", required: true },
    mailSubject: { type: "string" },
    mailedAt: { type: "string" },
    /** TTL (epoch seconds): old notifications clean themselves up. */
    expiresAt: { type: "number" },
  },
  indexes: {
    primary: { pk: { field: "pk", composite: ["notificationId"] }, sk: { field: "sk", composite: [] } },
    // "My notifications", read backwards for newest first.
    byUser: { index: "gsi1", pk: { field: "gsi1pk", composite: ["userId"] }, sk: { field: "gsi1sk", composite: ["createdAt", "notificationId"] } },
    // "My unread notifications" without a filter that would leave pages empty.
    byUserRead: { index: "gsi2", pk: { field: "gsi2pk", composite: ["userId", "read"] }, sk: { field: "gsi2sk", composite: ["createdAt", "notificationId"] } },
    // Emails sent about a record, for its timeline.
    bySubject: { index: "gsi3", pk: { field: "gsi3pk", composite: ["subjectType", "subjectId"] }, sk: { field: "gsi3sk", composite: ["createdAt", "notificationId"] } },
  },
});

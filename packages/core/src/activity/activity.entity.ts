import { Entity } from "electrodb";
import { recordFields } from "../db/entity-fields.ts";

export const activityTypes = ["call", "meeting", "visit", "email", "note", "task"] as const;
export const subjectTypes = ["lead", "account", "opportunity"] as const;

export const ActivityEntity = new Entity({
  model: { entity: "activity", version: "1", service: "dealflow" },
  attributes: {
    activityId: { type: "string", required: true },
    ...recordFields,
    subjectType: { type: subjectTypes, required: true },
    subjectId: { type: "string", required: true },
    type: { type: activityTypes, required: true },
    title: { type: "string", required: true },
    body: { type: "string" },
    outcome: { type: "string" },
    nextAction: { type: "string" },
    dueAt: { type: "string" },
    done: { type: "boolean", default: false },
    mentions: { type: "set", items: "string" },
    authorId: { type: "string", required: true },
    occurredAt: { type: "string", required: true },
  },
  indexes: {
    primary: { pk: { field: "pk", composite: ["activityId"] }, sk: { field: "sk", composite: [] } },
    // A record's timeline, newest last (read backwards for newest first).
    bySubject: { index: "gsi1", pk: { field: "gsi1pk", composite: ["subjectType", "subjectId"] }, sk: { field: "gsi1sk", composite: ["occurredAt", "activityId"] } },
    byAuthor: { index: "gsi2", pk: { field: "gsi2pk", composite: ["authorId"] }, sk: { field: "gsi2sk", composite: ["occurredAt", "activityId"] } },
  },
});

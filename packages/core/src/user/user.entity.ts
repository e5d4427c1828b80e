import { Entity } from "electrodb";
import { recordFields } from "../db/entity-fields.ts";

export const roles = ["rep", "manager", "admin"] as const;
export type Role = (typeof roles)[number];

export const UserEntity = new Entity({
  model: { entity: "user", version: "1", service: "dealflow" },
  attributes: {
    userId: { type: "string", required: true },
    ...recordFields,
    email: { type: "string", required: true },
    name: { type: "string", required: true },
    role: { type: roles, required: true },
    active: { type: "boolean", default: true },
    /** Maximum open leads this rep takes from assignment. */
    capacity: { type: "number", default: 50 },
    regions: { type: "set", items: "string" },
    industries: { type: "set", items: "string" },
    locale: { type: ["en", "zh-CN"] as const, default: "en" },
  },
  indexes: {
    primary: { pk: { field: "pk", composite: ["userId"] }, sk: { field: "sk", composite: [] } },
    byEmail: { index: "gsi1", pk: { field: "gsi1pk", composite: ["email"] }, sk: { field: "gsi1sk", composite: [] } },
    byTeamName: { index: "gsi2", pk: { field: "gsi2pk", composite: ["teamId"] }, sk: { field: "gsi2sk", composite: ["name", "userId"] } },
  },
});

/** Makes an email unique across users: written in the same transaction as the user, conditionally. */
export const UserEmailEntity = new Entity({
  model: { entity: "userEmail", version: "1", service: "dealflow" },
  attributes: {
    email: { type: "string", required: true },
    userId: { type: "string", required: true },
  },
  indexes: {
    primary: { pk: { field: "pk", composite: ["email"] }, sk: { field: "sk", composite: [] } },
  },
});

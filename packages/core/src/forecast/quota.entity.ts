import { Entity } from "electrodb";

/** An admin-set target for one month: per rep (`subject` = the user id) or for the whole team (`subject` = "team"). */
export const QuotaEntity = new Entity({
  model: { entity: "quota", version: "1", service: "dealflow" },
  attributes: {
    teamId: { type: "string", required: true },
    month: { type: "string", required: true },
    subject: { type: "string", required: true },
    amount: { type: "number", required: true },
    currency: { type: "string", required: true, default: "CNY" },
    updatedAt: { type: "string", required: true },
    updatedBy: { type: "string", required: true },
  },
  indexes: {
    primary: { pk: { field: "pk", composite: ["teamId"] }, sk: { field: "sk", composite: ["month", "subject"] } },
  },
});

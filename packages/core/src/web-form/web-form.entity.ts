import { Entity } from "electrodb";
import { recordFields } from "../db/entity-fields.ts";

/**
 * A public capture form of one team and campaign. `fields` is a list of maps ({key, labelEn, labelZh, required})
 * rendered in that order; the leads it captures land in `teamId`.
 */
export const WebFormEntity = new Entity({
  model: { entity: "webForm", version: "1", service: "dealflow" },
  attributes: {
    formId: { type: "string", required: true },
    ...recordFields,
    name: { type: "string", required: true },
    campaign: { type: "string" },
    sourceTags: { type: "list", items: { type: "string" } },
    fields: {
      type: "list",
      required: true,
      items: {
        type: "map",
        properties: {
          key: { type: "string", required: true },
          labelEn: { type: "string", required: true },
          labelZh: { type: "string", required: true },
          required: { type: "boolean", required: true },
        },
      },
    },
    thankYouEn: { type: "string", required: true },
    thankYouZh: { type: "string", required: true },
    active: { type: "boolean", required: true },
    redirectUrl: { type: "string" },
    rateLimitMax: { type: "number", required: true },
    rateLimitWindowSeconds: { type: "number", required: true },
  },
  indexes: {
    primary: { pk: { field: "pk", composite: ["formId"] }, sk: { field: "sk", composite: [] } },
    // A team's forms, newest first in the admin list.
    byTeam: { index: "gsi1", pk: { field: "gsi1pk", composite: ["teamId"] }, sk: { field: "gsi1sk", composite: ["createdAt", "formId"] } },
  },
});

/**
 * Submissions of one client address to one form in one fixed window; a conditional increment is the limit, and
 * the item expires (TTL) soon after its window ends, so counters never pile up.
 */
export const WebFormHitsEntity = new Entity({
  model: { entity: "webFormHits", version: "1", service: "dealflow" },
  attributes: {
    formId: { type: "string", required: true },
    ip: { type: "string", required: true },
    windowStart: { type: "number", required: true },
    count: { type: "number" },
    expiresAt: { type: "number" },
  },
  indexes: {
    primary: { pk: { field: "pk", composite: ["formId", "ip", "windowStart"] }, sk: { field: "sk", composite: [] } },
  },
});

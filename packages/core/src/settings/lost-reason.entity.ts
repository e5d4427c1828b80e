import { Entity } from "electrodb";
import { recordFields } from "../db/entity-fields.ts";

export const closeOutcomesWithReason = ["lost", "invalid"] as const;

/**
 * One entry of a team's admin-managed list of reasons a deal is lost or invalid. The id is `<teamId>:<key>`, so
 * a key is unique within its team by construction (a second create of it is a 409).
 */
export const LostReasonEntity = new Entity({
  model: { entity: "lostReason", version: "1", service: "dealflow" },
  attributes: {
    lostReasonId: { type: "string", required: true },
    ...recordFields,
    key: { type: "string", required: true },
    label: { type: "string", required: true },
    labelZh: { type: "string" },
    active: { type: "boolean", required: true, default: true },
    /** Which close outcomes may use it: lost, invalid or both. */
    outcomes: { type: "set", items: closeOutcomesWithReason, required: true },
  },
  indexes: {
    primary: { pk: { field: "pk", composite: ["lostReasonId"] }, sk: { field: "sk", composite: [] } },
    // The settings page and the close dialog: a team's reasons in key order.
    byTeam: { index: "gsi1", pk: { field: "gsi1pk", composite: ["teamId"] }, sk: { field: "gsi1sk", composite: ["key"] } },
  },
});

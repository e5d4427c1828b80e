import { Entity } from "electrodb";
import { recordFields } from "../db/entity-fields.ts";

/** A team's payment-collection settings; a team without a stored item runs on the defaults. */
export const CollectionSettingsEntity = new Entity({
  model: { entity: "collectionSettings", version: "1", service: "dealflow" },
  attributes: {
    ...recordFields,
    /** How long before the due time the owner is reminded: "3d", "12h", "30s". */
    remindBefore: { type: "string", required: true },
    /** How long after the due time an unpaid instalment is marked overdue and escalated. */
    grace: { type: "string", required: true },
    /** Who gets overdue notices besides the owner, when the order names no finance contact. */
    financeEmail: { type: "string" },
  },
  indexes: {
    primary: { pk: { field: "pk", composite: ["teamId"] }, sk: { field: "sk", composite: [] } },
  },
});

import { Entity } from "electrodb";
import { ownerField, recordFields } from "../db/entity-fields.ts";

export const ContactEntity = new Entity({
  model: { entity: "contact", version: "1", service: "dealflow" },
  attributes: {
    contactId: { type: "string", required: true },
    ...recordFields,
    ...ownerField,
    accountId: { type: "string", required: true },
    name: { type: "string", required: true },
    email: { type: "string" },
    phone: { type: "string" },
    title: { type: "string" },
    /** Decision chain (联系人图谱): whom this person reports to. */
    reportsToContactId: { type: "string" },
  },
  indexes: {
    primary: { pk: { field: "pk", composite: ["contactId"] }, sk: { field: "sk", composite: [] } },
    // Everyone at an account: the 360° view and the decision-chain map.
    byAccount: { index: "gsi1", pk: { field: "gsi1pk", composite: ["accountId"] }, sk: { field: "gsi1sk", composite: ["name", "contactId"] } },
    byTeamName: { index: "gsi2", pk: { field: "gsi2pk", composite: ["teamId"] }, sk: { field: "gsi2sk", composite: ["name", "contactId"] } },
  },
});

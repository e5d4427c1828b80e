import { Entity } from "electrodb";
import { ownerField, recordFields } from "../db/entity-fields.ts";

export const AccountEntity = new Entity({
  model: { entity: "account", version: "1", service: "dealflow" },
  attributes: {
    accountId: { type: "string", required: true },
    ...recordFields,
    ...ownerField,
    name: { type: "string", required: true },
    domain: { type: "string" },
    industry: { type: "string" },
    size: { type: "string" },
    region: { type: "string" },
    website: { type: "string" },
    phone: { type: "string" },
    address: { type: "string" },
    parentAccountId: { type: "string" },
  },
  indexes: {
    primary: { pk: { field: "pk", composite: ["accountId"] }, sk: { field: "sk", composite: [] } },
    // The team's accounts by name (alphabetical lists, name prefix search).
    byTeamName: { index: "gsi1", pk: { field: "gsi1pk", composite: ["teamId"] }, sk: { field: "gsi1sk", composite: ["name", "accountId"] } },
    byOwnerName: { index: "gsi2", pk: { field: "gsi2pk", composite: ["ownerId"] }, sk: { field: "gsi2sk", composite: ["name", "accountId"] } },
  },
});

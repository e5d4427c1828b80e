import { Entity } from "electrodb";

export const AuditEntryEntity = new Entity({
  model: { entity: "audit", version: "1", service: "dealflow" },
  attributes: {
    auditId: { type: "string", required: true },
    recordType: { type: "string", required: true },
    recordId: { type: "string", required: true },
    teamId: { type: "string", required: true },
    action: { type: "string", required: true },
    actorId: { type: "string", required: true },
    at: { type: "string", required: true },
    /** Field-level changes, old → new. */
    changes: {
      type: "list",
      items: { type: "map", properties: { field: { type: "string", required: true }, old: { type: "any" }, new: { type: "any" } } },
    },
  },
  indexes: {
    // A record's history, oldest first.
    byRecord: { pk: { field: "pk", composite: ["recordType", "recordId"] }, sk: { field: "sk", composite: ["at", "auditId"] } },
    byActor: { index: "gsi1", pk: { field: "gsi1pk", composite: ["actorId"] }, sk: { field: "gsi1sk", composite: ["at", "auditId"] } },
    byTeam: { index: "gsi2", pk: { field: "gsi2pk", composite: ["teamId"] }, sk: { field: "gsi2sk", composite: ["at", "auditId"] } },
  },
});

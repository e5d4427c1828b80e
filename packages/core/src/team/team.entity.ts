import { Entity } from "electrodb";

export const TeamEntity = new Entity({
  model: { entity: "team", version: "1", service: "dealflow" },
  attributes: {
    teamId: { type: "string", required: true },
    name: { type: "string", required: true },
    managerId: { type: "string" },
    regions: { type: "set", items: "string" },
    industries: { type: "set", items: "string" },
    timezone: { type: "string", default: "Asia/Shanghai" },
    version: { type: "number", required: true },
    createdAt: { type: "string", required: true },
    updatedAt: { type: "string", required: true },
    createdBy: { type: "string", required: true },
  },
  indexes: {
    primary: { pk: { field: "pk", composite: ["teamId"] }, sk: { field: "sk", composite: [] } },
    // Few teams per installation: one partition lists them all.
    all: { index: "gsi1", pk: { field: "gsi1pk", composite: [] }, sk: { field: "gsi1sk", composite: ["name", "teamId"] } },
  },
});

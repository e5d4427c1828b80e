import { Entity } from "electrodb";
import { recordFields } from "../db/entity-fields.ts";
import { forecastCategories } from "../opportunity/opportunity.entity.ts";

export const PipelineEntity = new Entity({
  model: { entity: "pipeline", version: "1", service: "dealflow" },
  attributes: {
    pipelineId: { type: "string", required: true },
    ...recordFields,
    name: { type: "string", required: true },
    businessLine: { type: "string" },
    isDefault: { type: "boolean", default: false },
    /** Whether a deal may jump over stages when moving forward. */
    allowSkip: { type: "boolean", default: false },
    stages: {
      type: "list",
      required: true,
      items: {
        type: "map",
        properties: {
          key: { type: "string", required: true },
          name: { type: "string", required: true },
          nameZh: { type: "string" },
          probability: { type: "number", required: true },
          forecastCategory: { type: forecastCategories, required: true },
          slaDays: { type: "number" },
          guidance: { type: "string" },
          requiredFields: { type: "list", items: { type: "string" } },
          requiredActivities: { type: "list", items: { type: "string" } },
          requiredRoles: { type: "list", items: { type: "string" } },
        },
      },
    },
  },
  indexes: {
    primary: { pk: { field: "pk", composite: ["pipelineId"] }, sk: { field: "sk", composite: [] } },
    byTeamName: { index: "gsi1", pk: { field: "gsi1pk", composite: ["teamId"] }, sk: { field: "gsi1sk", composite: ["name", "pipelineId"] } },
  },
});

import { Entity } from "electrodb";
import { recordFields } from "../db/entity-fields.ts";

const strings = { type: "list", items: { type: "string" } } as const;

/**
 * A team's lead-scoring rules (one item per team, versioned and audited like any record). A team without one
 * scores with `defaultScoringRules`. Saving rules re-scores nothing: new events use them, a re-score applies them.
 */
export const ScoringRulesEntity = new Entity({
  model: { entity: "scoringRules", version: "1", service: "dealflow" },
  attributes: {
    ...recordFields,
    fitRules: {
      type: "list",
      required: true,
      items: {
        type: "map",
        properties: {
          field: { type: "string", required: true },
          op: { type: "string", required: true },
          value: { type: "string" },
          values: strings,
          points: { type: "number", required: true },
          label: { type: "string" },
        },
      },
    },
    interestRules: {
      type: "list",
      required: true,
      items: { type: "map", properties: { activityType: { type: "string", required: true }, points: { type: "number", required: true } } },
    },
    touchPoints: { type: "number", required: true },
    halfLifeDays: { type: "number", required: true },
    qualifyThreshold: { type: "number", required: true },
    grades: { type: "map", required: true, properties: { A: { type: "number", required: true }, B: { type: "number", required: true }, C: { type: "number", required: true } } },
  },
  indexes: {
    primary: { pk: { field: "pk", composite: ["teamId"] }, sk: { field: "sk", composite: [] } },
  },
});

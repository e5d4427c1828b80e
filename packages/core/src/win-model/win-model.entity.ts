import { Entity } from "electrodb";
import { recordFields } from "../db/entity-fields.ts";

/** One closed (won/lost) deal's features and outcome: the model's training data, in the deal's partition. */
export const WinTrainingRowEntity = new Entity({
  model: { entity: "winTrainingRow", version: "1", service: "dealflow" },
  attributes: {
    opportunityId: { type: "string", required: true },
    teamId: { type: "string", required: true },
    outcome: { type: ["won", "lost"] as const, required: true },
    features: { type: "any", required: true },
    /** The stage default probability the deal had in the stage it closed in (for calibration's comparison). */
    stageProbability: { type: "number" },
    dealVersion: { type: "number", required: true },
  },
  indexes: {
    primary: { pk: { field: "pk", composite: ["opportunityId"] }, sk: { field: "sk", composite: [] } },
    byTeam: { index: "gsi1", pk: { field: "gsi1pk", composite: ["teamId"] }, sk: { field: "gsi1sk", composite: ["opportunityId"] } },
  },
});

/** A team's trained model (counts), rebuilt from its training rows after every close and on demand. */
export const WinModelEntity = new Entity({
  model: { entity: "winModel", version: "1", service: "dealflow" },
  attributes: {
    teamId: { type: "string", required: true },
    model: { type: "any", required: true },
    rows: { type: "number", required: true },
    builtAt: { type: "string", required: true },
  },
  indexes: {
    primary: { pk: { field: "pk", composite: ["teamId"] }, sk: { field: "sk", composite: [] } },
  },
});

/** The features a team's model learns from besides the stage (win-model-settings.ts); versioned and audited. */
export const WinModelSettingsEntity = new Entity({
  model: { entity: "winModelSettings", version: "1", service: "dealflow" },
  attributes: {
    ...recordFields,
    features: { type: "list", required: true, items: { type: "string" } },
  },
  indexes: {
    primary: { pk: { field: "pk", composite: ["teamId"] }, sk: { field: "sk", composite: [] } },
  },
});

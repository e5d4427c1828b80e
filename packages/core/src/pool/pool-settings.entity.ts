import { Entity } from "electrodb";
import { recordFields } from "../db/entity-fields.ts";

/** A team's pool rules; a team without a stored item uses the defaults. */
export const PoolSettingsEntity = new Entity({
  model: { entity: "poolSettings", version: "1", service: "dealflow" },
  attributes: {
    ...recordFields,
    claimLimit: { type: "number", required: true },
    claimWindowHours: { type: "number", required: true },
    cooldownDays: { type: "number", required: true },
  },
  indexes: {
    primary: { pk: { field: "pk", composite: ["teamId"] }, sk: { field: "sk", composite: [] } },
  },
});

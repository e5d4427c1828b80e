import { Entity } from "electrodb";
import { recordFields } from "../db/entity-fields.ts";

export const assignmentMethods = ["round_robin", "least_loaded"] as const;

const strings = { type: "list", items: { type: "string" } } as const;

/**
 * The installation's assignment rules (one item, id "assignment"): territory rules in order, first match picks
 * the team; each team's method inside it. Absent, the teams' own regions and industries are the territories.
 */
export const AssignmentSettingsEntity = new Entity({
  model: { entity: "assignmentSettings", version: "1", service: "dealflow" },
  attributes: {
    settingsId: { type: "string", required: true },
    ...recordFields,
    territories: {
      type: "list",
      required: true,
      items: { type: "map", properties: { regions: strings, industries: strings, companySizes: strings, teamId: { type: "string", required: true } } },
    },
    methods: { type: "list", required: true, items: { type: "map", properties: { teamId: { type: "string", required: true }, method: { type: assignmentMethods, required: true } } } },
  },
  indexes: {
    primary: { pk: { field: "pk", composite: ["settingsId"] }, sk: { field: "sk", composite: [] } },
  },
});

/**
 * A team's round-robin cursor: the rep who got the last lead. Every automatic assignment in the team updates it
 * conditionally on `version` in the assignment's transaction, which serialises the team's assignments.
 */
export const AssignmentCursorEntity = new Entity({
  model: { entity: "assignmentCursor", version: "1", service: "dealflow" },
  attributes: {
    teamId: { type: "string", required: true },
    lastOwnerId: { type: "string" },
    version: { type: "number", required: true },
    updatedAt: { type: "string", required: true },
  },
  indexes: {
    primary: { pk: { field: "pk", composite: ["teamId"] }, sk: { field: "sk", composite: [] } },
  },
});

/** A rep's open-lead count: raised (conditionally under capacity) and lowered in the transactions that move holds. */
export const RepLoadEntity = new Entity({
  model: { entity: "repLoad", version: "1", service: "dealflow" },
  attributes: {
    userId: { type: "string", required: true },
    load: { type: "number", required: true },
    updatedAt: { type: "string" },
  },
  indexes: {
    primary: { pk: { field: "pk", composite: ["userId"] }, sk: { field: "sk", composite: [] } },
  },
});

/**
 * Which rep a lead counts against (`ownerId`; absent: nobody), as of lead version `leadVersion`. Writes are
 * conditional on that version, so a late or repeated reconciliation can never undo a newer one: the count
 * follows each lead exactly once.
 */
export const LeadHoldEntity = new Entity({
  model: { entity: "leadHold", version: "1", service: "dealflow" },
  attributes: {
    leadId: { type: "string", required: true },
    ownerId: { type: "string" },
    leadVersion: { type: "number", required: true },
    updatedAt: { type: "string" },
  },
  indexes: {
    primary: { pk: { field: "pk", composite: ["leadId"] }, sk: { field: "sk", composite: [] } },
  },
});

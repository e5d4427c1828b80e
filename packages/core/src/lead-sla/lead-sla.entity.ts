import { Entity } from "electrodb";

export const slaStates = ["waiting", "breached", "closed"] as const;
export const slaOutcomes = ["met", "late", "pooled", "reassigned", "ended"] as const;

/**
 * One response SLA per assignment of a lead (owner + time), in the lead's partition. The execution reads its
 * deadlines and breach level from here, so a retried task or a restarted engine lands on the same step.
 * `met` is decided once: true at a first contact by the due time, false at the first breach.
 */
export const LeadSlaEntity = new Entity({
  model: { entity: "leadSla", version: "1", service: "dealflow" },
  attributes: {
    leadId: { type: "string", required: true },
    assignedAt: { type: "string", required: true },
    teamId: { type: "string", required: true },
    ownerId: { type: "string", required: true },
    leadName: { type: "string", required: true },
    dueAt: { type: "string", required: true },
    escalateAt: { type: "string", required: true },
    poolAt: { type: "string", required: true },
    executionName: { type: "string", required: true },
    state: { type: slaStates, required: true },
    /** 0 until the first breach; 1 reminded, 2 escalated, 3 returned to the pool. */
    breachLevel: { type: "number", required: true },
    met: { type: "boolean" },
    outcome: { type: slaOutcomes },
    firstContactAt: { type: "string" },
    contactActivityId: { type: "string" },
    closedAt: { type: "string" },
    updatedAt: { type: "string", required: true },
  },
  indexes: {
    primary: { pk: { field: "pk", composite: ["leadId"] }, sk: { field: "sk", composite: ["assignedAt"] } },
    // A team's assignments still waiting or in breach, most overdue first (the manager's open breaches).
    byTeamState: { index: "gsi1", pk: { field: "gsi1pk", composite: ["teamId", "state"] }, sk: { field: "gsi1sk", composite: ["dueAt", "leadId"] } },
    // A team's assignments by due time (compliance over a period).
    byTeamDue: { index: "gsi2", pk: { field: "gsi2pk", composite: ["teamId"] }, sk: { field: "gsi2sk", composite: ["dueAt", "leadId"] } },
  },
});

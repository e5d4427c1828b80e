import { Entity } from "electrodb";
import { ownerField, recordFields } from "../db/entity-fields.ts";

export const opportunityStatuses = ["open", "won", "lost", "invalid"] as const;
export const forecastCategories = ["pipeline", "best_case", "commit", "closed", "omitted"] as const;
export const committeeRoles = ["decision_maker", "influencer", "supporter", "opponent", "user", "gatekeeper"] as const;

export const OpportunityEntity = new Entity({
  model: { entity: "opportunity", version: "1", service: "dealflow" },
  attributes: {
    opportunityId: { type: "string", required: true },
    ...recordFields,
    ownerId: ownerField.ownerId,
    name: { type: "string", required: true },
    accountId: { type: "string", required: true },
    pipelineId: { type: "string", required: true },
    stage: { type: "string", required: true },
    stageEnteredAt: { type: "string", required: true },
    /** Sequence number of the current stage-history entry. */
    stageSeq: { type: "number", required: true },
    status: { type: opportunityStatuses, required: true, default: "open" },
    amount: { type: "number", required: true, default: 0 },
    currency: { type: "string", required: true, default: "CNY" },
    expectedCloseDate: { type: "string" },
    /** Times the expected close date moved later, and the days it moved in all (close-date-slip.ts). */
    closeDateSlips: { type: "number" },
    closeDateSlippedDays: { type: "number" },
    probability: { type: "number", required: true },
    forecastCategory: { type: forecastCategories, required: true },
    priority: { type: ["A", "B", "C"] as const },
    sourceLeadId: { type: "string" },
    teamMemberIds: { type: "set", items: "string" },
    contacts: {
      type: "list",
      items: {
        type: "map",
        properties: {
          contactId: { type: "string", required: true },
          role: { type: committeeRoles, required: true },
          attitude: { type: ["positive", "neutral", "negative"] as const },
        },
      },
    },
    competitors: {
      type: "list",
      items: {
        type: "map",
        properties: {
          name: { type: "string", required: true },
          strengths: { type: "string" },
          weaknesses: { type: "string" },
          pricePosition: { type: ["lower", "similar", "higher"] as const },
        },
      },
    },
    needs: { type: "string" },
    budget: { type: "string" },
    decisionProcess: { type: "string" },
    nextStep: { type: "string" },
    /** Key of the team's lost/invalid reason (settings/lost-reasons); close and reopen fields describe the last close. */
    closeReason: { type: "string" },
    closedAt: { type: "string" },
    closedBy: { type: "string" },
    /** Who won a lost deal: a competitor's name, or "none" / "unknown". */
    winningCompetitor: { type: "string" },
    closeNote: { type: "string" },
    reopenReason: { type: "string" },
    reopenedAt: { type: "string" },
    reopenedBy: { type: "string" },
    /** Set when the stage SLA ran out past escalation: the deal may be released to the team pool. */
    stale: { type: "boolean" },
    /** Where the current stage stay stands against its SLA (deal-flow workflow): shown on the deal. */
    slaState: { type: ["on_track", "reminded", "escalated", "stale"] as const },
    /** In the team pool (公海): unowned until a rep claims it. */
    pooled: { type: "boolean" },
    pooledAt: { type: "string" },
    /** Who owned it before it went to the pool (for the claim cool-down). */
    lastOwnerId: { type: "string" },
  },
  indexes: {
    primary: { pk: { field: "pk", composite: ["opportunityId"] }, sk: { field: "sk", composite: [] }, collection: "deal" },
    // The kanban: a team's open deals of one pipeline, column by column.
    byTeamStage: { index: "gsi1", pk: { field: "gsi1pk", composite: ["teamId"] }, sk: { field: "gsi1sk", composite: ["status", "pipelineId", "stage", "createdAt"] } },
    // "My deals", same shape.
    byOwnerStage: { index: "gsi2", pk: { field: "gsi2pk", composite: ["ownerId"] }, sk: { field: "gsi2sk", composite: ["status", "pipelineId", "stage", "createdAt"] } },
    byAccount: { index: "gsi3", pk: { field: "gsi3pk", composite: ["accountId"] }, sk: { field: "gsi3sk", composite: ["createdAt"] } },
  },
});

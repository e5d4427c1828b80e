import { Entity } from "electrodb";

/**
 * One stay of a deal in a stage. Lives in the deal's partition (collection "deal") so the 360° view reads the
 * deal and its whole history in one Query; the snapshot fields feed slip and velocity analysis.
 */
export const StageHistoryEntity = new Entity({
  model: { entity: "stageHistory", version: "1", service: "dealflow" },
  attributes: {
    opportunityId: { type: "string", required: true },
    seq: { type: "number", required: true, padding: { length: 5, char: "0" } },
    teamId: { type: "string", required: true },
    pipelineId: { type: "string", required: true },
    stage: { type: "string", required: true },
    fromStage: { type: "string" },
    /** How the stay began: the deal was created, moved forward or back, or reopened in this stage. */
    kind: { type: ["created", "forward", "backward", "reopened"] as const },
    /** Why a reopened stay began (the reopen reason). */
    reason: { type: "string" },
    enteredAt: { type: "string", required: true },
    leftAt: { type: "string" },
    /** Set when the stay ended because the deal closed. */
    leftFor: { type: ["won", "lost", "invalid"] as const },
    movedBy: { type: "string", required: true },
    amount: { type: "number", required: true },
    probability: { type: "number", required: true },
    expectedCloseDate: { type: "string" },
  },
  indexes: {
    primary: {
      pk: { field: "pk", composite: ["opportunityId"] },
      sk: { field: "sk", composite: ["seq"] },
      collection: "deal",
    },
    // Analytics: a team's stays in one pipeline by entry time, so funnel, conversion and velocity read one Query
    // range instead of every deal's partition.
    byTeamPipeline: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["teamId"] },
      sk: { field: "gsi1sk", composite: ["pipelineId", "enteredAt", "opportunityId", "seq"] },
    },
  },
});

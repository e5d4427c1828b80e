import { Entity } from "electrodb";

/**
 * The deal's workflow bookkeeping, in the deal's partition: which execution is current (a reopened deal gets a
 * fresh one) and the task token of the stage wait, with the stage stay (`waitingSeq`) it waits on.
 */
export const DealFlowEntity = new Entity({
  model: { entity: "dealFlow", version: "1", service: "dealflow" },
  attributes: {
    opportunityId: { type: "string", required: true },
    teamId: { type: "string", required: true },
    status: { type: ["open", "closed"] as const, required: true },
    /** 1 for the deal's first execution; each restart (reopen, reconcile) takes the next. */
    generation: { type: "number", required: true },
    executionName: { type: "string", required: true },
    executionArn: { type: "string" },
    waitingSeq: { type: "number" },
    taskToken: { type: "string" },
    signaledSeq: { type: "number" },
    updatedAt: { type: "string", required: true },
  },
  indexes: {
    primary: { pk: { field: "pk", composite: ["opportunityId"] }, sk: { field: "sk", composite: [] } },
  },
});

export const noticeKinds = ["reminder", "escalation", "stale"] as const;
export type NoticeKind = (typeof noticeKinds)[number];

/** One SLA notice per (deal, stage stay, kind): written before acting, so a retried task acts once. */
export const DealFlowNoticeEntity = new Entity({
  model: { entity: "dealFlowNotice", version: "1", service: "dealflow" },
  attributes: {
    opportunityId: { type: "string", required: true },
    seq: { type: "number", required: true, padding: { length: 5, char: "0" } },
    kind: { type: noticeKinds, required: true },
    status: { type: ["pending", "done"] as const, required: true },
    claimedAt: { type: "string", required: true },
    doneAt: { type: "string" },
    to: { type: "string" },
    messageId: { type: "string" },
  },
  indexes: {
    primary: { pk: { field: "pk", composite: ["opportunityId"] }, sk: { field: "sk", composite: ["seq", "kind"] } },
  },
});

import { Entity } from "electrodb";

/**
 * Proof that a capture with this idempotency key (marketing event id, CSV row hash, API Idempotency-Key) was
 * applied: written in the capture's own transaction, so a replay finds it and changes nothing.
 */
export const CaptureReceiptEntity = new Entity({
  model: { entity: "captureReceipt", version: "1", service: "dealflow" },
  attributes: {
    key: { type: "string", required: true },
    leadId: { type: "string", required: true },
    outcome: { type: ["created", "touched"] as const, required: true },
    channel: { type: "string", required: true },
    at: { type: "string", required: true },
  },
  indexes: {
    primary: { pk: { field: "pk", composite: ["key"], template: "capture#${key}" }, sk: { field: "sk", composite: [], template: "receipt" } },
  },
});

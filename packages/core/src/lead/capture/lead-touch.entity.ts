import { Entity } from "electrodb";

/**
 * A repeat capture of a known person: which channel and campaign brought them back, and what they submitted.
 * Lives in the lead's partition, so a lead's source history is one Query.
 */
export const LeadTouchEntity = new Entity({
  model: { entity: "leadTouch", version: "1", service: "dealflow" },
  attributes: {
    leadId: { type: "string", required: true },
    touchId: { type: "string", required: true },
    teamId: { type: "string", required: true },
    channel: { type: "string", required: true },
    campaign: { type: "string" },
    at: { type: "string", required: true },
    actorId: { type: "string", required: true },
    /** Which key found the lead: email, phone or company_name. */
    matchedBy: { type: "string", required: true },
    /** The submitted person and company fields, as normalised. */
    submitted: { type: "any" },
    /** Fields that were empty on the lead and were filled from this touch. */
    filled: { type: "list", items: { type: "string" } },
    idempotencyKey: { type: "string" },
  },
  indexes: {
    primary: { pk: { field: "pk", composite: ["leadId"] }, sk: { field: "sk", composite: ["at", "touchId"] } },
  },
});

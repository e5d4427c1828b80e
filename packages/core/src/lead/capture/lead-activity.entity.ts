import { Entity } from "electrodb";

/** Marketing behaviours a `Lead Activity` event can report; scoring gives each its interest weight. */
export const leadActivityTypes = [
  "page_visit", "pricing_page", "demo_request", "email_open", "email_click", "form_submit", "webinar",
  "content_download", "trial_signup", "event_attended", "chat", "unsubscribe",
] as const;
export type LeadActivityType = (typeof leadActivityTypes)[number];

/**
 * One behaviour of a known lead, reported by a marketing system. In the lead's partition; keyed by the bus
 * event id, so a redelivered event finds its item already written.
 */
export const LeadActivityEntity = new Entity({
  model: { entity: "leadActivity", version: "1", service: "dealflow" },
  attributes: {
    leadId: { type: "string", required: true },
    eventId: { type: "string", required: true },
    teamId: { type: "string", required: true },
    activityType: { type: leadActivityTypes, required: true },
    at: { type: "string", required: true },
    url: { type: "string" },
    /** The event's `source`, e.g. marketing.hubspot. */
    source: { type: "string", required: true },
    matchedBy: { type: "string", required: true },
    recordedAt: { type: "string", required: true },
  },
  indexes: {
    primary: { pk: { field: "pk", composite: ["leadId"] }, sk: { field: "sk", composite: ["eventId"] } },
  },
});

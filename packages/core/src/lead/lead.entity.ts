import { Entity } from "electrodb";
import { ownerField, recordFields } from "../db/entity-fields.ts";

export const leadSources = ["web_form", "landing_page", "social", "ad", "trade_show", "email", "phone", "import", "api", "marketing_event", "manual"] as const;
export const leadStatuses = ["new", "assigned", "contacted", "qualified", "converted", "disqualified", "recycled"] as const;

export const LeadEntity = new Entity({
  model: { entity: "lead", version: "1", service: "dealflow" },
  attributes: {
    leadId: { type: "string", required: true },
    ...recordFields,
    ...ownerField,
    source: { type: leadSources, required: true },
    campaign: { type: "string" },
    name: { type: "string", required: true },
    email: { type: "string" },
    phone: { type: "string" },
    title: { type: "string" },
    companyName: { type: "string" },
    industry: { type: "string" },
    companySize: { type: "string" },
    region: { type: "string" },
    tags: { type: "set", items: "string" },
    fitScore: { type: "number", default: 0 },
    interestScore: { type: "number", default: 0 },
    totalScore: { type: "number", default: 0 },
    grade: { type: "string" },
    /** The time the stored score was computed as of (behaviour points decay from their own time to this one). */
    scoredAt: { type: "string" },
    /** The bus event the stored score answered, so a redelivery of it changes nothing. */
    scoredEventId: { type: "string" },
    /** When the total first reached the team's threshold (the lead became qualified; lead.qualified published). */
    qualifiedAt: { type: "string" },
    status: { type: leadStatuses, required: true, default: "new" },
    slaDueAt: { type: "string" },
    /** When the current owner got the lead (the `lead.assigned` event's time). */
    assignedAt: { type: "string" },
    /** When the first call, meeting, visit or email was logged (ends the response SLA). */
    firstContactAt: { type: "string" },
    /** Response-SLA breaches of the current assignment: 1 reminded, 2 escalated, 3 returned to the pool. */
    slaBreachLevel: { type: "number" },
    dedupeKey: { type: "string" },
    /** Repeat captures of this person (each a LeadTouch item in the lead's partition). */
    touchCount: { type: "number" },
    lastTouchedAt: { type: "string" },
    convertedOpportunityId: { type: "string" },
    convertedAccountId: { type: "string" },
    convertedContactId: { type: "string" },
    convertedAt: { type: "string" },
    /** In the team pool (公海): unowned until a rep claims it. */
    pooled: { type: "boolean" },
    pooledAt: { type: "string" },
    /** Who owned it before it went to the pool (for the claim cool-down). */
    lastOwnerId: { type: "string" },
  },
  indexes: {
    primary: { pk: { field: "pk", composite: ["leadId"] }, sk: { field: "sk", composite: [] } },
    // The team's inbox, newest first within a status.
    byTeamStatus: { index: "gsi1", pk: { field: "gsi1pk", composite: ["teamId"] }, sk: { field: "gsi1sk", composite: ["status", "createdAt"] } },
    // A rep's own queue.
    byOwnerStatus: { index: "gsi2", pk: { field: "gsi2pk", composite: ["ownerId"] }, sk: { field: "gsi2sk", composite: ["status", "createdAt"] } },
  },
});

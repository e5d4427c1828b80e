import { Entity } from "electrodb";

export const leadKeyKinds = ["email", "phone", "company_name"] as const;
export type LeadKeyKind = (typeof leadKeyKinds)[number];

/**
 * One dedupe key (normalised email, E.164 phone, folded company+name) claimed by one lead. Written in the same
 * transaction as the lead with attribute_not_exists, so two racing captures of one person cannot both create a
 * lead. A key the lead gave up (its email was edited) is released rather than deleted and may be taken again.
 */
export const LeadKeyEntity = new Entity({
  model: { entity: "leadKey", version: "1", service: "dealflow" },
  attributes: {
    kind: { type: leadKeyKinds, required: true },
    value: { type: "string", required: true },
    leadId: { type: "string", required: true },
    teamId: { type: "string", required: true },
    takenAt: { type: "string", required: true },
    releasedAt: { type: "string" },
  },
  indexes: {
    primary: { pk: { field: "pk", composite: ["kind", "value"], template: "leadkey#${kind}#${value}" }, sk: { field: "sk", composite: [], template: "leadkey" } },
  },
});

import { Entity } from "electrodb";
import { recordFields } from "../db/entity-fields.ts";

/** A team's response-SLA calendar and ladder; a team without a stored item runs on the defaults. */
export const LeadSlaSettingsEntity = new Entity({
  model: { entity: "leadSlaSettings", version: "1", service: "dealflow" },
  attributes: {
    ...recordFields,
    /** IANA zone; absent means the team's own time zone. */
    timeZone: { type: "string" },
    workingDays: { type: "list", items: { type: "number" }, required: true },
    workStart: { type: "string", required: true },
    workEnd: { type: "string", required: true },
    holidays: { type: "list", items: { type: "string" }, required: true },
    twentyFourSeven: { type: "boolean", required: true },
    /** Durations like "2h", "30m", "45s", "1d" (d = one working day). */
    responseTime: { type: "string", required: true },
    escalateAfter: { type: "string", required: true },
    poolAfter: { type: "string", required: true },
  },
  indexes: {
    primary: { pk: { field: "pk", composite: ["teamId"] }, sk: { field: "sk", composite: [] } },
  },
});

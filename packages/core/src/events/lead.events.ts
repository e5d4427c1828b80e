import { z } from "zod";
import { leadActivityDetail } from "../lead/capture/marketing-activity.ts";
import { leadActivityTypes } from "../lead/capture/lead-activity.entity.ts";
import { leadCapturedDetail } from "../lead/lead-captured.ts";

const isoTime = z.iso.datetime({ offset: true });
const id = z.string().min(1);
/** The lead as stored; only the fields every lead has are required, the rest pass through. */
const leadRecord = z.looseObject({ leadId: id, teamId: id, name: z.string(), status: z.string(), version: z.number().int().positive() });

/** Lead capture and lifecycle events, and the two marketing inputs, in the catalogue's shape. */
export const leadEvents = {
  "lead.created": {
    version: 1,
    description: "A new lead entered Dealflow through any capture channel (API, manual entry, web form, CSV import, marketing event).",
    schema: z.object({ leadId: id, record: leadRecord }),
  },
  "lead.updated": {
    version: 1,
    description: "A lead changed (an edit, a touch filling empty fields, assignment, pool moves...): field-level changes, old → new, and the lead after the change.",
    schema: z.object({ leadId: id, changes: z.array(z.object({ field: z.string(), old: z.unknown(), new: z.unknown() })), record: leadRecord }),
  },
  "lead.touched": {
    version: 1,
    description: "A known person was captured again (same email, phone, or company + name): a touch on the existing lead instead of a twin.",
    schema: z.object({ leadId: id, teamId: id, touch: z.object({ touchId: id, channel: z.string().min(1), campaign: z.string().optional(), at: isoTime }) }),
  },
  "lead.activity_recorded": {
    version: 1,
    description: "A marketing system reported a behaviour of a known lead (page visit, demo request, email open...); scoring's interest input.",
    schema: z.object({
      leadId: id,
      teamId: id,
      activity: z.object({ activityType: z.enum(leadActivityTypes), at: isoTime, eventId: id, source: z.string().optional(), url: z.string().optional() }),
    }),
  },
  "lead.converted": {
    version: 1,
    description: "A qualified lead became an account (matched or new), a contact and an opportunity in one transaction.",
    schema: z.object({
      leadId: id,
      teamId: id,
      status: z.literal("converted"),
      convertedOpportunityId: id,
      convertedAccountId: id,
      convertedContactId: id,
      convertedAt: isoTime,
      accountMatched: z.enum(["domain", "name"]).nullable(),
      contactMatched: z.boolean(),
    }),
  },
  "Lead Captured": {
    version: 1,
    source: "marketing.*",
    description: "Put by a marketing system (source starting with marketing.): a person to capture as a lead, or a touch when already known. Needs an email or a phone. Idempotent by event id.",
    schema: leadCapturedDetail,
  },
  "Lead Activity": {
    version: 1,
    source: "marketing.*",
    description: "Put by a marketing system (source starting with marketing.): a behaviour of a known lead, found by email or phone. Recorded once per event id; an unknown lead or invalid detail goes to the dead-letter queue with the reason.",
    schema: leadActivityDetail,
  },
} as const;

import { z } from "zod";
import type { BusEnvelope } from "../ports/bus.ts";
import type { Ctx } from "../records/context.ts";
import { shortText, tags, parse } from "../records/schema.ts";
import { captureLead, type CaptureResult } from "./capture/capture-lead.ts";
import { trimmedEmail } from "./capture/capture.schema.ts";

/** `detail` of a `Lead Captured` event that a marketing system (`source` marketing.*) puts on the bus. v1. */
export const leadCapturedDetail = z
  .object({
    name: shortText,
    email: trimmedEmail.optional(),
    /** National numbers are read in the receiving team's country; send +country code to be sure. */
    phone: z.string().trim().min(1).max(40).optional(),
    title: shortText.optional(),
    company: z.object({ name: shortText, industry: shortText.optional(), size: shortText.optional(), region: shortText.optional() }).optional(),
    campaign: shortText.optional(),
    tags: tags.optional(),
  })
  .refine((d) => d.email || d.phone, { message: "A captured lead needs an email or a phone", path: ["email"] });

/**
 * Turns a marketing event into a lead, or a touch on the lead the person already is. Idempotent by event id:
 * a redelivered event (receipt `evt-<eventId>`) changes nothing; a new lead gets the id `evt-<eventId>`.
 */
export async function captureFromMarketing(ctx: Ctx, event: BusEnvelope): Promise<CaptureResult> {
  const d = parse(leadCapturedDetail, event.detail);
  const person = {
    name: d.name, email: d.email, phone: d.phone, title: d.title, campaign: d.campaign, tags: d.tags,
    companyName: d.company?.name, industry: d.company?.industry, companySize: d.company?.size, region: d.company?.region,
  };
  const defined = Object.fromEntries(Object.entries(person).filter(([, v]) => v !== undefined)) as typeof person;
  return captureLead(ctx, defined, { channel: "marketing_event", idempotencyKey: `evt-${event.id}`, leadId: `evt-${event.id}` });
}

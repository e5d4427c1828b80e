import { z } from "zod";
import { email, shortText, tags } from "../../records/schema.ts";
import type { leadSources } from "../lead.entity.ts";

/** An email as typed: surrounding spaces dropped, then checked and lowercased. */
export const trimmedEmail = z.preprocess((v) => (typeof v === "string" ? v.trim() : v), email);

export type LeadSource = (typeof leadSources)[number];

/** Person and company fields every channel submits; `captureLead` trims, lowercases and normalises them. */
export const captureInputSchema = z
  .object({
    name: shortText,
    email: trimmedEmail.optional(),
    // Any national or international notation; turned into E.164 with the team's country (400 if not a number).
    phone: z.string().trim().min(1).max(40).optional(),
    title: shortText.optional(),
    companyName: shortText.optional(),
    industry: shortText.optional(),
    companySize: shortText.optional(),
    region: shortText.optional(),
    campaign: shortText.optional(),
    tags: tags.optional(),
    ownerId: z.string().min(1).optional(),
  })
  .strict();

export type CaptureInput = z.input<typeof captureInputSchema>;
export type CaptureFields = z.infer<typeof captureInputSchema>;

export interface CaptureOptions {
  channel: LeadSource;
  /** Same key again → nothing changes and the outcome is "replayed". */
  idempotencyKey?: string | undefined;
  /** The team a new lead lands in; default: the caller's team, or for the system the team covering the region. */
  teamId?: string | undefined;
  /** Id for a new lead (e.g. `evt-<eventId>` for marketing events); default a fresh one. */
  leadId?: string | undefined;
}

export type CaptureOutcome = "created" | "touched" | "replayed";

/** Fields a touch may fill on the existing lead when they are empty there; it never overwrites. */
export const fillableFields = ["email", "phone", "title", "companyName", "industry", "companySize", "region", "tags"] as const;

import { z } from "zod";
import { isoDate, longText, shortText, versionField } from "../records/schema.ts";
import { committeeRoles, forecastCategories, opportunityStatuses } from "./opportunity.entity.ts";

const committeeMember = z.object({
  contactId: z.string().min(1),
  role: z.enum(committeeRoles),
  attitude: z.enum(["positive", "neutral", "negative"]).optional(),
}).strict();

const competitor = z.object({
  name: shortText,
  strengths: longText.optional(),
  weaknesses: longText.optional(),
  pricePosition: z.enum(["lower", "similar", "higher"]).optional(),
}).strict();

const opportunityFields = {
  name: shortText,
  amount: z.number().min(0).max(1e13),
  currency: z.string().regex(/^[A-Z]{3}$/, "An ISO 4217 code such as CNY or USD"),
  expectedCloseDate: isoDate,
  probability: z.number().min(0).max(100),
  forecastCategory: z.enum(forecastCategories),
  priority: z.enum(["A", "B", "C"]),
  ownerId: z.string().min(1),
  teamMemberIds: z.array(z.string().min(1)).max(20),
  contacts: z.array(committeeMember).max(50),
  competitors: z.array(competitor).max(20),
  needs: longText,
  budget: longText,
  decisionProcess: longText,
  nextStep: longText,
};

/** A key the schema names only to refuse it with a pointer to the right endpoint. */
const refused = (message: string) => z.unknown().refine(() => false, { message }).optional();

export const createOpportunitySchema = z
  .object({
    ...z.object(opportunityFields).partial().shape,
    name: shortText,
    accountId: z.string().min(1),
    pipelineId: z.string().min(1).optional(),
    stage: z.string().min(1).optional(),
    sourceLeadId: z.string().min(1).optional(),
  })
  .strict();

export const updateOpportunitySchema = z
  .object({
    ...versionField,
    ...z.object(opportunityFields).partial().shape,
    stage: z.string().min(1).optional(),
    // Named only to answer with a pointer to the close and reopen endpoints instead of "unrecognized key".
    status: refused("PATCH cannot close or reopen a deal; use POST /opportunities/{id}/close or /reopen"),
    closeReason: refused("Close reasons are given to POST /opportunities/{id}/close"),
    teamMemberIds: refused("Team members are changed one at a time with POST /opportunities/{id}/members and DELETE /opportunities/{id}/members/{userId}"),
  })
  .strict();

export const listOpportunitiesQuery = z.object({
  status: z.enum(opportunityStatuses).default("open"),
  pipelineId: z.string().optional(),
  stage: z.string().optional(),
  ownerId: z.string().optional(),
  accountId: z.string().optional(),
  teamId: z.string().optional(),
});

export type CreateOpportunityInput = z.infer<typeof createOpportunitySchema>;
export type UpdateOpportunityInput = z.infer<typeof updateOpportunitySchema>;
export type ListOpportunitiesQuery = z.infer<typeof listOpportunitiesQuery>;

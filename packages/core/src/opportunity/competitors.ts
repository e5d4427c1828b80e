import { z } from "zod";
import { NotFoundError } from "../errors.ts";
import type { Ctx } from "../records/context.ts";
import { longText, parse, shortText, versionField } from "../records/schema.ts";
import { getOpportunity, updateOpportunity, type Opportunity } from "./opportunity.ts";

export const putCompetitorSchema = z
  .object({ ...versionField, name: shortText, strengths: longText.optional(), weaknesses: longText.optional(), pricePosition: z.enum(["lower", "similar", "higher"]).optional() })
  .strict();
export const removeCompetitorQuery = z.object({ version: z.coerce.number().int().positive() });

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Adds a competitor to the deal, or replaces the one with the same name (names compare case-insensitively). */
export async function putCompetitor(ctx: Ctx, opportunityId: string, raw: z.input<typeof putCompetitorSchema>): Promise<Opportunity> {
  const { version, ...competitor } = parse(putCompetitorSchema, raw);
  const deal = await getOpportunity(ctx, opportunityId);
  const others = (deal.competitors ?? []).filter((c) => !sameName(c.name, competitor.name));
  return updateOpportunity(ctx, opportunityId, { version, competitors: [...others, competitor] });
}

export async function removeCompetitor(ctx: Ctx, opportunityId: string, name: string, raw: unknown): Promise<Opportunity> {
  const { version } = parse(removeCompetitorQuery, raw);
  const deal = await getOpportunity(ctx, opportunityId);
  const kept = (deal.competitors ?? []).filter((c) => !sameName(c.name, name));
  if (kept.length === (deal.competitors ?? []).length) throw new NotFoundError("competitor", name);
  return updateOpportunity(ctx, opportunityId, { version, competitors: kept });
}

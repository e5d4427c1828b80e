import { z } from "zod";
import { DomainError } from "../errors.ts";
import type { Ctx } from "../records/context.ts";
import { idSchema, versionField, parse } from "../records/schema.ts";
import { updateOpportunity } from "./opportunity.ts";

export const bulkMoveSchema = z
  .object({ moves: z.array(z.object({ opportunityId: idSchema, ...versionField, stage: z.string().min(1).max(60) }).strict()).min(1).max(50) })
  .strict();

export interface BulkMoveResult {
  opportunityId: string;
  status: number;
  version?: number;
  stage?: string;
  error?: { code: string; message: string; field?: string | undefined; details?: unknown };
}

/**
 * Moves up to 50 deals, each through the same path as a single move (access, version, skip rules, gates), one
 * after the other so two moves of the same deal in one batch meet the version check like two users would.
 * A refused item does not stop the others; only unexpected failures abort the batch.
 */
export async function bulkMoveOpportunities(ctx: Ctx, raw: z.input<typeof bulkMoveSchema>): Promise<{ results: BulkMoveResult[] }> {
  const { moves } = parse(bulkMoveSchema, raw);
  const results: BulkMoveResult[] = [];
  for (const move of moves) {
    try {
      const deal = await updateOpportunity(ctx, move.opportunityId, { version: move.version, stage: move.stage });
      results.push({ opportunityId: move.opportunityId, status: 200, version: deal.version, stage: deal.stage });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      results.push({ opportunityId: move.opportunityId, status: err.status, error: { code: err.code, message: err.message, field: err.field, ...(err.details !== undefined && { details: err.details }) } });
    }
  }
  return { results };
}

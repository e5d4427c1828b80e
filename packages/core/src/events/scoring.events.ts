import { z } from "zod";

const id = z.string().min(1);
const grade = z.enum(["A", "B", "C", "D"]);

/** Events of lead scoring (packages/core/src/scoring), in the catalogue's shape: name → version, description, schema. */
export const scoringEvents = {
  "lead.scored": {
    version: 1,
    description:
      "A lead was (re-)scored: fit (matching attribute rules) + interest (behaviour points halving every half-life) = total, graded A–D under its team's rules. Published on every scoring that changed the stored score (capture, touch, marketing activity, fit-field edit, re-score); never as lead.updated.",
    schema: z.object({
      leadId: id,
      teamId: id,
      ownerId: id.optional(),
      fitScore: z.number(),
      interestScore: z.number(),
      totalScore: z.number(),
      grade,
      /** The total reaches the team's qualify threshold. */
      qualified: z.boolean(),
      /** The stored total before this scoring (0 for a first scoring). */
      previousTotal: z.number(),
    }),
  },
  "lead.qualified": {
    version: 1,
    description:
      "A lead's total first reached its team's qualify threshold while it was new, assigned or contacted: its status became qualified and its qualifiedAt was set. Published once per lead.",
    schema: z.object({ leadId: id, teamId: id, totalScore: z.number(), threshold: z.number() }),
  },
} as const;

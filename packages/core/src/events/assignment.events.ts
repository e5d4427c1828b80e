import { z } from "zod";

/** Events of lead assignment (packages/core/src/assignment), in the catalogue's shape: name → version, description, schema. */
export const assignmentEvents = {
  "lead.assigned": {
    version: 1,
    description:
      "A lead got an owner: automatically (territory rules picked the team, round-robin or least-loaded picked the rep) or by hand. The lead's status became assigned (if it was new or recycled), its assignedAt is this event's occurredAt, and its owner has a first-contact task.",
    schema: z.object({
      leadId: z.string().min(1),
      /** The team the lead is in now (a territory rule may have moved it). */
      teamId: z.string().min(1),
      ownerId: z.string().min(1),
      /** Who owned it before (for a lead taken back into the pool: the rep it was taken from); null for a first assignment. */
      previousOwnerId: z.string().min(1).nullable().optional(),
      method: z.enum(["round_robin", "least_loaded", "manual"]),
      /** Why: "scored" (auto-assign after scoring), "sla_breach" (reassigned after a missed response SLA), "manual" or the reason a person gave. */
      reason: z.string().min(1),
    }),
  },
} as const;

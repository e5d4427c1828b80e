import { z } from "zod";

const isoTime = z.iso.datetime({ offset: true });

/** Events of the lead response SLA (packages/core/src/lead-sla), in the catalogue's shape: name → version, description, schema. */
export const slaEvents = {
  "lead.first_contacted": {
    version: 1,
    description: "The first call, meeting, visit or email was logged on a lead (by anyone); the lead moved from assigned to contacted and its response SLA ended.",
    schema: z.object({
      leadId: z.string().min(1),
      teamId: z.string().min(1),
      /** The lead's owner when it was contacted; null for an unowned lead. */
      ownerId: z.string().min(1).nullable(),
      activityId: z.string().min(1),
      /** When the contact was logged (what the SLA compares with its due time). */
      at: isoTime,
    }),
  },
  "lead.sla_breached": {
    version: 1,
    description: "An assignment missed a step of its response SLA: 1 the owner was reminded, 2 the team's manager was emailed, 3 the lead went back to the team pool (to be reassigned).",
    schema: z.object({
      leadId: z.string().min(1),
      teamId: z.string().min(1),
      ownerId: z.string().min(1),
      level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
      dueAt: isoTime,
      assignedAt: isoTime,
    }),
  },
} as const;

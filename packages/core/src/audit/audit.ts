import { z } from "zod";
import { ValidationError } from "../errors.ts";
import { listTeam, requireRole } from "../records/access.ts";
import type { Ctx } from "../records/context.ts";
import { page } from "../records/list.ts";
import type { RecordKind } from "../records/record-writer.ts";
import { leadKind } from "../lead/lead.ts";
import { accountKind } from "../account/account.ts";
import { contactKind } from "../contact/contact.ts";
import { opportunityKind } from "../opportunity/opportunity.ts";
import { pipelineKind } from "../pipeline/pipeline.ts";
import { activityKind } from "../activity/activity.ts";
import { userKind } from "../user/user.ts";
import { teamKind } from "../team/team.ts";
import { readOwned } from "../records/owned-record.ts";

export const auditedTypes = ["lead", "account", "contact", "opportunity", "pipeline", "activity", "user", "team"] as const;
export const listAuditQuery = z.object({ recordType: z.enum(auditedTypes).optional(), recordId: z.string().optional(), teamId: z.string().optional() });

const kinds: Record<(typeof auditedTypes)[number], RecordKind> = {
  lead: leadKind, account: accountKind, contact: contactKind, opportunity: opportunityKind,
  pipeline: pipelineKind, activity: activityKind, user: userKind, team: teamKind,
};

/** A record's change history (anyone who can see the record), or a team's whole trail (managers and admins). */
export async function listAudit(ctx: Ctx, q: z.infer<typeof listAuditQuery> & { limit: number; cursor?: string | undefined }) {
  const { audit } = ctx.db.entities;
  if (q.recordType || q.recordId) {
    if (!q.recordType || !q.recordId) throw new ValidationError("Give both recordType and recordId", q.recordType ? "recordId" : "recordType");
    await readOwned(ctx, kinds[q.recordType], q.recordId);
    return page(audit.query.byRecord({ recordType: q.recordType, recordId: q.recordId }), q);
  }
  requireRole(ctx.actor, "manager", "admin");
  return page(audit.query.byTeam({ teamId: listTeam(ctx.actor, q.teamId) }), { ...q, order: "desc" });
}


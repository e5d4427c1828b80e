import type { EventPublisher } from "../ports/bus.ts";
import type { Lead } from "../lead/lead.ts";
import { deliverNotification, notificationId, type NotifyDeps } from "../notification/notification.ts";
import { subjectPath } from "../notification/notification-text.ts";
import { systemPrincipal, type Ctx } from "../records/context.ts";
import { findUser } from "../user/user.ts";
import { assignLead, type AssignOutcome } from "./assign-lead.ts";
import { isOpenLead } from "./rep-load.ts";

export interface AutoAssignDeps extends NotifyDeps {
  publisher: EventPublisher;
}

const systemCtx = (deps: AutoAssignDeps): Ctx => ({ db: deps.db, publisher: deps.publisher, clock: deps.clock, actor: systemPrincipal });

/**
 * Tells the team's manager (in-app + email) that no rep could take a lead. The id comes from the event that
 * caused it, so a redelivery or a retry notifies once.
 */
async function notifyManager(deps: AutoAssignDeps, cause: string, lead: Lead, teamId: string): Promise<void> {
  const team = (await deps.db.entities.team.get({ teamId }).go()).data;
  const manager = team?.managerId ? await findUser(deps.db, team.managerId) : null;
  if (!manager || manager.active === false) return;
  const text = `No rep could take the lead "${lead.name}"${lead.companyName ? ` (${lead.companyName})` : ""}: it waits unassigned in the team pool`;
  await deliverNotification(
    deps,
    { notificationId: notificationId("lead-unassigned", lead.leadId, cause), userId: manager.userId, teamId, kind: "task_due", text, link: subjectPath("lead", lead.leadId), subjectType: "lead", subjectId: lead.leadId },
    {
      to: manager.email, subject: `Unassigned lead: ${lead.name}`.slice(0, 200), linkLabel: "Open the lead",
      paragraphs: [`Hello ${manager.name},`, text + ".", "Every rep of the team is inactive, at capacity or outside the lead's territory. Assign it by hand, raise a rep's capacity, or let a rep claim it from the pool."],
    },
  );
}

/**
 * `lead.scored`: an open lead that nobody owns and that is not waiting in the pool gets its first owner. The
 * same event twice assigns once: the second finds an owner and stops.
 */
export function assignScoredLead(deps: AutoAssignDeps, leadId: string, eventId: string): Promise<AssignOutcome> {
  return assignLead(systemCtx(deps), leadId, {
    reason: "scored",
    when: (lead) => isOpenLead(lead) && !lead.ownerId && !lead.pooled && !lead.convertedOpportunityId,
    onNobodyEligible: (lead, teamId) => notifyManager(deps, eventId, lead, teamId),
  });
}

/**
 * `lead.sla_breached` level 3: the SLA took the lead from `ownerId` into the pool; another rep of the same team
 * gets it. Acts only while the lead still sits unowned with that rep as its last owner, so a repeated or late
 * event changes nothing.
 */
export function reassignAfterBreach(deps: AutoAssignDeps, b: { leadId: string; ownerId: string; eventId: string }): Promise<AssignOutcome> {
  return assignLead(systemCtx(deps), b.leadId, {
    reason: "sla_breach",
    excludeOwnerId: b.ownerId,
    keepTeam: true,
    when: (lead) => isOpenLead(lead) && !lead.ownerId && lead.lastOwnerId === b.ownerId,
    onNobodyEligible: (lead, teamId) => notifyManager(deps, b.eventId, lead, teamId),
  });
}

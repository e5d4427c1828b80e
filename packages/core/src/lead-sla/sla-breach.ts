import { DomainError } from "../errors.ts";
import type { Lead } from "../lead/lead.ts";
import { deliverNotification } from "../notification/notification.ts";
import { releaseToPool } from "../pool/pool-release.ts";
import { domainEvent } from "../records/record-writer.ts";
import type { LeadSlaDeps } from "./lead-sla-deps.ts";
import { endOpenSlas, onLeadContacted } from "./sla-contact.ts";
import { contactSince, patchLead, readLead, stillAssigned, systemCtx, waitsForFirstContact } from "./sla-lead.ts";
import { escalationNotice, managerOf, reminderNotice, userOf } from "./sla-mail.ts";
import { slaSettingsOf } from "./sla-settings.ts";
import { stepOf, type SlaStep } from "./sla-step.ts";
import { closeSla, getSla, raiseLevel, type LeadSlaItem } from "./sla-store.ts";

export type BreachLevel = 1 | 2 | 3;

/** First state of an execution (and after a restart): the next step as stored facts make it. */
export async function loadStep(deps: LeadSlaDeps, key: { leadId: string; assignedAt: string }): Promise<SlaStep> {
  return stepOf(key, await getSla(deps.db, key.leadId, key.assignedAt));
}

/** Still this assignment's lead; at level 3 also once the lead is in the pool on our behalf (a retried task). */
function isOurs(lead: Lead | undefined, item: LeadSlaItem, level: BreachLevel): lead is Lead {
  if (!lead) return false;
  if (level === 3 && lead.pooled && lead.lastOwnerId === item.ownerId && !lead.ownerId) return true;
  return stillAssigned(lead, item.ownerId);
}

const deadlineOf = (item: LeadSlaItem, level: BreachLevel) => [item.dueAt, item.escalateAt, item.poolAt][level - 1] ?? item.poolAt;

/**
 * Breach `level` of one assignment, at most once as far as storage can tell: every action is idempotent
 * (notification ids, the pool's own checks) and the level is raised last, conditionally, so a task retried
 * after a crash repeats only what did not finish. A first contact found meanwhile ends the SLA instead.
 */
export async function breach(deps: LeadSlaDeps, step: SlaStep, level: BreachLevel): Promise<SlaStep> {
  const key = { leadId: step.leadId, assignedAt: step.assignedAt };
  const item = await getSla(deps.db, key.leadId, key.assignedAt);
  if (!item || item.state === "closed" || item.breachLevel >= level) return stepOf(key, item);
  const now = deps.clock.now();
  // A timer that fires early (clock skew between engine and task) just waits again.
  if (now.getTime() < Date.parse(deadlineOf(item, level)) - 1000) return stepOf(key, item);
  const lead = await readLead(deps.db, key.leadId);
  if (!isOurs(lead, item, level)) {
    await closeSla(deps.db, item, { outcome: "reassigned" }, now.toISOString());
    return loadStep(deps, key);
  }
  const contact = await contactSince(deps.db, key.leadId, item.assignedAt);
  if (contact || !waitsForFirstContact(lead)) {
    await settle(deps, lead, item, contact);
    return loadStep(deps, key);
  }
  await act(deps, lead, item, level);
  const event = { leadId: item.leadId, teamId: item.teamId, ownerId: item.ownerId, level, dueAt: item.dueAt, assignedAt: item.assignedAt };
  // Published before the level is raised: a crash in between repeats the event (at least once), never loses it.
  await deps.publisher.publish([domainEvent(systemCtx(deps), "lead.sla_breached", event, now.toISOString())]);
  await raiseLevel(deps.db, item, level, now.toISOString());
  if (level < 3) await patchLead(deps, key.leadId, (l) => stillAssigned(l, item.ownerId) && (l.slaBreachLevel ?? 0) < level, () => ({ slaBreachLevel: level }));
  return loadStep(deps, key);
}

/** The lead was contacted (the event may lag) or handled otherwise: the SLA ends without a breach. */
async function settle(deps: LeadSlaDeps, lead: Lead, item: LeadSlaItem, contact: { activityId: string; at: string } | undefined): Promise<void> {
  const opts = { stopExecutions: false };
  if (contact) return void (await onLeadContacted(deps, { leadId: lead.leadId, ...contact }, opts));
  if (lead.firstContactAt) return endOpenSlas(deps, { leadId: lead.leadId, activityId: "", at: lead.firstContactAt }, opts);
  await closeSla(deps.db, item, { outcome: "ended" }, deps.clock.now().toISOString());
}

async function act(deps: LeadSlaDeps, lead: Lead, item: LeadSlaItem, level: BreachLevel): Promise<void> {
  const timeZone = (await slaSettingsOf(deps.db, item.teamId))?.timeZone ?? "UTC";
  if (level === 1) {
    const owner = await userOf(deps.db, item.ownerId);
    if (owner) await deliverNotification(deps, ...reminderNotice(lead, item, owner, timeZone));
  } else if (level === 2) {
    const manager = await managerOf(deps.db, item.teamId);
    if (manager) await deliverNotification(deps, ...escalationNotice(lead, item, manager, await userOf(deps.db, item.ownerId), timeZone));
  } else {
    await returnToPool(deps, item);
  }
}

/** Takes the lead from its owner: recycled, then into the team pool (公海) with the pool's own release. */
async function returnToPool(deps: LeadSlaDeps, item: LeadSlaItem): Promise<void> {
  await patchLead(deps, item.leadId, (l) => stillAssigned(l, item.ownerId) && l.status !== "recycled", () => ({ status: "recycled", slaBreachLevel: 3 }));
  const lead = await readLead(deps.db, item.leadId);
  if (!lead || lead.pooled || lead.status !== "recycled" || lead.ownerId !== item.ownerId) return;
  try {
    await releaseToPool(systemCtx(deps), "lead", item.leadId, { version: lead.version, reason: "Response SLA missed: no first contact" });
  } catch (err) {
    // Pooled or changed by someone else in the meantime: the retry's checks above decide again.
    if (!(err instanceof DomainError && (err.status === 409 || err.status === 422))) throw err;
  }
}

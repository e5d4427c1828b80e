import { WorkflowExecutionExistsError, WorkflowNotFoundError } from "../workflow/workflow-errors.ts";
import type { Lead } from "../lead/lead.ts";
import type { LeadSlaDeps } from "./lead-sla-deps.ts";
import { patchLead, readLead, stillAssigned, waitsForFirstContact } from "./sla-lead.ts";
import { policyOf, slaSettingsOf } from "./sla-settings.ts";
import { slaTimesOf } from "./sla-schedule.ts";
import { executionArnOf, executionNameOf } from "./sla-step.ts";
import { closeSla, createSla, slasOf, type LeadSlaItem } from "./sla-store.ts";

export interface Assignment {
  leadId: string;
  ownerId: string;
  /** When the owner got the lead (the `lead.assigned` event's time). */
  assignedAt: string;
}

export type StartOutcome = "started" | "already" | "ignored";

/** Only a lead still waiting for its first contact is held to the response SLA. */
export function awaitsFirstContact(lead: Lead | undefined, ownerId: string): lead is Lead {
  return stillAssigned(lead, ownerId) && waitsForFirstContact(lead);
}

/** Stopping an ended or unknown execution is a no-op, as a redelivered stop must be. */
export async function stopQuietly(deps: LeadSlaDeps, executionName: string, cause: string): Promise<void> {
  try {
    await deps.workflow.stop(executionArnOf(deps.stateMachineArn, executionName), cause);
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
  }
}

/** Starts the SLA's execution; a repeat of the same start (same name and input) is harmless, an ended one is left ended. */
export async function startExecution(deps: LeadSlaDeps, item: LeadSlaItem): Promise<void> {
  try {
    await deps.workflow.start(deps.stateMachineArn, item.executionName, { leadId: item.leadId, assignedAt: item.assignedAt });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionExistsError)) throw err;
  }
}

/** Earlier assignments still open end here: the new owner's SLA replaces them. */
async function closeEarlier(deps: LeadSlaDeps, items: LeadSlaItem[], assignedAt: string, at: string): Promise<void> {
  for (const old of items.filter((i) => i.state !== "closed" && i.assignedAt < assignedAt)) {
    await closeSla(deps.db, old, { outcome: "reassigned" }, at);
    await stopQuietly(deps, old.executionName, "The lead was assigned again");
  }
}

/**
 * `lead.assigned`: one SLA record and one execution per assignment. A redelivered event finds its record and
 * starts nothing new; an event older than the lead's latest assignment, or about a lead no longer waiting for
 * its first contact, is ignored.
 */
export async function onLeadAssigned(deps: LeadSlaDeps, a: Assignment): Promise<StartOutcome> {
  const lead = await readLead(deps.db, a.leadId);
  if (!awaitsFirstContact(lead, a.ownerId)) return "ignored";
  const items = await slasOf(deps.db, a.leadId);
  const latest = items.at(-1);
  if (latest && latest.assignedAt > a.assignedAt) return "ignored";
  const now = deps.clock.now().toISOString();
  await closeEarlier(deps, items, a.assignedAt, now);
  const existing = latest?.assignedAt === a.assignedAt ? latest : undefined;
  const created = existing ? undefined : await newSla(deps, lead, a, now);
  const item = existing ?? created?.item;
  if (!item || item.state === "closed") return "already";
  await patchLead(deps, a.leadId, (l) => stillAssigned(l, a.ownerId) && l.slaDueAt !== item.dueAt, () => ({ slaDueAt: item.dueAt, slaBreachLevel: item.breachLevel }));
  await startExecution(deps, item);
  return created?.wrote ? "started" : "already";
}

async function newSla(deps: LeadSlaDeps, lead: Lead, a: Assignment, now: string): Promise<{ item: LeadSlaItem | undefined; wrote: boolean } | undefined> {
  const settings = await slaSettingsOf(deps.db, lead.teamId);
  if (!settings) return undefined;
  const times = slaTimesOf(a.assignedAt, policyOf(settings));
  const item: LeadSlaItem = {
    leadId: a.leadId, assignedAt: a.assignedAt, teamId: lead.teamId, ownerId: a.ownerId, leadName: lead.name, ...times,
    executionName: executionNameOf(a.leadId, a.assignedAt), state: "waiting", breachLevel: 0, updatedAt: now,
  };
  const wrote = await createSla(deps.db, item);
  // Whoever wrote it first wrote the same deadlines; read what is stored.
  return { item: (await slasOf(deps.db, a.leadId)).find((i) => i.assignedAt === a.assignedAt), wrote };
}

import type { Lead } from "../lead/lead.ts";
import { domainEvent } from "../records/record-writer.ts";
import type { LeadSlaDeps } from "./lead-sla-deps.ts";
import { patchLead, readLead, systemCtx } from "./sla-lead.ts";
import { stopQuietly } from "./sla-start.ts";
import { closeSla, slasOf } from "./sla-store.ts";

export interface FirstContact {
  leadId: string;
  activityId: string;
  /** When the contact was logged: what counts for the SLA, so back-dating an activity cannot meet it. */
  at: string;
}

export type ContactOutcome = "first_contact" | "already_contacted" | "ignored";

function firstContactedEvent(deps: LeadSlaDeps, lead: Lead, c: FirstContact, at: string) {
  return domainEvent(systemCtx(deps), "lead.first_contacted", { leadId: lead.leadId, teamId: lead.teamId, ownerId: lead.ownerId ?? null, activityId: c.activityId, at: c.at }, at);
}

/**
 * A call, meeting, visit or email logged on a lead, by anyone (the customer got an answer either way): the
 * first one sets `firstContactAt`, moves an assigned lead to contacted, publishes `lead.first_contacted` and ends
 * the SLA of the current assignment (met when by its due time). A redelivered activity changes nothing.
 */
export async function onLeadContacted(deps: LeadSlaDeps, c: FirstContact, opts: EndOptions = {}): Promise<ContactOutcome> {
  const before = await readLead(deps.db, c.leadId);
  if (!before) return "ignored";
  const updated = before.firstContactAt
    ? undefined
    : await patchLead(
        deps,
        c.leadId,
        (l) => !l.firstContactAt,
        (l) => ({ firstContactAt: c.at, ...(l.status === "assigned" && { status: "contacted" }) }),
        (l, at) => [firstContactedEvent(deps, l, c, at)],
      );
  await endOpenSlas(deps, c, opts);
  return updated ? "first_contact" : "already_contacted";
}

export interface EndOptions {
  /**
   * False from inside a task (which found the contact itself): its own execution ends on the step it returns,
   * any other one when it next wakes and finds its SLA closed; task Lambdas have no right to stop executions.
   */
  stopExecutions?: boolean;
}

/** Closes the lead's open SLAs with the contact and stops their executions (idempotent). */
export async function endOpenSlas(deps: LeadSlaDeps, c: FirstContact, opts: EndOptions = {}): Promise<void> {
  const now = deps.clock.now().toISOString();
  for (const item of (await slasOf(deps.db, c.leadId)).filter((i) => i.state !== "closed")) {
    const met = item.breachLevel === 0 && c.at <= item.dueAt;
    await closeSla(deps.db, item, { outcome: met ? "met" : "late", met, firstContactAt: c.at, contactActivityId: c.activityId }, now);
    if (opts.stopExecutions !== false) await stopQuietly(deps, item.executionName, "First contact logged");
  }
}

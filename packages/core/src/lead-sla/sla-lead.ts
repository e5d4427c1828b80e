import type { Db } from "../db/service.ts";
import { ConflictError } from "../errors.ts";
import { leadKind, type Lead } from "../lead/lead.ts";
import type { DomainEvent } from "../ports/bus.ts";
import { systemPrincipal, type Ctx } from "../records/context.ts";
import { updateRecord } from "../records/record-writer.ts";
import type { LeadSlaDeps } from "./lead-sla-deps.ts";

export const contactTypes = ["call", "meeting", "visit", "email"] as const;
const leadKeyFields = ["teamId", "status", "createdAt", "ownerId"] as const;

export function systemCtx(deps: Pick<LeadSlaDeps, "db" | "publisher" | "clock">): Ctx {
  return { db: deps.db, publisher: deps.publisher, clock: deps.clock, actor: systemPrincipal };
}

export async function readLead(db: Db, leadId: string): Promise<Lead | undefined> {
  return ((await db.entities.lead.get({ leadId }).go({ consistent: true })).data as Lead | null) ?? undefined;
}

/** When the assignment engineer's `assignedAt` is on the lead, that is the assignment time; else its creation. */
export function assignedAtOf(lead: Lead): string {
  const stored = (lead as Record<string, unknown>).assignedAt;
  return typeof stored === "string" && stored ? stored : lead.createdAt;
}

/** Still the assignment this SLA belongs to: same owner, not pooled. */
export function stillAssigned(lead: Lead | undefined, ownerId: string): lead is Lead {
  return !!lead && lead.ownerId === ownerId && !lead.pooled;
}

/**
 * Patches the lead as the system (audited, versioned) while `applies` holds for the lead as stored; a concurrent
 * edit by a person wins and this re-reads and retries. Returns the updated lead, or undefined when it no longer applies.
 */
export async function patchLead(
  deps: Pick<LeadSlaDeps, "db" | "publisher" | "clock">,
  leadId: string,
  applies: (lead: Lead) => boolean,
  patch: (lead: Lead) => Record<string, unknown>,
  events: (lead: Lead, at: string) => DomainEvent[] = () => [],
): Promise<Lead | undefined> {
  for (let attempt = 0; ; attempt++) {
    const lead = await readLead(deps.db, leadId);
    if (!lead || !applies(lead)) return undefined;
    try {
      const result = await updateRecord(systemCtx(deps), leadKind, lead, lead.version, patch(lead), { keyFields: leadKeyFields, events: (r) => events(r.record as Lead, r.at) });
      return result.record as Lead;
    } catch (err) {
      if (!(err instanceof ConflictError) || attempt >= 4) throw err;
    }
  }
}

/** Statuses a lead waits for its first contact in: "recycled" while a lead taken back is handed to the next rep. */
export const uncontactedStatuses = ["new", "assigned", "recycled", "qualified"] as const;

/**
 * Nobody has talked to the lead yet. A lead the score qualified (status "qualified" with `qualifiedAt`, which only
 * scoring sets) still waits: the hottest leads are the last ones whose first call may slip. A rep moving the lead
 * on by hand (contacted, disqualified...) has handled it.
 */
export function waitsForFirstContact(lead: Lead): boolean {
  if (lead.firstContactAt) return false;
  if (lead.status === "qualified") return !!lead.qualifiedAt;
  return (uncontactedStatuses as readonly string[]).includes(lead.status);
}

/** A contact logged on the lead since `since` (a missed or late first-contact event must not cost a breach). */
export async function contactSince(db: Db, leadId: string, since: string): Promise<{ activityId: string; at: string } | undefined> {
  const { data } = await db.entities.activity.query.bySubject({ subjectType: "lead", subjectId: leadId }).go({ pages: "all" });
  const found = data
    .filter((a) => (contactTypes as readonly string[]).includes(a.type) && a.createdAt >= since)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))[0];
  return found ? { activityId: found.activityId, at: found.createdAt } : undefined;
}

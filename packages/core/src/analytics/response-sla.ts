import { z } from "zod";
import { UnprocessableError } from "../errors.ts";
import type { LeadSlaItem } from "../lead-sla/sla-store.ts";
import { listTeam, requireRole } from "../records/access.ts";
import type { Ctx } from "../records/context.ts";
import { isoDate } from "../records/schema.ts";
import { median, ratio } from "./journey.ts";
import type { SlaCompliance } from "./stage-sla.ts";

export const responseSlaQuery = z
  .object({
    teamId: z.string().min(1).optional(),
    /** First and last day (UTC, inclusive) of the due times looked at; default the last 180 days. */
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .strict();

export interface ResponseCompliance extends SlaCompliance {
  /** Median minutes from assignment to the first contact, over the decided assignments that had one. */
  medianMinutesToContact: number | null;
}

export interface ResponseSla {
  overall: ResponseCompliance;
  byOwner: ResponseCompliance[];
  /** The team's trend: by the month the first contact was due. */
  byMonth: ResponseCompliance[];
  /** Each rep's trend, month by month. */
  byOwnerMonth: (ResponseCompliance & { ownerId: string; month: string })[];
}

type Decided = LeadSlaItem & { met: boolean };

function compliance(key: string, items: readonly Decided[]): ResponseCompliance {
  const met = items.filter((i) => i.met).length;
  const minutes = items.flatMap((i) => (i.firstContactAt ? [(Date.parse(i.firstContactAt) - Date.parse(i.assignedAt)) / 60_000] : []));
  const mid = median(minutes);
  return { key, judged: items.length, met, breached: items.length - met, compliance: ratio(met, items.length), medianMinutesToContact: mid === null ? null : Math.round(mid * 10) / 10 };
}

function grouped(items: readonly Decided[], keyOf: (i: Decided) => string): [string, Decided[]][] {
  const groups = new Map<string, Decided[]>();
  for (const i of items) groups.set(keyOf(i), [...(groups.get(keyOf(i)) ?? []), i]);
  return [...groups].sort(([a], [b]) => a.localeCompare(b));
}

/**
 * Response-SLA compliance of assignments whose first contact was due in the period and that have a verdict: met
 * (contacted in time) or not (a breach, or a late contact). Assignments still inside their time are left out.
 */
export function responseSla(items: readonly LeadSlaItem[]): ResponseSla {
  const decided = items.filter((i): i is Decided => i.met !== undefined);
  const month = (i: Decided) => i.dueAt.slice(0, 7);
  return {
    overall: compliance("all", decided),
    byOwner: grouped(decided, (i) => i.ownerId).map(([k, g]) => compliance(k, g)),
    byMonth: grouped(decided, month).map(([k, g]) => compliance(k, g)),
    byOwnerMonth: grouped(decided, (i) => `${i.ownerId}|${month(i)}`).map(([k, g]) => ({ ...compliance(k, g), ownerId: g[0]?.ownerId ?? "", month: g[0] ? month(g[0]) : "" })),
  };
}

/** Managers and admins: one Query of the team's assignments by due time (byTeamDue), no scan. */
export async function responseSlaReport(ctx: Ctx, q: z.infer<typeof responseSlaQuery>) {
  requireRole(ctx.actor, "manager", "admin");
  const teamId = listTeam(ctx.actor, q.teamId);
  const to = q.to ?? ctx.clock.now().toISOString().slice(0, 10);
  const from = q.from ?? new Date(Date.parse(to) - 179 * 86_400_000).toISOString().slice(0, 10);
  if (from > to) throw new UnprocessableError("bad_period", "`from` must not be after `to`", "from");
  const end = new Date(Date.parse(to) + 86_400_000).toISOString();
  const { data } = await ctx.db.entities.leadSla.query.byTeamDue({ teamId }).between({ dueAt: `${from}T00:00:00.000Z` }, { dueAt: end }).go({ pages: "all" });
  return { teamId, from, to, ...responseSla(data.filter((i) => i.dueAt < end)) };
}

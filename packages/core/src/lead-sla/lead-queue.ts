import { z } from "zod";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import type { Lead } from "../lead/lead.ts";
import type { Ctx } from "../records/context.ts";
import { parse } from "../records/schema.ts";
import { findUser } from "../user/user.ts";

export const leadQueueQuery = z
  .object({ ownerId: z.string().min(1).max(64).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) })
  .strict();

/** Statuses of a lead its owner still works on. */
const openStatuses = ["new", "assigned", "recycled", "contacted", "qualified"] as const;

export interface QueueItem {
  leadId: string;
  name: string;
  companyName: string | null;
  status: string;
  totalScore: number;
  grade: string | null;
  /** Set while the first contact is outstanding. */
  slaDueAt: string | null;
  breachLevel: number;
  overdue: boolean;
}

/** Rank: an outstanding first contact before anything else, the earliest due (so breaches) first; then score. */
export function byUrgency(a: QueueItem, b: QueueItem): number {
  if (a.slaDueAt && b.slaDueAt) return a.slaDueAt.localeCompare(b.slaDueAt) || b.totalScore - a.totalScore;
  if (a.slaDueAt || b.slaDueAt) return a.slaDueAt ? -1 : 1;
  return b.totalScore - a.totalScore || a.leadId.localeCompare(b.leadId);
}

/** A rep reads their own queue; managers their team's reps', admins anyone's. */
async function assertMayView(ctx: Ctx, ownerId: string): Promise<void> {
  if (ownerId === ctx.actor.userId || ctx.actor.role === "admin") return;
  if (ctx.actor.role !== "manager") throw new ForbiddenError("Reps see only their own queue", "ownerId");
  const owner = await findUser(ctx.db, ownerId);
  if (!owner || owner.teamId !== ctx.actor.teamId) throw new NotFoundError("user", ownerId);
}

/** The rep's follow-up queue: open leads by urgency (first contact due soonest, breached first), then score. */
export async function leadQueue(ctx: Ctx, raw: z.input<typeof leadQueueQuery>) {
  const q = parse(leadQueueQuery, raw);
  const ownerId = q.ownerId ?? ctx.actor.userId;
  await assertMayView(ctx, ownerId);
  const pages = await Promise.all(openStatuses.map((status) => ctx.db.entities.lead.query.byOwnerStatus({ ownerId, status }).go({ pages: "all" })));
  const now = ctx.clock.now().toISOString();
  const items = pages
    .flatMap((p) => p.data as Lead[])
    .filter((l) => !l.pooled)
    .map((l): QueueItem => {
      const due = !l.firstContactAt && l.slaDueAt ? l.slaDueAt : null;
      return {
        leadId: l.leadId, name: l.name, companyName: l.companyName ?? null, status: l.status, totalScore: l.totalScore ?? 0, grade: l.grade ?? null,
        slaDueAt: due, breachLevel: due ? (l.slaBreachLevel ?? 0) : 0, overdue: !!due && due < now,
      };
    })
    .sort(byUrgency);
  return { ownerId, total: items.length, items: items.slice(0, q.limit) };
}

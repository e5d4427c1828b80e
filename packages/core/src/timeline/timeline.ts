import { z } from "zod";
import type { Ctx } from "../records/context.ts";
import { readOwned } from "../records/owned-record.ts";
import { isoDateTime, parse } from "../records/schema.ts";
import { opportunityKind, type Opportunity } from "../opportunity/opportunity.ts";
import { mergeTimeline, type TimelineItem, type TimelinePage, type TimelineSlice } from "./timeline-merge.ts";

export const timelineQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: isoDateTime.optional(),
});

const bookkeeping = new Set(["version", "updatedAt"]);
// A stage move is its own timeline item (with the probability it set); its audit entry would only repeat it.
const followStage = new Set(["stage", "stageSeq", "stageEnteredAt", "probability", "forecastCategory"]);

function fieldChanges(changes: { field: string }[]) {
  const moved = changes.some((c) => c.field === "stage");
  return changes.filter((c) => !bookkeeping.has(c.field) && !(moved && followStage.has(c.field)));
}

function staySummary(s: { kind?: string | undefined; stage: string; fromStage?: string | undefined; reason?: string | undefined }): string {
  if (s.kind === "reopened") return `Reopened in ${s.stage}${s.reason ? `: ${s.reason}` : ""}`;
  if (!s.fromStage) return `Started in ${s.stage}`;
  return `${s.kind === "backward" ? "Moved back" : "Moved"} from ${s.fromStage} to ${s.stage}`;
}
const utc = (at: string) => new Date(at).toISOString();

interface Source<T> {
  go(opts: { limit: number; order: "desc" }): Promise<{ data: T[] }>;
}

/** Reads one source newest first; a full read means older items may remain, at or below its oldest time. */
async function slice<T>(query: Source<T>, limit: number, at: (row: T) => string, toItem: (row: T) => TimelineItem | null): Promise<TimelineSlice> {
  const { data } = await query.go({ limit, order: "desc" });
  const items = data.map(toItem).filter((i): i is TimelineItem => i !== null);
  const last = data[data.length - 1];
  return { items, truncatedAt: data.length >= limit && last ? utc(at(last)) : undefined };
}

async function stageSlice(ctx: Ctx, opportunityId: string, before: string | undefined): Promise<TimelineSlice> {
  const { data } = await ctx.db.entities.stageHistory.query.primary({ opportunityId }).go({ pages: "all" });
  const items = data
    .filter((s) => !before || utc(s.enteredAt) < before)
    .map((s): TimelineItem => ({
      at: utc(s.enteredAt), kind: "stage", actor: s.movedBy,
      summary: staySummary(s),
      data: { seq: s.seq, stage: s.stage, fromStage: s.fromStage ?? null, how: s.kind ?? null, reason: s.reason ?? null, leftAt: s.leftAt ?? null, leftFor: s.leftFor ?? null, amount: s.amount, probability: s.probability, expectedCloseDate: s.expectedCloseDate ?? null },
    }));
  return { items };
}

/**
 * A deal's timeline, newest first: activities logged on it, stage moves, field changes (its audit trail without
 * the creation) and the emails Dealflow sent about it. Page with `before` = the previous page's `before`.
 */
export async function getDealTimeline(ctx: Ctx, opportunityId: string, raw: z.input<typeof timelineQuery>): Promise<TimelinePage> {
  const { limit, before: rawBefore } = parse(timelineQuery, raw);
  const before = rawBefore ? utc(rawBefore) : undefined;
  const deal = await readOwned<Opportunity>(ctx, opportunityKind, opportunityId);
  const { activity, audit, notification } = ctx.db.entities;
  const activities = activity.query.bySubject({ subjectType: "opportunity", subjectId: deal.opportunityId });
  const trail = audit.query.byRecord({ recordType: "opportunity", recordId: deal.opportunityId });
  const mails = notification.query.bySubject({ subjectType: "opportunity", subjectId: deal.opportunityId });
  const slices = await Promise.all([
    slice(before ? activities.lt({ occurredAt: before }) : activities, limit, (a) => a.occurredAt, (a) => ({
      at: utc(a.occurredAt), kind: "activity", actor: a.authorId, summary: `${a.type}: ${a.title}`,
      data: { activityId: a.activityId, type: a.type, title: a.title, body: a.body ?? null, outcome: a.outcome ?? null, dueAt: a.dueAt ?? null, done: a.done ?? false, mentions: a.mentions ?? [] },
    })),
    slice(before ? trail.lt({ at: before }) : trail, limit, (e) => e.at, (e) => {
      const changes = fieldChanges(e.changes ?? []);
      if (e.action === "create" || changes.length === 0) return null;
      return { at: utc(e.at), kind: "field", actor: e.actorId, summary: `Changed ${changes.map((c) => c.field).join(", ")}`, data: { auditId: e.auditId, action: e.action, changes } };
    }),
    slice(before ? mails.lt({ createdAt: before }) : mails, limit, (n) => n.createdAt, (n) => {
      if (!n.mailedAt) return null;
      return { at: utc(n.createdAt), kind: "email", actor: n.actorId ?? null, summary: `Email to ${n.userId}: ${n.mailSubject ?? n.text}`, data: { notificationId: n.notificationId, to: n.userId, subject: n.mailSubject ?? null, reason: n.kind, sentAt: n.mailedAt } };
    }),
    stageSlice(ctx, deal.opportunityId, before),
  ]);
  return mergeTimeline(slices, limit);
}

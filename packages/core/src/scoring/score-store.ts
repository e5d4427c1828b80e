import type { TxWrite } from "../db/transact.ts";
import { ConflictError } from "../errors.ts";
import { leadKind, type Lead } from "../lead/lead.ts";
import type { DomainEvent } from "../ports/bus.ts";
import type { Ctx } from "../records/context.ts";
import { auditWrite, domainEvent, staleVersion } from "../records/record-plan.ts";
import type { LeadScore } from "./score-engine.ts";

/** Statuses from which crossing the threshold makes a lead "qualified"; converted or disqualified never move back. */
export const qualifiableStatuses: readonly string[] = ["new", "assigned", "contacted"];

/** The first time the total reaches the threshold while the lead is still being worked. */
export const crossesThreshold = (lead: Lead, score: LeadScore) => score.aboveThreshold && !lead.qualifiedAt && qualifiableStatuses.includes(lead.status);

export function sameScore(lead: Lead, score: LeadScore): boolean {
  return lead.scoredAt === score.asOf && lead.fitScore === score.fitScore && lead.interestScore === score.interestScore && lead.totalScore === score.totalScore && lead.grade === score.grade;
}

/**
 * Score fields are derived, so writing them keeps the lead's version (a rep's open edit does not go stale);
 * the write still requires the version the score was computed from, so fit is never computed from an old
 * record. Qualifying changes the status, a real change: it bumps the version and is audited.
 */
export function scoreWrites(ctx: Ctx, lead: Lead, score: LeadScore, eventId: string | undefined, at: string): TxWrite[] {
  const values = { fitScore: score.fitScore, interestScore: score.interestScore, totalScore: score.totalScore, grade: score.grade, scoredAt: score.asOf, ...(eventId && { scoredEventId: eventId }) };
  const stale = () => staleVersion(leadKind, lead.leadId, undefined);
  const patch = ctx.db.entities.lead.patch({ leadId: lead.leadId });
  if (!crossesThreshold(lead, score)) {
    // Two deliveries of one event racing: the second finds the first's event id, retries and stops as a duplicate.
    const params = patch
      .set(values)
      .where((a, op) => (eventId ? `${op.eq(a.version, lead.version)} AND (${op.notExists(a.scoredEventId)} OR ${op.ne(a.scoredEventId, eventId)})` : op.eq(a.version, lead.version)))
      .params();
    return [{ kind: "Update", params, onConditionFailed: stale }];
  }
  const keys = { teamId: lead.teamId, createdAt: lead.createdAt, ...(lead.ownerId && { ownerId: lead.ownerId }) };
  const qualified = { ...values, ...keys, status: "qualified" as const, qualifiedAt: at, version: lead.version + 1, updatedAt: at };
  const changes = [
    { field: "status", old: lead.status, new: "qualified" },
    { field: "totalScore", old: lead.totalScore ?? 0, new: score.totalScore },
  ];
  return [
    { kind: "Update", params: patch.set(qualified).where((a, op) => op.eq(a.version, lead.version)).params(), onConditionFailed: stale },
    auditWrite(ctx, leadKind, lead.leadId, lead.teamId, "qualify", at, changes),
  ];
}

/** `lead.scored` every time, `lead.qualified` with the write that qualified the lead. */
export function scoreEvents(ctx: Ctx, lead: Lead, score: LeadScore, at: string): DomainEvent[] {
  const scored = {
    leadId: lead.leadId, teamId: lead.teamId, ...(lead.ownerId && { ownerId: lead.ownerId }),
    fitScore: score.fitScore, interestScore: score.interestScore, totalScore: score.totalScore, grade: score.grade,
    qualified: score.aboveThreshold, previousTotal: lead.totalScore ?? 0,
  };
  const events = [domainEvent(ctx, "lead.scored", scored, at)];
  if (crossesThreshold(lead, score)) events.push(domainEvent(ctx, "lead.qualified", { leadId: lead.leadId, teamId: lead.teamId, totalScore: score.totalScore, threshold: score.threshold }, at));
  return events;
}

export const isStale = (err: unknown) => err instanceof ConflictError;

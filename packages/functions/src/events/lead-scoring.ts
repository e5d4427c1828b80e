import { z } from "zod";
import { scoreAndStore } from "@dealflow/core/scoring/index";
import type { BusEnvelope } from "@dealflow/core/ports/bus";
import { systemPrincipal } from "@dealflow/core/records/context";
import { awsRuntimeDeps } from "../runtime/aws-deps.ts";
import type { RuntimeDeps } from "../runtime/deps.ts";

/** Lead fields fit rules read, plus the team (whose rules apply): an edit of any other field leaves the score alone. */
export const scoreFields: ReadonlySet<string> = new Set(["industry", "companySize", "title", "region", "source", "campaign", "tags", "email", "phone", "companyName", "teamId"]);

const detail = z.object({
  id: z.string().min(1),
  occurredAt: z.string().min(1),
  data: z.object({ leadId: z.string().min(1), changes: z.array(z.object({ field: z.string() })).optional() }),
});

/**
 * Rule LeadScoring: a lead captured, touched, with a marketing activity, or edited in a field the rules read →
 * scored as of the event's time and stored, `lead.scored` (and once `lead.qualified`) published. The score is
 * written without `lead.updated`, so scoring never triggers itself; a redelivered event changes nothing.
 */
export function leadScoringHandler(deps: Pick<RuntimeDeps, "db" | "publisher" | "clock">) {
  return async (event: BusEnvelope) => {
    const parsed = detail.safeParse(event.detail);
    if (!parsed.success) throw new Error(`${event["detail-type"]} ${event.id}: unexpected detail (${parsed.error.message})`);
    const { id, occurredAt, data } = parsed.data;
    if (event["detail-type"] === "lead.updated" && !data.changes?.some((c) => scoreFields.has(c.field))) return;
    const ctx = { db: deps.db, publisher: deps.publisher, clock: deps.clock, actor: systemPrincipal };
    const outcome = await scoreAndStore(ctx, data.leadId, { eventId: id, at: new Date(occurredAt).toISOString() });
    const score = "score" in outcome ? { totalScore: outcome.score.totalScore, grade: outcome.score.grade, qualified: outcome.qualified } : {};
    console.log(JSON.stringify({ msg: `lead scoring: ${outcome.kind}`, eventId: id, type: event["detail-type"], leadId: data.leadId, ...score }));
  };
}

let lambda: ReturnType<typeof leadScoringHandler> | undefined;
export const handler = (event: BusEnvelope) => (lambda ??= leadScoringHandler(awsRuntimeDeps()))(event);

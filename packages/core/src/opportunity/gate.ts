import { UnprocessableError } from "../errors.ts";
import type { Ctx } from "../records/context.ts";
import { findStage, type Pipeline, type Stage } from "../pipeline/pipeline.ts";

export { gateFields } from "../pipeline/gate-vocabulary.ts";

export interface UnmetRequirement {
  kind: "field" | "activity" | "role";
  key: string;
  /** The stage whose gate asks for it (several when skipping stages). */
  stage: string;
  message: string;
}

export interface MovePlan {
  direction: "forward" | "backward";
  /** Stages whose gates the move must pass: the current one and any it jumps over. */
  gated: Stage[];
  skipped: string[];
  to: Stage;
}

const fieldLabels: Record<string, string> = { amount: "Amount", expectedCloseDate: "Expected close date", decisionProcess: "Decision process", nextStep: "Next step", teamMemberIds: "Team members", contacts: "Buying committee" };
const label = (key: string) => fieldLabels[key] ?? key.charAt(0).toUpperCase() + key.slice(1);

/** Empty means: missing, blank text, an empty list, or a number that is not above zero (an amount of 0 is unknown). */
function isFilled(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === "string") return value.trim().length > 0;
  if (typeof value === "number") return value > 0;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/**
 * Where a move goes relative to the current stage. Backward needs no gate; forward passes the current stage's gate,
 * and jumping over stages is refused unless the pipeline allows it, in which case their gates apply too.
 */
export function planMove(pipeline: Pipeline, fromKey: string, toKey: string): MovePlan {
  const to = findStage(pipeline, toKey);
  const from = pipeline.stages.findIndex((s) => s.key === fromKey);
  const target = pipeline.stages.indexOf(to);
  // A deal whose stage has left the pipeline may go anywhere: that is how it gets repaired.
  if (from < 0) return { direction: "forward", gated: [], skipped: [], to };
  if (target < from) return { direction: "backward", gated: [], skipped: [], to };
  const skipped = pipeline.stages.slice(from + 1, target).map((s) => s.key);
  if (skipped.length > 0 && !pipeline.allowSkip) {
    const next = pipeline.stages[from + 1];
    throw new UnprocessableError("stage_skip", `Move one stage at a time in "${pipeline.name}": the next stage after "${fromKey}" is "${next?.key}"`, "stage", { from: fromKey, to: toKey, next: next?.key, skipped });
  }
  return { direction: "forward", gated: pipeline.stages.slice(from, target), skipped, to };
}

function unmetFieldsAndRoles(stage: Stage, deal: Record<string, unknown>): UnmetRequirement[] {
  const unmet: UnmetRequirement[] = [];
  for (const key of stage.requiredFields ?? []) {
    if (!isFilled(deal[key])) unmet.push({ kind: "field", key, stage: stage.key, message: `${label(key)} must be filled in before leaving "${stage.name}"` });
  }
  const roles = new Set(((deal.contacts ?? []) as { role: string }[]).map((c) => c.role));
  for (const key of stage.requiredRoles ?? []) {
    if (!roles.has(key)) unmet.push({ kind: "role", key, stage: stage.key, message: `Add a ${key.replace(/_/g, " ")} to the buying committee before leaving "${stage.name}"` });
  }
  return unmet;
}

/** Activity types logged on the deal during its current stay (occurred between entering the stage and now). */
async function typesLoggedSince(ctx: Ctx, opportunityId: string | undefined, since: string): Promise<Set<string>> {
  if (!opportunityId) return new Set();
  const from = Date.parse(since);
  const now = ctx.clock.now().getTime();
  // Occurred-at values may carry any UTC offset, so the key range is widened by two days and checked exactly below.
  const lower = new Date(from - 2 * 86_400_000).toISOString();
  const { data } = await ctx.db.entities.activity.query.bySubject({ subjectType: "opportunity", subjectId: opportunityId }).gte({ occurredAt: lower }).go({ pages: "all" });
  return new Set(data.filter((a) => Date.parse(a.occurredAt) >= from && Date.parse(a.occurredAt) <= now).map((a) => a.type));
}

/**
 * Every requirement the gates of `stages` leave unmet for `deal` (the record as it would be after the change).
 * Only activities of the current stay count: `stayStartedAt` is when the deal entered its current stage.
 */
export async function unmetRequirements(ctx: Ctx, stages: Stage[], deal: Record<string, unknown>, opportunityId: string | undefined, stayStartedAt: string): Promise<UnmetRequirement[]> {
  const unmet = stages.flatMap((s) => unmetFieldsAndRoles(s, deal));
  if (stages.some((s) => (s.requiredActivities ?? []).length > 0)) {
    const logged = await typesLoggedSince(ctx, opportunityId, stayStartedAt);
    for (const stage of stages) {
      for (const key of stage.requiredActivities ?? []) {
        if (!logged.has(key)) unmet.push({ kind: "activity", key, stage: stage.key, message: `Log a ${key} on this deal while it is in "${stage.name}"` });
      }
    }
  }
  return unmet;
}

/** Refuses the move with 422 gate_blocked listing every unmet requirement, or returns quietly. */
export async function assertGates(ctx: Ctx, stages: Stage[], deal: Record<string, unknown>, opportunityId: string | undefined, stayStartedAt: string): Promise<void> {
  const unmet = await unmetRequirements(ctx, stages, deal, opportunityId, stayStartedAt);
  if (unmet.length === 0) return;
  const leaving = stages[0]?.name ?? "this stage";
  const summary = unmet.map((u) => u.message).join("; ");
  throw new UnprocessableError("gate_blocked", `This deal cannot leave "${leaving}" yet (${unmet.length} unmet): ${summary}`, "stage", { unmet });
}

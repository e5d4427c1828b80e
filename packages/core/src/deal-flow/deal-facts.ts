import type { Db } from "../db/service.ts";
import { ConflictError } from "../errors.ts";
import type { Opportunity } from "../opportunity/opportunity.ts";
import type { DomainEvent } from "../ports/bus.ts";
import type { Pipeline, Stage } from "../pipeline/pipeline.ts";
import { systemPrincipal, type Ctx } from "../records/context.ts";
import { domainEvent, updateRecord, type RecordKind } from "../records/record-writer.ts";
import type { DealFlowDeps } from "./deal-flow-deps.ts";
import { flowStateOf, type FlowState } from "./flow-state.ts";
import { noticesOf } from "./notices.ts";

const opportunityKind: RecordKind = { type: "opportunity", entity: "opportunity", idField: "opportunityId" };
const keyFields = ["teamId", "status", "pipelineId", "stage", "createdAt", "ownerId", "accountId"] as const;

export async function readDeal(db: Db, opportunityId: string): Promise<Opportunity | undefined> {
  return ((await db.entities.opportunity.get({ opportunityId }).go({ consistent: true })).data as Opportunity | null) ?? undefined;
}

export async function stageOf(db: Db, deal: Opportunity): Promise<Stage | undefined> {
  const pipeline = (await db.entities.pipeline.get({ pipelineId: deal.pipelineId }).go()).data as Pipeline | null;
  return pipeline?.stages.find((s) => s.key === deal.stage);
}

/** The timer state of the deal's current stay as stored facts make it; undefined when the deal is not open. */
export async function currentFlowState(deps: DealFlowDeps, opportunityId: string, deal?: Opportunity): Promise<FlowState | undefined> {
  const current = deal ?? (await readDeal(deps.db, opportunityId));
  if (!current || current.status !== "open") return undefined;
  const stage = await stageOf(deps.db, current);
  const notices = await noticesOf(deps.db, opportunityId, current.stageSeq);
  const inputs = { opportunityId, status: current.status, stage: current.stage, seq: current.stageSeq, stageEnteredAt: current.stageEnteredAt, slaDays: stage?.slaDays, notices };
  return flowStateOf(inputs, deps.clock.now(), deps.settings);
}

export function systemCtx(deps: DealFlowDeps): Ctx {
  return { db: deps.db, publisher: deps.publisher, clock: deps.clock, actor: systemPrincipal };
}

/**
 * Sets SLA fields on the deal while it is open and still in stay `seq`, as the system (audited, versioned).
 * A concurrent edit by a person wins and this re-reads and retries; returns false when the deal moved on.
 */
export async function flagDeal(
  deps: DealFlowDeps,
  opportunityId: string,
  seq: number,
  patch: Record<string, unknown>,
  events: (deal: Opportunity, at: string) => DomainEvent[] = () => [],
): Promise<boolean> {
  const ctx = systemCtx(deps);
  for (let attempt = 0; ; attempt++) {
    const deal = await readDeal(deps.db, opportunityId);
    if (!deal || deal.status !== "open" || deal.stageSeq !== seq) return false;
    try {
      await updateRecord(ctx, opportunityKind, deal, deal.version, patch, { keyFields, events: (r) => events(r.record as Opportunity, r.at) });
      return true;
    } catch (err) {
      if (!(err instanceof ConflictError) || attempt >= 4) throw err;
    }
  }
}

export function staleFlaggedEvent(ctx: Ctx, deal: Opportunity, at: string): DomainEvent {
  const data = { opportunityId: deal.opportunityId, teamId: deal.teamId, ownerId: deal.ownerId, pipelineId: deal.pipelineId, stage: deal.stage, seq: deal.stageSeq, stageEnteredAt: deal.stageEnteredAt };
  return domainEvent(ctx, "opportunity.stale_flagged", data, at);
}

import type { Db } from "../db/service.ts";
import { readDeal } from "./deal-facts.ts";
import type { DealFlowDeps, ExecutionLister } from "./deal-flow-deps.ts";
import { dealIdCandidates } from "./flow-state.ts";
import { getFlow, markClosed } from "./flow-store.ts";
import { onDealOpened, stopQuietly } from "./flow-signals.ts";

export interface ReconcileReport {
  /** Deals that had no running execution and got one. */
  started: string[];
  /** Executions stopped because their deal is closed, gone, or has a newer execution. */
  stopped: string[];
}

async function openDealIds(db: Db): Promise<string[]> {
  const { data: teams } = await db.entities.team.query.all({}).go({ pages: "all" });
  const ids: string[] = [];
  for (const { teamId } of teams) {
    const { data } = await db.entities.opportunity.query.byTeamStage({ teamId, status: "open" }).go({ pages: "all", attributes: ["opportunityId"] });
    ids.push(...data.map((d) => d.opportunityId));
  }
  return ids;
}

/** Whether a running execution is the current one of an open deal; else it is an orphan to stop. */
async function isCurrent(deps: DealFlowDeps, executionName: string): Promise<string | undefined> {
  for (const id of dealIdCandidates(executionName)) {
    const flow = await getFlow(deps.db, id);
    if (!flow) continue;
    const deal = await readDeal(deps.db, id);
    if (flow.executionName === executionName && flow.status === "open" && deal?.status === "open") return id;
    if (flow.status === "open" && deal && deal.status !== "open") await markClosed(deps.db, flow, deps.clock.now().toISOString());
    return undefined;
  }
  return undefined;
}

async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

/**
 * Makes the engine match the stored deals (after a restart, a lost event, an outage): every open deal has one
 * running execution of its current generation, and no other execution of the machine runs.
 */
export async function reconcileDealFlows(deps: DealFlowDeps, lister: ExecutionLister): Promise<ReconcileReport> {
  const report: ReconcileReport = { started: [], stopped: [] };
  const running = await lister.listRunning(deps.stateMachineArn);
  const live = new Set<string>();
  await inBatches(running, 8, async (execution) => {
    const dealId = await isCurrent(deps, execution.name);
    if (dealId) return void live.add(dealId);
    await stopQuietly(deps, execution.executionArn, "reconcile: the deal is closed, gone, or has a newer execution");
    report.stopped.push(execution.executionArn);
  });
  const missing = (await openDealIds(deps.db)).filter((id) => !live.has(id));
  await inBatches(missing, 8, async (id) => {
    // A fresh generation: the current name may belong to an execution that has ended.
    const started = await onDealOpened(deps, id, { fresh: (await getFlow(deps.db, id)) !== undefined });
    if (started) report.started.push(id);
  });
  return report;
}

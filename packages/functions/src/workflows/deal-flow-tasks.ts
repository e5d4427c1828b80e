import { z } from "zod";
import { readOptionalEnv } from "@dealflow/core/config";
import {
  awaitStageMove,
  DEAL_FLOW_MACHINE,
  defaultDealFlowSettings,
  escalateToManager,
  flagStale,
  loadDeal,
  remindOwner,
  type DealFlowDeps,
  type DealFlowSettings,
  type FlowState,
} from "@dealflow/core/deal-flow/index";
import type { RuntimeDeps } from "../runtime/deps.ts";
import type { WorkflowTask } from "./index.ts";

/** DEAL_GRACE_SECONDS overrides the grace period between reminder and escalation (default two days). */
export function dealFlowSettings(): DealFlowSettings {
  const grace = Number(readOptionalEnv("dealGraceSeconds") ?? NaN);
  return Number.isFinite(grace) && grace >= 1 ? { graceSeconds: Math.round(grace) } : defaultDealFlowSettings;
}

export function dealFlowDeps(deps: RuntimeDeps, settings: DealFlowSettings = dealFlowSettings()): DealFlowDeps {
  const stateMachineArn = deps.stateMachineArns[DEAL_FLOW_MACHINE];
  if (!stateMachineArn) throw new Error(`No ARN for the ${DEAL_FLOW_MACHINE} state machine in STATE_MACHINE_ARNS`);
  return { ...deps, stateMachineArn, settings };
}

/** DealFlowDeps built on first use, so a runtime without the machine's ARN can still build every handler. */
export function lazyDealFlowDeps(deps: RuntimeDeps, settings?: DealFlowSettings): () => DealFlowDeps {
  let built: DealFlowDeps | undefined;
  return () => (built ??= dealFlowDeps(deps, settings));
}

const flowState = z.object({
  opportunityId: z.string().min(1),
  phase: z.enum(["stage", "grace", "stale", "closed"]),
  stage: z.string().optional(),
  seq: z.number().int().optional(),
  timeoutSeconds: z.number().optional(),
});
const payload = z.object({ state: flowState, executionName: z.string().optional() });

function stateOf(input: unknown): { state: FlowState; executionName?: string | undefined } {
  const parsed = payload.safeParse(input);
  if (!parsed.success) throw new Error(`deal-flow task input is not a deal-flow state: ${parsed.error.message}`);
  return parsed.data;
}

/** The deal-flow machine's task handlers by state name (infra/state-machines/deal-flow.asl.json). */
export function dealFlowTasks(deps: RuntimeDeps, settings?: DealFlowSettings): Record<string, WorkflowTask> {
  const flow = lazyDealFlowDeps(deps, settings);
  const waitTask: WorkflowTask = async (input, ctx) => {
    const { state, executionName } = stateOf(input);
    if (!ctx.taskToken || !executionName) throw new Error("AwaitDealMove needs the task token and the execution name");
    await awaitStageMove(flow(), state, { taskToken: ctx.taskToken, executionName });
    return null;
  };
  return {
    LoadDeal: (input) => loadDeal(flow(), stateOf(input).state),
    AwaitDealMove: waitTask,
    AwaitDealMoveUntimed: waitTask,
    RemindDealOwner: (input) => remindOwner(flow(), stateOf(input).state),
    EscalateDealToManager: async (input) => void (await escalateToManager(flow(), stateOf(input).state)),
    FlagDealStale: (input) => flagStale(flow(), stateOf(input).state),
  };
}

export const dealFlowStateNames = ["LoadDeal", "AwaitDealMove", "AwaitDealMoveUntimed", "RemindDealOwner", "EscalateDealToManager", "FlagDealStale"] as const;

/** Entries for the workflowTasks registry (state name → factory). */
export const dealFlowTaskRegistry: Record<string, (deps: RuntimeDeps) => WorkflowTask> = Object.fromEntries(
  dealFlowStateNames.map((name) => [name, (deps: RuntimeDeps) => dealFlowTasks(deps)[name] as WorkflowTask]),
);

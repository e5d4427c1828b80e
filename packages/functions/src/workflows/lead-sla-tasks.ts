import { z } from "zod";
import { breach, LEAD_SLA_MACHINE, loadStep, type BreachLevel, type LeadSlaDeps, type SlaStep } from "@dealflow/core/lead-sla/index";
import type { RuntimeDeps } from "../runtime/deps.ts";
import type { WorkflowTask } from "./index.ts";

export function leadSlaDeps(deps: RuntimeDeps): LeadSlaDeps {
  const stateMachineArn = deps.stateMachineArns[LEAD_SLA_MACHINE];
  if (!stateMachineArn) throw new Error(`No ARN for the ${LEAD_SLA_MACHINE} state machine in STATE_MACHINE_ARNS`);
  return { ...deps, stateMachineArn };
}

/** Built on first use, so a runtime without the machine's ARN can still build every handler. */
export function lazyLeadSlaDeps(deps: RuntimeDeps): () => LeadSlaDeps {
  let built: LeadSlaDeps | undefined;
  return () => (built ??= leadSlaDeps(deps));
}

const key = z.object({ leadId: z.string().min(1), assignedAt: z.string().min(1) });
const step = key.extend({ next: z.enum(["remind", "escalate", "pool", "done"]), at: z.string().optional() });
const breachInput = z.object({ step });

function parsed<S extends z.ZodType>(schema: S, input: unknown, task: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new Error(`lead-sla task ${task}: unexpected input (${result.error.message})`);
  return result.data;
}

const breachTask = (sla: () => LeadSlaDeps, name: string, level: BreachLevel): WorkflowTask => async (input) => {
  return breach(sla(), parsed(breachInput, input, name).step as SlaStep, level);
};

/** The lead-sla machine's task handlers by state name (infra/state-machines/lead-sla.asl.json). */
export function leadSlaTasks(deps: RuntimeDeps): Record<string, WorkflowTask> {
  const sla = lazyLeadSlaDeps(deps);
  return {
    LoadLeadSla: (input) => loadStep(sla(), parsed(key, input, "LoadLeadSla")),
    RemindLeadOwner: breachTask(sla, "RemindLeadOwner", 1),
    EscalateLeadToManager: breachTask(sla, "EscalateLeadToManager", 2),
    ReturnLeadToPool: breachTask(sla, "ReturnLeadToPool", 3),
  };
}

export const leadSlaStateNames = ["LoadLeadSla", "RemindLeadOwner", "EscalateLeadToManager", "ReturnLeadToPool"] as const;

/** Entries for the workflowTasks registry (state name → factory). */
export const leadSlaTaskRegistry: Record<string, (deps: RuntimeDeps) => WorkflowTask> = Object.fromEntries(
  leadSlaStateNames.map((name) => [name, (deps: RuntimeDeps) => leadSlaTasks(deps)[name] as WorkflowTask]),
);

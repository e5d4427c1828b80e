import type { MachineDeps } from "../ports/machine-deps.ts";

/** What the lead-SLA consumers and tasks use (stateMachineArn: the lead-sla machine's). */
export type LeadSlaDeps = MachineDeps;

export const LEAD_SLA_MACHINE = "lead-sla";

/** The running executions of the machine, for reconcile only. */
export type { ExecutionLister as SlaExecutionLister } from "../ports/machine-deps.ts";

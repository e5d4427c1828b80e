import type { Db } from "../db/service.ts";
import type { EventPublisher } from "../ports/bus.ts";
import type { Clock } from "../ports/clock.ts";
import type { Mailer } from "../ports/mailer.ts";
import type { WorkflowEngine } from "../ports/workflow.ts";

/** What the lead-SLA consumers and tasks use; the functions layer builds it from its RuntimeDeps. */
export interface LeadSlaDeps {
  db: Db;
  publisher: EventPublisher;
  clock: Clock;
  mailer: Mailer;
  workflow: WorkflowEngine;
  /** ARN of the lead-sla state machine. */
  stateMachineArn: string;
  /** Base URL of the web client, for links in emails. */
  appUrl: string;
}

export const LEAD_SLA_MACHINE = "lead-sla";

/** The running executions of a machine (ListExecutions), for reconcile only. */
export interface SlaExecutionLister {
  listRunning(stateMachineArn: string): Promise<{ name: string; executionArn: string }[]>;
}

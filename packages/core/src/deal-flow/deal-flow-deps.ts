import type { Db } from "../db/service.ts";
import type { EventPublisher } from "../ports/bus.ts";
import type { Clock } from "../ports/clock.ts";
import type { Mailer } from "../ports/mailer.ts";
import type { WorkflowEngine } from "../ports/workflow.ts";
import type { DealFlowSettings } from "./flow-state.ts";

/** What the deal-flow consumers and tasks use; the functions layer builds it from its RuntimeDeps. */
export interface DealFlowDeps {
  db: Db;
  publisher: EventPublisher;
  clock: Clock;
  mailer: Mailer;
  workflow: WorkflowEngine;
  /** ARN of the deal-flow state machine. */
  stateMachineArn: string;
  /** Base URL of the web client, for links in emails. */
  appUrl: string;
  settings: DealFlowSettings;
}

/** The running executions of a machine (ListExecutions): only reconcile needs it, so it is not on the port. */
export interface ExecutionLister {
  listRunning(stateMachineArn: string): Promise<{ name: string; executionArn: string }[]>;
}

import type { Db } from "../db/service.ts";
import type { EventPublisher } from "./bus.ts";
import type { Clock } from "./clock.ts";
import type { Mailer } from "./mailer.ts";
import type { WorkflowEngine } from "./workflow.ts";

/**
 * What the consumers and tasks of one per-record timer machine (deal flow, lead SLA, instalment collection)
 * use; the functions layer builds it from its RuntimeDeps with that machine's ARN.
 */
export interface MachineDeps {
  db: Db;
  publisher: EventPublisher;
  clock: Clock;
  mailer: Mailer;
  workflow: WorkflowEngine;
  /** ARN of the machine these consumers and tasks drive. */
  stateMachineArn: string;
  /** Base URL of the web client, for links in emails. */
  appUrl: string;
}

/** The running executions of a machine (ListExecutions): only reconcile needs it, so it is not on the port. */
export interface ExecutionLister {
  listRunning(stateMachineArn: string): Promise<{ name: string; executionArn: string }[]>;
}

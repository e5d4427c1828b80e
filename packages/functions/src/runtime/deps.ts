import type { Db } from "@dealflow/core/db/service";
import type { Clock } from "@dealflow/core/ports/clock";
import type { EventPublisher } from "@dealflow/core/ports/bus";
import type { Mailer } from "@dealflow/core/ports/mailer";
import type { WorkflowEngine } from "@dealflow/core/ports/workflow";

/**
 * What bus consumers and workflow tasks get from their runtime: AWS (aws-deps.ts) or local (packages/local).
 * `stateMachineArns` maps a machine's name in infra/state-machines.ts to its ARN.
 */
export interface RuntimeDeps {
  db: Db;
  publisher: EventPublisher;
  clock: Clock;
  mailer: Mailer;
  workflow: WorkflowEngine;
  stateMachineArns: Record<string, string>;
  /** Base URL of the web client, for links in emails. */
  appUrl: string;
}

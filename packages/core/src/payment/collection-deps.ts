import type { Db } from "../db/service.ts";
import type { EventPublisher } from "../ports/bus.ts";
import type { Clock } from "../ports/clock.ts";
import type { Mailer } from "../ports/mailer.ts";
import type { WorkflowEngine } from "../ports/workflow.ts";
import { systemPrincipal, type Ctx } from "../records/context.ts";

/** What the collection consumers and tasks use; the functions layer builds it from its RuntimeDeps. */
export interface CollectionDeps {
  db: Db;
  publisher: EventPublisher;
  clock: Clock;
  mailer: Mailer;
  workflow: WorkflowEngine;
  /** ARN of the instalment-collection state machine. */
  stateMachineArn: string;
  /** Base URL of the web client, for links in emails. */
  appUrl: string;
}

export function systemCtx(deps: CollectionDeps, newId?: () => string): Ctx {
  return { db: deps.db, publisher: deps.publisher, clock: deps.clock, actor: systemPrincipal, ...(newId && { newId }) };
}

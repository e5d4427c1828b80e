import type { MachineDeps } from "../ports/machine-deps.ts";
import { systemPrincipal, type Ctx } from "../records/context.ts";

/** What the collection consumers and tasks use (stateMachineArn: the instalment-collection machine's). */
export type CollectionDeps = MachineDeps;

export function systemCtx(deps: CollectionDeps, newId?: () => string): Ctx {
  return { db: deps.db, publisher: deps.publisher, clock: deps.clock, actor: systemPrincipal, ...(newId && { newId }) };
}

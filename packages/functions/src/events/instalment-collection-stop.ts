import { z } from "zod";
import { onInstalmentPaid } from "@dealflow/core/payment/index";
import type { BusEnvelope } from "@dealflow/core/ports/bus";
import { awsRuntimeDeps } from "../runtime/aws-deps.ts";
import type { RuntimeDeps } from "../runtime/deps.ts";
import { lazyCollectionDeps } from "../workflows/instalment-collection-tasks.ts";

const paidDetail = z.object({ id: z.string().min(1), data: z.object({ instalmentId: z.string().min(1), planVersion: z.number().int().positive() }) });

/** Rule InstalmentCollectionStop (instalment.paid) → the instalment's collection execution stops: no reminder, no overdue notice. */
export function instalmentCollectionStopHandler(deps: RuntimeDeps) {
  const lazy = lazyCollectionDeps(deps);
  return async (event: BusEnvelope) => {
    const parsed = paidDetail.safeParse(event.detail);
    if (!parsed.success) throw new Error(`instalment.paid ${event.id}: unexpected detail (${parsed.error.message})`);
    await onInstalmentPaid(lazy(), parsed.data.data);
  };
}

let lambda: ReturnType<typeof instalmentCollectionStopHandler> | undefined;
export const handler = (event: BusEnvelope) => (lambda ??= instalmentCollectionStopHandler(awsRuntimeDeps()))(event);

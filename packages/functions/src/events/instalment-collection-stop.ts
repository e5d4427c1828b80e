import { z } from "zod";
import { onInstalmentPaid, onOrderCancelled } from "@dealflow/core/payment/index";
import type { BusEnvelope } from "@dealflow/core/ports/bus";
import { awsRuntimeDeps } from "../runtime/aws-deps.ts";
import type { RuntimeDeps } from "../runtime/deps.ts";
import { lazyCollectionDeps } from "../workflows/instalment-collection-tasks.ts";

const paidDetail = z.object({ id: z.string().min(1), data: z.object({ instalmentId: z.string().min(1), planVersion: z.number().int().positive() }) });
const cancelledDetail = z.object({ id: z.string().min(1), data: z.object({ orderId: z.string().min(1) }) });

function parsed<S extends z.ZodType>(schema: S, event: BusEnvelope): z.infer<S> {
  const result = schema.safeParse(event.detail);
  if (!result.success) throw new Error(`${event["detail-type"]} ${event.id}: unexpected detail (${result.error.message})`);
  return result.data;
}

/**
 * Rule InstalmentCollectionStop → instalment.paid stops that instalment's collection execution; order.cancelled
 * stops every one of the order's. No reminder, no overdue notice after either; a redelivery is a no-op.
 */
export function instalmentCollectionStopHandler(deps: RuntimeDeps) {
  const lazy = lazyCollectionDeps(deps);
  return async (event: BusEnvelope) => {
    if (event["detail-type"] === "order.cancelled") {
      const { id, data } = parsed(cancelledDetail, event);
      const outcome = await onOrderCancelled(lazy(), data);
      console.log(JSON.stringify({ msg: "instalment collection stop", eventId: id, orderId: data.orderId, ...outcome }));
      return;
    }
    await onInstalmentPaid(lazy(), parsed(paidDetail, event).data);
  };
}

let lambda: ReturnType<typeof instalmentCollectionStopHandler> | undefined;
export const handler = (event: BusEnvelope) => (lambda ??= instalmentCollectionStopHandler(awsRuntimeDeps()))(event);

import { z } from "zod";
import { onPlanSet } from "@dealflow/core/payment/index";
import type { BusEnvelope } from "@dealflow/core/ports/bus";
import { awsRuntimeDeps } from "../runtime/aws-deps.ts";
import type { RuntimeDeps } from "../runtime/deps.ts";
import { lazyCollectionDeps } from "../workflows/instalment-collection-tasks.ts";

const version = z.number().int().positive();
const planSetDetail = z.object({
  id: z.string().min(1),
  data: z.object({
    orderId: z.string().min(1),
    planVersion: version,
    instalments: z.array(z.object({ instalmentId: z.string().min(1) })),
    replaced: z.array(z.object({ instalmentId: z.string().min(1), planVersion: version })),
  }),
});

/** Rule InstalmentCollectionStart (payment_plan.set) → one instalment-collection execution per instalment; the replaced plan's stop. */
export function instalmentCollectionStartHandler(deps: RuntimeDeps) {
  const lazy = lazyCollectionDeps(deps);
  return async (event: BusEnvelope) => {
    const parsed = planSetDetail.safeParse(event.detail);
    if (!parsed.success) throw new Error(`payment_plan.set ${event.id}: unexpected detail (${parsed.error.message})`);
    const outcome = await onPlanSet(lazy(), parsed.data.data);
    console.log(JSON.stringify({ msg: "instalment collection start", eventId: parsed.data.id, orderId: parsed.data.data.orderId, ...outcome }));
  };
}

let lambda: ReturnType<typeof instalmentCollectionStartHandler> | undefined;
export const handler = (event: BusEnvelope) => (lambda ??= instalmentCollectionStartHandler(awsRuntimeDeps()))(event);

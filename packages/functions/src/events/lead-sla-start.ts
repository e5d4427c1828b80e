import { z } from "zod";
import { onLeadAssigned } from "@dealflow/core/lead-sla/index";
import type { BusEnvelope } from "@dealflow/core/ports/bus";
import { awsRuntimeDeps } from "../runtime/aws-deps.ts";
import type { RuntimeDeps } from "../runtime/deps.ts";
import { lazyLeadSlaDeps } from "../workflows/lead-sla-tasks.ts";

const assignedDetail = z.object({
  id: z.string().min(1),
  occurredAt: z.string().min(1),
  // No owner (nobody eligible, the lead stays in the pool): no SLA to hold anyone to.
  data: z.object({ leadId: z.string().min(1), ownerId: z.string().min(1).nullish() }),
});

/**
 * Rule LeadSlaStart (lead.assigned) → the assignment's lead-sla execution. The event's time is the assignment's,
 * so a redelivery names the same execution and starts nothing new; a newer assignment stops the older one.
 */
export function leadSlaStartHandler(deps: RuntimeDeps) {
  const lazy = lazyLeadSlaDeps(deps);
  return async (event: BusEnvelope) => {
    const parsed = assignedDetail.safeParse(event.detail);
    if (!parsed.success) throw new Error(`lead.assigned ${event.id}: detail lacks data.leadId or occurredAt (${parsed.error.message})`);
    const { data, occurredAt } = parsed.data;
    const outcome = data.ownerId ? await onLeadAssigned(lazy(), { leadId: data.leadId, ownerId: data.ownerId, assignedAt: occurredAt }) : "ignored";
    console.log(JSON.stringify({ msg: `lead-sla start: ${outcome}`, eventId: parsed.data.id, leadId: data.leadId, ownerId: data.ownerId }));
  };
}

let lambda: ReturnType<typeof leadSlaStartHandler> | undefined;
export const handler = (event: BusEnvelope) => (lambda ??= leadSlaStartHandler(awsRuntimeDeps()))(event);

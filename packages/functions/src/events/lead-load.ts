import { z } from "zod";
import { syncLeadHold } from "@dealflow/core/assignment/index";
import type { BusEnvelope } from "@dealflow/core/ports/bus";
import { awsRuntimeDeps } from "../runtime/aws-deps.ts";
import type { RuntimeDeps } from "../runtime/deps.ts";

const leadDetail = z.object({ id: z.string().min(1), data: z.object({ leadId: z.string().min(1) }) });

/**
 * Rule LeadLoad (lead.created, lead.updated) → the rep's open-lead count follows the lead, whatever changed it
 * outside assignment: created with an owner, reassigned by an edit, claimed, released to the pool, converted or
 * disqualified. Reads the stored lead, so order and repeats do not matter.
 */
export function leadLoadHandler(deps: Pick<RuntimeDeps, "db" | "clock">) {
  return async (event: BusEnvelope) => {
    const parsed = leadDetail.safeParse(event.detail);
    if (!parsed.success) throw new Error(`${event["detail-type"]} ${event.id}: detail lacks data.leadId (${parsed.error.message})`);
    const outcome = await syncLeadHold(deps.db, parsed.data.data.leadId, () => deps.clock.now());
    if (outcome === "moved") console.log(JSON.stringify({ msg: "lead load: moved", eventId: parsed.data.id, leadId: parsed.data.data.leadId }));
  };
}

let lambda: ReturnType<typeof leadLoadHandler> | undefined;
export const handler = (event: BusEnvelope) => (lambda ??= leadLoadHandler(awsRuntimeDeps()))(event);

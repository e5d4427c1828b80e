import { z } from "zod";
import { assignScoredLead, reassignAfterBreach } from "@dealflow/core/assignment/index";
import type { BusEnvelope } from "@dealflow/core/ports/bus";
import { awsRuntimeDeps } from "../runtime/aws-deps.ts";
import type { RuntimeDeps } from "../runtime/deps.ts";

const scoredDetail = z.object({ id: z.string().min(1), data: z.object({ leadId: z.string().min(1) }) });
const breachedDetail = z.object({
  id: z.string().min(1),
  data: z.object({ leadId: z.string().min(1), ownerId: z.string().min(1), level: z.number().int() }),
});

function parsed<S extends z.ZodType>(schema: S, event: BusEnvelope): z.infer<S> {
  const result = schema.safeParse(event.detail);
  if (!result.success) throw new Error(`${event["detail-type"]} ${event.id}: unexpected detail (${result.error.message})`);
  return result.data;
}

/**
 * Rule LeadAssignment: `lead.scored` → an unowned open lead gets an owner; `lead.sla_breached` level 3 (the SLA
 * already put the lead back in the pool) → another rep of the team gets it. Both re-check the stored lead, so
 * a redelivered event assigns nothing twice.
 */
export function leadAssignmentHandler(deps: RuntimeDeps) {
  return async (event: BusEnvelope) => {
    const type = event["detail-type"];
    if (type === "lead.scored") {
      const { id, data } = parsed(scoredDetail, event);
      const outcome = await assignScoredLead(deps, data.leadId, id);
      console.log(JSON.stringify({ msg: `lead assignment: ${outcome.kind}`, eventId: id, leadId: data.leadId, ...(outcome.kind === "assigned" && { ownerId: outcome.ownerId }) }));
    } else if (type === "lead.sla_breached") {
      const { id, data } = parsed(breachedDetail, event);
      if (data.level !== 3) return;
      const outcome = await reassignAfterBreach(deps, { leadId: data.leadId, ownerId: data.ownerId, eventId: id });
      console.log(JSON.stringify({ msg: `lead reassignment: ${outcome.kind}`, eventId: id, leadId: data.leadId, ...(outcome.kind === "assigned" && { ownerId: outcome.ownerId }) }));
    }
  };
}

let lambda: ReturnType<typeof leadAssignmentHandler> | undefined;
export const handler = (event: BusEnvelope) => (lambda ??= leadAssignmentHandler(awsRuntimeDeps()))(event);

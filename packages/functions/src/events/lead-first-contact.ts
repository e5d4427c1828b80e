import { z } from "zod";
import { contactTypes, onLeadContacted } from "@dealflow/core/lead-sla/index";
import type { BusEnvelope } from "@dealflow/core/ports/bus";
import { awsRuntimeDeps } from "../runtime/aws-deps.ts";
import type { RuntimeDeps } from "../runtime/deps.ts";
import { lazyLeadSlaDeps } from "../workflows/lead-sla-tasks.ts";

const contactDetail = z.object({
  id: z.string().min(1),
  occurredAt: z.string().min(1),
  data: z.object({ record: z.object({ activityId: z.string().min(1), subjectType: z.string(), subjectId: z.string().min(1), type: z.string() }) }),
});

/**
 * Rule LeadFirstContact (activity.created of a call, meeting, visit or email on a lead) → the lead's first
 * contact: `firstContactAt`, status contacted, `lead.first_contacted`, and its SLA execution ends.
 */
export function leadFirstContactHandler(deps: RuntimeDeps) {
  const lazy = lazyLeadSlaDeps(deps);
  return async (event: BusEnvelope) => {
    const parsed = contactDetail.safeParse(event.detail);
    if (!parsed.success) throw new Error(`activity.created ${event.id}: detail lacks data.record (${parsed.error.message})`);
    const { record } = parsed.data.data;
    // The rule filters too; a handler invoked by another route must not count a note as a contact.
    if (record.subjectType !== "lead" || !(contactTypes as readonly string[]).includes(record.type)) return;
    const outcome = await onLeadContacted(lazy(), { leadId: record.subjectId, activityId: record.activityId, at: parsed.data.occurredAt });
    console.log(JSON.stringify({ msg: `lead first contact: ${outcome}`, eventId: parsed.data.id, leadId: record.subjectId, activityId: record.activityId }));
  };
}

let lambda: ReturnType<typeof leadFirstContactHandler> | undefined;
export const handler = (event: BusEnvelope) => (lambda ??= leadFirstContactHandler(awsRuntimeDeps()))(event);

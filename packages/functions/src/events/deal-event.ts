import { z } from "zod";
import type { BusEnvelope } from "@dealflow/core/ports/bus";

const dealEventDetail = z.object({
  id: z.string().min(1),
  data: z.object({ opportunityId: z.string().min(1), seq: z.number().int().positive().optional() }),
});

/** The deal a domain event is about (`detail.data.opportunityId`) and, for a stage change, the new stay's seq. */
export function dealEventOf(event: BusEnvelope): { eventId: string; opportunityId: string; seq?: number | undefined } {
  const parsed = dealEventDetail.safeParse(event.detail);
  if (!parsed.success) throw new Error(`${event["detail-type"]} ${event.id}: detail has no data.opportunityId (${parsed.error.message})`);
  return { eventId: parsed.data.id, ...parsed.data.data };
}

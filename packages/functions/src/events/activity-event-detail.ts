import { z } from "zod";
import { parse } from "@dealflow/core/records/schema";
import type { BusEnvelope } from "@dealflow/core/ports/bus";

const detailSchema = z.object({ id: z.string().min(1), data: z.record(z.string(), z.unknown()) });

/** The domain event inside an envelope; its `id` (not the envelope's) names the fact across redeliveries. */
export function activityEventDetail(event: BusEnvelope): { id: string; name: string; data: Record<string, unknown> } {
  const detail = parse(detailSchema, event.detail);
  return { id: detail.id, name: event["detail-type"], data: detail.data };
}

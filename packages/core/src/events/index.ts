import { z } from "zod";
import { assignmentEvents } from "./assignment.events.ts";
import { leadEvents } from "./lead.events.ts";
import { slaEvents } from "./sla.events.ts";
import { scoringEvents } from "./scoring.events.ts";
import { webFormEvents } from "./web-form.events.ts";
import { l2cEvents } from "./l2c.events.ts";
import { paymentEvents } from "./payments.events.ts";

/** One event a Dealflow bus carries: its schema version, what it means, and the zod schema of its data. */
export interface CatalogueEntry {
  version: number;
  description: string;
  schema: z.ZodType;
  /** Who puts it on the bus: "dealflow" (default) for domain events, "marketing.*" for marketing inputs. */
  source?: string;
}

/** Every catalogued event by name (domain events: the `detail-type`; marketing inputs: their detail-type). */
export const eventCatalogue: Record<string, CatalogueEntry> = {
  ...leadEvents,
  ...slaEvents,
  ...webFormEvents,
  ...assignmentEvents,
  ...scoringEvents,
  ...l2cEvents,
  ...paymentEvents,
};

const isDomain = (e: CatalogueEntry) => (e.source ?? "dealflow") === "dealflow";

/** What travels as `detail`: domain events wrap their data in the envelope; marketing inputs are the detail. */
function detailSchema(e: CatalogueEntry): z.ZodType {
  if (!isDomain(e)) return e.schema;
  return z.object({ id: z.string().min(1), version: z.literal(e.version), occurredAt: z.iso.datetime({ offset: true }), actorId: z.string().optional(), data: e.schema });
}

/** The JSON Schema (draft 2020-12) of every event's `detail`, for publishing at `GET /events/schemas`. */
export function eventJsonSchemas() {
  return Object.fromEntries(
    Object.entries(eventCatalogue).map(([name, e]) => [
      name,
      { version: e.version, description: e.description, source: e.source ?? "dealflow", detailType: name, detail: z.toJSONSchema(detailSchema(e), { io: "input", unrepresentable: "any" }) },
    ]),
  );
}

export type EventCheck = { known: false; ok: true } | { known: true; ok: true } | { known: true; ok: false; reason: string };

/** Checks an event's data against its catalogued schema and version; events outside the catalogue pass as unknown. */
export function validateEvent(event: { name: string; version?: number; data: unknown }): EventCheck {
  const entry = eventCatalogue[event.name];
  if (!entry) return { known: false, ok: true };
  if (event.version !== undefined && event.version !== entry.version) return { known: true, ok: false, reason: `${event.name} is catalogued at version ${entry.version}, not ${event.version}` };
  const result = entry.schema.safeParse(event.data);
  if (result.success) return { known: true, ok: true };
  const issues = result.error.issues.map((i) => `${i.path.join(".") || "(data)"}: ${i.message}`).join("; ");
  return { known: true, ok: false, reason: `${event.name} v${entry.version} data does not match its schema: ${issues}` };
}

/** Throws on the first event whose data breaks its catalogued schema (test publishers check every event they see). */
export function assertValidEvents(events: { name: string; version?: number; data: unknown }[]): void {
  for (const e of events) {
    const check = validateEvent(e);
    if (!check.ok) throw new Error(`Published an invalid event: ${check.reason}`);
  }
}

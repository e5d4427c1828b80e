import type { Deal, GatedStage, TimelineItem } from "./deal-api.ts";

export interface GateCheck {
  kind: "field" | "activity" | "role";
  key: string;
  met: boolean;
}

/** The server's notion of filled (opportunity/gate.ts): blank text, empty lists and amounts of 0 do not count. */
function isFilled(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === "string") return value.trim().length > 0;
  if (typeof value === "number") return value > 0;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** Activity types logged on the deal since it entered its current stage: only those count for the gate. */
export function activityTypesThisStay(deal: Deal, timeline: TimelineItem[]): Set<string> {
  const since = deal.stageEnteredAt ? Date.parse(deal.stageEnteredAt) : 0;
  return new Set(
    timeline.filter((i) => i.kind === "activity" && Date.parse(i.at) >= since && typeof i.data.type === "string").map((i) => String(i.data.type)),
  );
}

/**
 * What leaving the current stage asks for: the server checks the gate of the stage being left (opportunity/gate.ts),
 * so the checklist is the current stage's requirements, each ticked when this deal already meets it.
 */
export function gateChecklist(gate: GatedStage, deal: Deal, loggedTypes: Set<string>): GateCheck[] {
  const fields = deal as unknown as Record<string, unknown>;
  const roles = new Set((deal.contacts ?? []).map((c) => c.role));
  return [
    ...(gate.requiredFields ?? []).map((key) => ({ kind: "field" as const, key, met: isFilled(fields[key]) })),
    ...(gate.requiredActivities ?? []).map((key) => ({ kind: "activity" as const, key, met: loggedTypes.has(key) })),
    ...(gate.requiredRoles ?? []).map((key) => ({ kind: "role" as const, key, met: roles.has(key) })),
  ];
}

import type { BusEnvelope } from "@dealflow/core/ports/bus";
import type { Ctx } from "@dealflow/core/records/context";
import { leadCapturedHandler } from "./lead-captured.ts";

/** Every bus consumer by the handler name the rules in infra/rules.ts target; the local bus wires these. */
export const eventHandlers: Record<string, (deps: Omit<Ctx, "actor">) => (event: BusEnvelope) => Promise<void>> = {
  "lead-captured": leadCapturedHandler,
};

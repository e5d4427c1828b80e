import type { BusEnvelope } from "@dealflow/core/ports/bus";
import type { RuntimeDeps } from "../runtime/deps.ts";
import { leadCapturedHandler } from "./lead-captured.ts";

/** Every bus consumer by the handler name the rules in infra/rules.ts target; the local bus wires these. */
export const eventHandlers: Record<string, (deps: RuntimeDeps) => (event: BusEnvelope) => Promise<void>> = {
  "lead-captured": leadCapturedHandler,
};

import type { BusEnvelope } from "@dealflow/core/ports/bus";

// Interim entry so the stacks can bundle; replaced by the real consumer in the next commit.
export async function handler(event: BusEnvelope): Promise<void> {
  void event;
}

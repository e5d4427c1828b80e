import type { Clock } from "@dealflow/core/ports/clock";

// setTimeout fires after 1 ms when asked for more than 2^31-1 ms; longer delays are chained.
const maxTimeoutMs = 2_147_483_647;

/** Runs `fn` at the absolute time `dueAtMs` (by `clock`); returns a cancel function. */
export function scheduleAt(clock: Clock, dueAtMs: number, fn: () => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    const remaining = dueAtMs - clock.now().getTime();
    if (remaining <= 0) {
      timer = undefined;
      fn();
      return;
    }
    timer = setTimeout(arm, Math.min(remaining, maxTimeoutMs));
  };
  arm();
  return () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
  };
}

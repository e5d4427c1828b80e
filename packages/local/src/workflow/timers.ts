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

/** Timers that can all be cancelled at once; an overdue one fires synchronously inside `add`. */
export class TimerSet {
  private readonly cancels = new Set<() => void>();

  constructor(private readonly clock: Clock) {}

  add(dueAtMs: number, fn: () => void): () => void {
    let tracked: (() => void) | undefined;
    let fired = false;
    const cancel = scheduleAt(this.clock, dueAtMs, () => {
      fired = true;
      if (tracked) this.cancels.delete(tracked);
      fn();
    });
    if (fired) return () => undefined;
    const untrack = () => {
      this.cancels.delete(untrack);
      cancel();
    };
    tracked = untrack;
    this.cancels.add(untrack);
    return untrack;
  }

  cancelAll(): void {
    for (const cancel of this.cancels) cancel();
  }
}

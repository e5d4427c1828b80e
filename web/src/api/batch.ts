type Waiter<V> = { resolve(v: V | undefined): void; reject(e: unknown): void };

/**
 * Gathers single-key loads into calls of at most `max` keys each, the way DataLoader does. A call leaves once no
 * load has come for `waitMs` (the cards a render mounts; a scroll once it pauses), and at the latest `maxWaitMs`
 * after the first load waiting. `fetchMany` answers a map; a key it leaves out resolves to
 * `undefined`, and a failed call rejects every load of that call. A load whose signal aborts before the call
 * leaves (a card scrolled past and unmounted) is dropped, and its key is not asked unless another load wants it.
 */
export function batched<V>(fetchMany: (keys: string[]) => Promise<ReadonlyMap<string, V>>, opts: { max: number; waitMs: number; maxWaitMs?: number }) {
  let queue = new Map<string, Waiter<V>[]>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstAt: number | undefined;

  function schedule() {
    const now = Date.now();
    firstAt ??= now;
    clearTimeout(timer);
    timer = setTimeout(flush, Math.max(0, Math.min(opts.waitMs, firstAt + (opts.maxWaitMs ?? opts.waitMs) - now)));
  }

  function flush() {
    const due = queue;
    queue = new Map();
    timer = undefined;
    firstAt = undefined;
    const keys = [...due.keys()];
    for (let i = 0; i < keys.length; i += opts.max) {
      const chunk = keys.slice(i, i + opts.max);
      const waiters = (k: string) => due.get(k) ?? [];
      fetchMany(chunk).then(
        (found) => chunk.forEach((k) => waiters(k).forEach((w) => w.resolve(found.get(k)))),
        (error: unknown) => chunk.forEach((k) => waiters(k).forEach((w) => w.reject(error))),
      );
    }
  }

  function drop(key: string, waiter: Waiter<V>) {
    const left = (queue.get(key) ?? []).filter((w) => w !== waiter);
    if (left.length) queue.set(key, left);
    else queue.delete(key);
  }

  return (key: string, signal?: AbortSignal) =>
    new Promise<V | undefined>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const waiter: Waiter<V> = { resolve, reject };
      queue.set(key, [...(queue.get(key) ?? []), waiter]);
      signal?.addEventListener(
        "abort",
        () => {
          // Only while still queued: once the call has left, its answer is simply not used.
          if (!queue.get(key)?.includes(waiter)) return;
          drop(key, waiter);
          reject(signal.reason);
        },
        { once: true },
      );
      schedule();
    });
}

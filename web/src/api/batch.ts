/**
 * Gathers the single-key loads made within `waitMs` (the cards a render mounts, or a scroll's worth) into calls
 * of at most `max` keys each, the way DataLoader does. `fetchMany` answers a map; a key it leaves out resolves to
 * `undefined`, and a failed call rejects every load of that call.
 */
export function batched<V>(fetchMany: (keys: string[]) => Promise<ReadonlyMap<string, V>>, opts: { max: number; waitMs: number }) {
  let queue = new Map<string, { resolve(v: V | undefined): void; reject(e: unknown): void }[]>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  function flush() {
    const due = queue;
    queue = new Map();
    timer = undefined;
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

  return (key: string) =>
    new Promise<V | undefined>((resolve, reject) => {
      queue.set(key, [...(queue.get(key) ?? []), { resolve, reject }]);
      timer ??= setTimeout(flush, opts.waitMs);
    });
}

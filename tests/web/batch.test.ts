import { describe, expect, it, vi } from "vitest";
import { batched } from "../../web/src/api/batch.ts";

/** A fetchMany that records its calls and answers every key but "gone" with the key upper-cased. */
function source(fail?: (keys: string[]) => boolean) {
  const calls: string[][] = [];
  const fetchMany = async (keys: string[]) => {
    calls.push(keys);
    if (fail?.(keys)) throw new Error("boom");
    return new Map(keys.filter((k) => k !== "gone").map((k) => [k, k.toUpperCase()]));
  };
  return { calls, fetchMany };
}

describe("batched", () => {
  it("gathers the loads of one window into calls of at most `max` keys, each key asked once", async () => {
    const { calls, fetchMany } = source();
    const load = batched(fetchMany, { max: 2, waitMs: 5 });
    const answers = await Promise.all(["a", "b", "a", "c", "gone"].map((k) => load(k)));
    expect(answers).toEqual(["A", "B", "A", "C", undefined]);
    expect(calls).toEqual([["a", "b"], ["c", "gone"]]);
  });

  it("starts a new call for loads after the window closed", async () => {
    const { calls, fetchMany } = source();
    const load = batched(fetchMany, { max: 50, waitMs: 1 });
    await load("a");
    await Promise.all([load("b"), load("c")]);
    expect(calls).toEqual([["a"], ["b", "c"]]);
  });

  it("waits while loads keep coming (a scroll), but no longer than maxWaitMs after the first", async () => {
    vi.useFakeTimers();
    try {
      const { calls, fetchMany } = source();
      const load = batched(fetchMany, { max: 50, waitMs: 30, maxWaitMs: 120 });
      const keys = Array.from({ length: 20 }, (_, i) => `k${i}`);
      // A load every 10 ms, never a 30 ms pause: the 120 ms limit sends the first twelve, the rest go once it stops.
      for (const k of keys) {
        void load(k);
        await vi.advanceTimersByTimeAsync(10);
      }
      await vi.advanceTimersByTimeAsync(30);
      expect(calls).toEqual([keys.slice(0, 12), keys.slice(12)]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("a failed call rejects the loads it carried and no others", async () => {
    const { fetchMany } = source((keys) => keys.includes("bad"));
    const load = batched(fetchMany, { max: 1, waitMs: 1 });
    const [ok, bad] = await Promise.allSettled([load("fine"), load("bad")]);
    expect(ok).toEqual({ status: "fulfilled", value: "FINE" });
    expect(bad).toMatchObject({ status: "rejected", reason: { message: "boom" } });
  });
});

describe("batched with abort signals", () => {
  it("drops a load aborted before its call leaves, and asks its key only if another load still wants it", async () => {
    const { calls, fetchMany } = source();
    const load = batched(fetchMany, { max: 50, waitMs: 5 });
    const [gone, kept, wanted] = [new AbortController(), new AbortController(), new AbortController()];
    const loads = [load("scrolled-past", gone.signal), load("shared", kept.signal), load("shared"), load("visible", wanted.signal)];
    gone.abort();
    kept.abort();
    const settled = await Promise.allSettled(loads);
    expect(settled.map((r) => r.status)).toEqual(["rejected", "rejected", "fulfilled", "fulfilled"]);
    expect(calls).toEqual([["shared", "visible"]]);
  });

  it("makes no call when every load of the window was aborted, and refuses an already aborted signal", async () => {
    const { calls, fetchMany } = source();
    const load = batched(fetchMany, { max: 50, waitMs: 5 });
    const c = new AbortController();
    const pending = load("a", c.signal);
    c.abort();
    await expect(pending).rejects.toBeDefined();
    await expect(load("b", c.signal)).rejects.toBeDefined();
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
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
    const answers = await Promise.all(["a", "b", "a", "c", "gone"].map(load));
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

  it("a failed call rejects the loads it carried and no others", async () => {
    const { fetchMany } = source((keys) => keys.includes("bad"));
    const load = batched(fetchMany, { max: 1, waitMs: 1 });
    const [ok, bad] = await Promise.allSettled([load("fine"), load("bad")]);
    expect(ok).toEqual({ status: "fulfilled", value: "FINE" });
    expect(bad).toMatchObject({ status: "rejected", reason: { message: "boom" } });
  });
});

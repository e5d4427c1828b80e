import { describe, expect, it } from "vitest";
import { periodMonths, rollup, type LineFacts } from "./rollup.ts";

const line = (status: LineFacts["status"], category: LineFacts["category"], amount: number, probability: number): LineFacts => ({ month: "2026-12", status, category, amount, probability });

describe("forecast roll-ups", () => {
  const lines = [line("won", "closed", 400, 100), line("open", "commit", 300, 60), line("open", "best_case", 200, 40), line("open", "pipeline", 100, 10), line("lost", "omitted", 50, 0), line("open", "omitted", 70, 30)];

  it("accumulates closed → commit → best case → pipeline, weights open deals, leaves lost and omitted out", () => {
    expect(rollup(lines, 1000)).toEqual({ deals: 4, closed: 400, commit: 700, bestCase: 900, pipeline: 1000, weighted: 670, quota: 1000, attainment: 0.4, coverage: 1 });
  });

  it("gives coverage of what is still needed, and none once quota is met or when there is no quota", () => {
    expect(rollup(lines, 600)).toMatchObject({ attainment: 0.6667, coverage: 3 });
    expect(rollup(lines, 300)).toMatchObject({ attainment: 1.3333, coverage: null });
    expect(rollup(lines, null)).toMatchObject({ attainment: null, coverage: null });
    expect(rollup([], 0)).toMatchObject({ closed: 0, attainment: null, coverage: null });
  });

  it("reads months and quarters", () => {
    expect(periodMonths("2026-11")).toEqual(["2026-11"]);
    expect(periodMonths("2026-Q4")).toEqual(["2026-10", "2026-11", "2026-12"]);
    expect(periodMonths("2026-Q1")).toEqual(["2026-01", "2026-02", "2026-03"]);
    for (const bad of ["2026-13", "2026-Q5", "26-11", "2026-1"]) expect(periodMonths(bad)).toBeNull();
  });
});

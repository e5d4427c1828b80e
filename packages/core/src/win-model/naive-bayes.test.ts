import { describe, expect, it } from "vitest";
import { calibrate } from "./calibration.ts";
import { predict, train, type TrainingRow } from "./naive-bayes.ts";

const rows: (TrainingRow & { stageProbability: number })[] = [
  { opportunityId: "R1", outcome: "won", features: { source: "web", competitor: "no" }, stageProbability: 70 },
  { opportunityId: "R2", outcome: "won", features: { source: "web", competitor: "yes" }, stageProbability: 50 },
  { opportunityId: "R3", outcome: "lost", features: { source: "ad", competitor: "yes" }, stageProbability: 30 },
  { opportunityId: "R4", outcome: "lost", features: { source: "web", competitor: "yes" }, stageProbability: 50 },
];

describe("naive Bayes win probability", () => {
  it("matches the formula worked by hand, with its factors", () => {
    // P(web|won)=3/4, P(web|lost)=2/4; P(no|won)=2/4, P(no|lost)=1/4; prior 2:2 → odds 1·1.5·2 = 3 → 3/4.
    const p = predict(train(rows), { source: "web", competitor: "no" });
    expect(p?.probability).toBe(0.75);
    expect(p?.up).toEqual([{ feature: "competitor", value: "no", weight: 0.693 }, { feature: "source", value: "web", weight: 0.405 }]);
    expect(p?.down).toEqual([]);
  });

  it("smooths a value never seen to a neutral factor, and ignores unknown features", () => {
    // trade_show: 1/5 vs 1/5 → 0; yes: 2/4 vs 3/4 → odds 2/3 → 0.4.
    const p = predict(train(rows), { source: "trade_show", competitor: "yes", colour: "red" });
    expect(p).toEqual({ probability: 0.4, up: [], down: [{ feature: "competitor", value: "yes", weight: -0.405 }] });
  });

  it("has no opinion until it has seen both a win and a loss", () => {
    expect(predict(train(rows.filter((r) => r.outcome === "won")), { source: "web" })).toBeNull();
    expect(predict(train([]), {})).toBeNull();
  });
});

describe("calibration", () => {
  it("scores each deal leave-one-out and compares with the stage defaults", () => {
    // Leave-one-out predictions: R1 8/17, R2 8/35, R3 9/17, R4 27/35 (see the formula above).
    const c = calibrate(train(rows), rows);
    expect(c.deals).toBe(4);
    expect(c.brier).toBe(0.4377);
    expect(c.stageDefaultBrier).toBe(0.17);
    expect(c.bands.map((b) => [b.from, b.deals, b.meanPredicted, b.actualWinRate])).toEqual([
      [0, 0, null, null],
      [0.2, 1, 0.2286, 1],
      [0.4, 2, 0.5, 0.5],
      [0.6, 1, 0.7714, 0],
      [0.8, 0, null, null],
    ]);
  });
});

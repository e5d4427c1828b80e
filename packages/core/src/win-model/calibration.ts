import { adjust, predict, type TrainingRow, type WinModel } from "./naive-bayes.ts";

export interface Band {
  /** Predicted probability band [from, to). */
  from: number;
  to: number;
  deals: number;
  meanPredicted: number | null;
  actualWinRate: number | null;
}

export interface Calibration {
  deals: number;
  /** Mean squared error of the predictions (0 is perfect; always guessing 0.5 scores 0.25). */
  brier: number | null;
  /** The same for the stage default probabilities the deals had when they closed, to compare against. */
  stageDefaultBrier: number | null;
  bands: Band[];
}

const r4 = (x: number) => Math.round(x * 10_000) / 10_000;
const brierOf = (pairs: readonly { p: number; won: boolean }[]) => (pairs.length ? r4(pairs.reduce((s, x) => s + (x.p - (x.won ? 1 : 0)) ** 2, 0) / pairs.length) : null);

/**
 * Leave-one-out calibration on closed deals: each deal is scored by the model without its own counts, so the
 * report says how the model does on deals it has not seen. Rows may carry the stage default probability (0–100).
 */
export function calibrate(model: WinModel, rows: readonly (TrainingRow & { stageProbability?: number | undefined })[], bandCount = 5): Calibration {
  const scored: { p: number; won: boolean }[] = [];
  for (const row of rows) {
    adjust(model, row, -1);
    const prediction = predict(model, row.features);
    adjust(model, row, 1);
    if (prediction) scored.push({ p: prediction.probability, won: row.outcome === "won" });
  }
  const withDefaults = rows.filter((r) => r.stageProbability !== undefined).map((r) => ({ p: (r.stageProbability as number) / 100, won: r.outcome === "won" }));
  const bands = Array.from({ length: bandCount }, (_, i): Band => {
    const from = i / bandCount;
    const to = (i + 1) / bandCount;
    const inBand = scored.filter((s) => s.p >= from && (s.p < to || (i === bandCount - 1 && s.p <= 1)));
    const mean = (xs: number[]) => (xs.length ? r4(xs.reduce((a, b) => a + b, 0) / xs.length) : null);
    return { from: r4(from), to: r4(to), deals: inBand.length, meanPredicted: mean(inBand.map((s) => s.p)), actualWinRate: mean(inBand.map((s) => (s.won ? 1 : 0))) };
  });
  return { deals: scored.length, brier: brierOf(scored), stageDefaultBrier: brierOf(withDefaults), bands };
}

/**
 * Naive Bayes over categorical deal features, with Laplace smoothing:
 *   P(won | x) ∝ P(won) · Π P(xᵢ | won),  P(xᵢ = v | c) = (n(v, c) + α) / (n(c) + α · |Vᵢ|)
 * where |Vᵢ| counts the values feature i has taken in training (plus one for a value never seen). Pure: the
 * model is plain counts, so it is stored as one item and rebuilt from training rows at any time.
 */
export type Features = Record<string, string>;
export type Outcome = "won" | "lost";

export interface TrainingRow {
  opportunityId: string;
  outcome: Outcome;
  features: Features;
}

export interface WinModel {
  alpha: number;
  classCounts: Record<Outcome, number>;
  /** feature → value → counts per outcome. */
  counts: Record<string, Record<string, Record<Outcome, number>>>;
}

export interface Factor {
  feature: string;
  value: string;
  /** ln(P(v | won) / P(v | lost)): above 0 raises the odds of winning, below lowers them. */
  weight: number;
}

export interface Prediction {
  probability: number;
  up: Factor[];
  down: Factor[];
}

export function train(rows: readonly TrainingRow[], alpha = 1): WinModel {
  const model: WinModel = { alpha, classCounts: { won: 0, lost: 0 }, counts: {} };
  for (const row of rows) adjust(model, row, 1);
  return model;
}

/** Adds (+1) or removes (-1) one row's counts: leave-one-out calibration removes a deal from its own model. */
export function adjust(model: WinModel, row: TrainingRow, by: 1 | -1): void {
  model.classCounts[row.outcome] += by;
  for (const [feature, value] of Object.entries(row.features)) {
    const values = (model.counts[feature] ??= {});
    const c = (values[value] ??= { won: 0, lost: 0 });
    c[row.outcome] += by;
  }
}

function likelihood(model: WinModel, feature: string, value: string, outcome: Outcome): number {
  const values = model.counts[feature] ?? {};
  const seen = Object.keys(values).length + (value in values ? 0 : 1);
  return ((values[value]?.[outcome] ?? 0) + model.alpha) / (model.classCounts[outcome] + model.alpha * seen);
}

/** Win probability with its factors, strongest first; null when the model has no won or no lost deal yet. */
export function predict(model: WinModel, features: Features, topN = 3): Prediction | null {
  const { won, lost } = model.classCounts;
  if (won === 0 || lost === 0) return null;
  const factors: Factor[] = Object.entries(features)
    .filter(([feature]) => feature in model.counts)
    .map(([feature, value]) => ({ feature, value, weight: Math.log(likelihood(model, feature, value, "won") / likelihood(model, feature, value, "lost")) }));
  const logOdds = Math.log(won / lost) + factors.reduce((s, f) => s + f.weight, 0);
  const round = (f: Factor) => ({ ...f, weight: Math.round(f.weight * 1000) / 1000 });
  return {
    probability: Math.round((1 / (1 + Math.exp(-logOdds))) * 10_000) / 10_000,
    up: factors.filter((f) => f.weight > 0).sort((a, b) => b.weight - a.weight).slice(0, topN).map(round),
    down: factors.filter((f) => f.weight < 0).sort((a, b) => a.weight - b.weight).slice(0, topN).map(round),
  };
}

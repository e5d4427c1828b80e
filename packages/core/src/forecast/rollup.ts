import { ratio } from "../analytics/journey.ts";

export interface LineFacts {
  ownerId?: string | undefined;
  month: string;
  status: "open" | "won" | "lost" | "invalid";
  category: "pipeline" | "best_case" | "commit" | "closed" | "omitted";
  amount: number;
  currency?: string | undefined;
  probability: number;
}

export interface ForecastFigures {
  deals: number;
  /** Won in the period. */
  closed: number;
  /** Cumulative: closed + open commit; best case adds open best case; pipeline adds open pipeline. */
  commit: number;
  bestCase: number;
  pipeline: number;
  /** Closed + Σ open amount × probability. */
  weighted: number;
  quota: number | null;
  /** Closed / quota. */
  attainment: number | null;
  /** Open pipeline / what is still needed to reach quota (null once quota is reached). */
  coverage: number | null;
}

const sum = (lines: readonly LineFacts[]) => lines.reduce((s, l) => s + l.amount, 0);

/** Forecast roll-ups of some deals' lines: lost, invalid and omitted deals count nowhere. */
export function rollup(lines: readonly LineFacts[], quota: number | null): ForecastFigures {
  const open = lines.filter((l) => l.status === "open" && l.category !== "omitted");
  const won = lines.filter((l) => l.status === "won");
  const closed = sum(won);
  const commit = closed + sum(open.filter((l) => l.category === "commit"));
  const bestCase = commit + sum(open.filter((l) => l.category === "best_case"));
  const pipeline = bestCase + sum(open.filter((l) => l.category === "pipeline"));
  const weighted = Math.round(closed + open.reduce((s, l) => s + (l.amount * l.probability) / 100, 0));
  const gap = quota === null ? 0 : quota - closed;
  return {
    deals: won.length + open.length, closed, commit, bestCase, pipeline, weighted, quota,
    attainment: quota === null ? null : ratio(closed, quota),
    coverage: gap > 0 ? ratio(pipeline - closed, gap) : null,
  };
}

/** "2026-11" → ["2026-11"]; "2026-Q4" → ["2026-10", "2026-11", "2026-12"]; anything else → null. */
export function periodMonths(period: string): string[] | null {
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
  if (month) return [period];
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (!quarter) return null;
  const first = (Number(quarter[2]) - 1) * 3 + 1;
  return [0, 1, 2].map((i) => `${quarter[1]}-${String(first + i).padStart(2, "0")}`);
}

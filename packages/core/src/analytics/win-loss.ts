import { furthestIndex, ratio, type Journey } from "./journey.ts";

export interface WinRate {
  key: string;
  won: number;
  lost: number;
  winRate: number | null;
  wonAmount: number;
}

export interface WinLoss {
  overall: WinRate;
  /** Invalid closes are counted here and kept out of every win rate. */
  invalid: number;
  byOwner: WinRate[];
  byCompetitor: WinRate[];
  byStageReached: WinRate[];
  byPriority: WinRate[];
  /** The lead's source ("direct" for deals not converted from a lead), the account's industry and size. */
  bySource: WinRate[];
  byIndustry: WinRate[];
  bySize: WinRate[];
  lossReasons: { reason: string; count: number; amount: number }[];
  lostTo: { competitor: string; count: number; amount: number }[];
}

type Closed = Journey & { deal: { status: "won" | "lost" } };

function rate(key: string, deals: readonly Closed[]): WinRate {
  const won = deals.filter((j) => j.deal.status === "won");
  return { key, won: won.length, lost: deals.length - won.length, winRate: ratio(won.length, deals.length), wonAmount: won.reduce((s, j) => s + j.deal.amount, 0) };
}

/** Win rate per group; a deal may fall in several groups (one per competitor on it). Biggest groups first. */
function rates(deals: readonly Closed[], keysOf: (j: Closed) => readonly string[]): WinRate[] {
  const groups = new Map<string, Closed[]>();
  for (const j of deals) for (const key of keysOf(j)) groups.set(key, [...(groups.get(key) ?? []), j]);
  return [...groups].map(([key, group]) => rate(key, group)).sort((a, b) => b.won + b.lost - (a.won + a.lost) || a.key.localeCompare(b.key));
}

function tally<K extends string>(deals: readonly Closed[], keyOf: (j: Closed) => string | undefined, name: K) {
  const totals = new Map<string, { count: number; amount: number }>();
  for (const j of deals) {
    const key = keyOf(j);
    if (!key) continue;
    const t = totals.get(key) ?? { count: 0, amount: 0 };
    totals.set(key, { count: t.count + 1, amount: t.amount + j.deal.amount });
  }
  return [...totals].map(([key, t]) => ({ [name]: key, ...t }) as { [P in K]: string } & { count: number; amount: number }).sort((a, b) => b.count - a.count);
}

/** Win/loss of a cohort's closed deals by owner, competitor, stage reached, priority, source, industry and size, with loss reasons. */
export function winLoss(journeys: readonly Journey[], stageKeys: readonly string[]): WinLoss {
  const closed = journeys.filter((j): j is Closed => j.deal.status === "won" || j.deal.status === "lost");
  const lost = closed.filter((j) => j.deal.status === "lost");
  return {
    overall: rate("all", closed),
    invalid: journeys.filter((j) => j.deal.status === "invalid").length,
    byOwner: rates(closed, (j) => [j.deal.ownerId ?? "unowned"]),
    byCompetitor: rates(closed, (j) => (j.deal.competitors?.length ? [...new Set(j.deal.competitors.map((c) => c.name))] : ["no competitor"])),
    byStageReached: rates(closed, (j) => [stageKeys[furthestIndex(j, stageKeys)] ?? "unknown"]),
    byPriority: rates(closed, (j) => [j.deal.priority ?? "none"]),
    bySource: rates(closed, (j) => [j.deal.source ?? "unknown"]),
    byIndustry: rates(closed, (j) => [j.deal.industry ?? "unknown"]),
    bySize: rates(closed, (j) => [j.deal.size ?? "unknown"]),
    lossReasons: tally(lost, (j) => j.deal.closeReason, "reason"),
    lostTo: tally(lost, (j) => j.deal.winningCompetitor, "competitor"),
  };
}

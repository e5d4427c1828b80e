const DAY_MS = 86_400_000;

export interface SlipCounters {
  closeDateSlips?: number | undefined;
  closeDateSlippedDays?: number | undefined;
}

/**
 * A move of the expected close date to a later day is a slip (setting the first date or pulling it in is not).
 * The counters ride on the deal, written in the same versioned update as the date, so velocity reports read
 * them with the deal instead of replaying each deal's audit trail.
 */
export function slipCounters(current: SlipCounters & { expectedCloseDate?: string | undefined }, nextDate: unknown): Required<SlipCounters> | undefined {
  if (typeof nextDate !== "string" || !current.expectedCloseDate || nextDate <= current.expectedCloseDate) return undefined;
  const days = Math.round((Date.parse(nextDate) - Date.parse(current.expectedCloseDate)) / DAY_MS);
  return { closeDateSlips: (current.closeDateSlips ?? 0) + 1, closeDateSlippedDays: (current.closeDateSlippedDays ?? 0) + days };
}

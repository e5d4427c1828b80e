/** Integer minor units only: every amount here is cents (分) of the order's currency. */

/** "1,234,567.89 CNY" from 123456789 cents, without going through floating point. */
export function formatMoney(cents: number, currency: string): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(Math.trunc(cents));
  const whole = Math.floor(abs / 100).toLocaleString("en-US");
  return `${sign}${whole}.${String(abs % 100).padStart(2, "0")} ${currency}`;
}

/** "12.5" % as basis points (1250); undefined when it has more than two decimals. */
export function basisPoints(pct: number): number | undefined {
  const bps = Math.round(pct * 100);
  return Math.abs(bps - pct * 100) < 1e-6 ? bps : undefined;
}

/** total × bps / 10000, rounded half-up, in exact integer arithmetic (BigInt: total × 10000 can pass 2^53). */
export function shareOf(totalCents: number, bps: number): number {
  return Number((BigInt(totalCents) * BigInt(bps) + 5000n) / 10000n);
}

export type InstalmentShare = { amountCents: number } | { bps: number };

/**
 * Amounts of a plan's instalments: fixed ones as given, percentages of the total rounded half-up, and the last
 * percentage taking whatever rounding left over, so the amounts add up to the total to the cent. Undefined when
 * the shares cannot add up to the total exactly (fixed + pct × total ≠ total).
 */
export function splitTotal(totalCents: number, shares: readonly InstalmentShare[]): number[] | undefined {
  const fixed = shares.reduce((sum, s) => sum + ("amountCents" in s ? BigInt(s.amountCents) : 0n), 0n);
  const bps = shares.reduce((sum, s) => sum + ("bps" in s ? BigInt(s.bps) : 0n), 0n);
  if (fixed * 10000n + bps * BigInt(totalCents) !== BigInt(totalCents) * 10000n) return undefined;
  const lastPct = shares.map((s) => "bps" in s).lastIndexOf(true);
  const amounts = shares.map((s) => ("amountCents" in s ? s.amountCents : shareOf(totalCents, s.bps)));
  if (lastPct >= 0) {
    const others = amounts.reduce((sum, a, i) => (i === lastPct ? sum : sum + a), 0);
    amounts[lastPct] = totalCents - others;
  }
  return amounts;
}

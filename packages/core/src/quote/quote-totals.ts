/*
 * Quote arithmetic in integer minor units. Quantities carry up to 3 decimals and percentages up to 2, so both
 * are scaled to integers (thousandths, basis points) and every product is rounded half-up exactly once, per line;
 * BigInt keeps price × quantity exact beyond 2^53.
 */

export interface LineInput {
  unitPriceCents: number;
  quantity: number;
  discountPct: number;
}

export interface LineAmounts {
  grossCents: number;
  discountCents: number;
  lineTotalCents: number;
}

export interface QuoteTotals {
  subtotalCents: number;
  discountCents: number;
  taxCents: number;
  totalCents: number;
  /** The largest of any line's discount, the overall discount and the effective discount on the subtotal. */
  maxDiscountPct: number;
}

/** Integer division of a non-negative numerator, rounding halves up. */
function divHalfUp(n: bigint, d: bigint): bigint {
  return (n * 2n + d) / (2n * d);
}

const milli = (quantity: number) => BigInt(Math.round(quantity * 1000));
const basisPoints = (pct: number) => BigInt(Math.round(pct * 100));

export function lineAmounts(line: LineInput): LineAmounts {
  const gross = divHalfUp(BigInt(line.unitPriceCents) * milli(line.quantity), 1000n);
  const discount = divHalfUp(gross * basisPoints(line.discountPct), 10_000n);
  return { grossCents: Number(gross), discountCents: Number(discount), lineTotalCents: Number(gross - discount) };
}

/** Percent with two decimals, rounded half-up; 0 for an empty subtotal. */
function percentOf(part: bigint, whole: bigint): number {
  return whole === 0n ? 0 : Number(divHalfUp(part * 10_000n, whole)) / 100;
}

/**
 * Subtotal = Σ line gross; discount = Σ line discounts + the overall discount (on the lines' net); tax on what
 * remains; total = net + tax.
 */
export function quoteTotals(lines: LineInput[], opts: { overallDiscountPct: number; taxRatePct: number }): QuoteTotals & { lines: LineAmounts[] } {
  const amounts = lines.map(lineAmounts);
  const subtotal = amounts.reduce((sum, a) => sum + BigInt(a.grossCents), 0n);
  const lineDiscounts = amounts.reduce((sum, a) => sum + BigInt(a.discountCents), 0n);
  const net = subtotal - lineDiscounts;
  const overall = divHalfUp(net * basisPoints(opts.overallDiscountPct), 10_000n);
  const taxable = net - overall;
  const tax = divHalfUp(taxable * basisPoints(opts.taxRatePct), 10_000n);
  const discount = lineDiscounts + overall;
  const maxDiscountPct = Math.max(0, opts.overallDiscountPct, percentOf(discount, subtotal), ...lines.map((l) => l.discountPct));
  return { lines: amounts, subtotalCents: Number(subtotal), discountCents: Number(discount), taxCents: Number(tax), totalCents: Number(taxable + tax), maxDiscountPct };
}

import { describe, expect, it } from "vitest";
import { lineAmounts, quoteTotals } from "./quote-totals.ts";

describe("quote totals", () => {
  it("rounds each line half-up once, in cents", () => {
    // 3 × 33.33 = 99.99; 12.5% of 99.99 = 12.49875 → 12.50
    expect(lineAmounts({ unitPriceCents: 3333, quantity: 3, discountPct: 12.5 })).toEqual({ grossCents: 9999, discountCents: 1250, lineTotalCents: 8749 });
    // 0.005 cents rounds up: 1.5 × 0.01 = 0.015 → 0.02
    expect(lineAmounts({ unitPriceCents: 1, quantity: 1.5, discountPct: 0 })).toEqual({ grossCents: 2, discountCents: 0, lineTotalCents: 2 });
    // 2.125 kg at 19.99 = 42.47875 → 42.48
    expect(lineAmounts({ unitPriceCents: 1999, quantity: 2.125, discountPct: 0 }).grossCents).toBe(4248);
  });

  it("adds lines, applies the overall discount to the net, then tax, all by hand", () => {
    const t = quoteTotals(
      [
        { unitPriceCents: 120_000, quantity: 2, discountPct: 10 }, // 2400.00 − 240.00 = 2160.00
        { unitPriceCents: 4_999, quantity: 7, discountPct: 0 }, // 349.93
      ],
      { overallDiscountPct: 5, taxRatePct: 13 },
    );
    // net 2509.93; overall 5% = 125.4965 → 125.50; taxable 2384.43; tax 13% = 309.9759 → 309.98
    expect(t).toMatchObject({ subtotalCents: 274_993, discountCents: 24_000 + 12_550, taxCents: 30_998, totalCents: 238_443 + 30_998 });
    // effective discount 365.50 / 2749.93 = 13.2913% → 13.29, above the 10% line and 5% overall discounts
    expect(t.maxDiscountPct).toBe(13.29);
  });

  it("keeps price × quantity exact beyond 2^53 and treats an empty quote as zero", () => {
    expect(lineAmounts({ unitPriceCents: 9_000_000_000_000, quantity: 999.999, discountPct: 0 }).grossCents).toBe(8_999_991_000_000_000);
    expect(quoteTotals([], { overallDiscountPct: 0, taxRatePct: 13 })).toMatchObject({ subtotalCents: 0, totalCents: 0, maxDiscountPct: 0 });
  });

  it("reports the largest discount: a line's, the overall one, or the combined effect", () => {
    const lines = [{ unitPriceCents: 10_000, quantity: 1, discountPct: 20 }, { unitPriceCents: 10_000, quantity: 1, discountPct: 0 }];
    expect(quoteTotals(lines, { overallDiscountPct: 0, taxRatePct: 0 }).maxDiscountPct).toBe(20);
    expect(quoteTotals(lines, { overallDiscountPct: 30, taxRatePct: 0 }).maxDiscountPct).toBe(37);
  });
});

import { describe, expect, it } from "vitest";
import { basisPoints, formatMoney, shareOf, splitTotal } from "./money.ts";

describe("money in integer cents", () => {
  it("formats cents with thousands separators and the currency code", () => {
    expect(formatMoney(123456789, "CNY")).toBe("1,234,567.89 CNY");
    expect(formatMoney(5, "USD")).toBe("0.05 USD");
    expect(formatMoney(-1050, "EUR")).toBe("-10.50 EUR");
  });

  it("takes percentages with up to two decimals only", () => {
    expect(basisPoints(33.33)).toBe(3333);
    expect(basisPoints(12.5)).toBe(1250);
    expect(basisPoints(33.333)).toBeUndefined();
  });

  it("rounds a share half-up, exactly even for totals past 2^53 / 10000", () => {
    expect(shareOf(1001, 5000)).toBe(501);
    expect(shareOf(999, 3333)).toBe(333);
    expect(shareOf(9_000_000_000_000, 3333)).toBe(2_999_700_000_000);
  });

  it("gives the rounding remainder to the last percentage so the plan adds up to the cent", () => {
    expect(splitTotal(100_00, [{ bps: 3333 }, { bps: 3333 }, { bps: 3334 }])).toEqual([33_33, 33_33, 33_34]);
    expect(splitTotal(1001, [{ bps: 5000 }, { bps: 5000 }])).toEqual([501, 500]);
    expect(splitTotal(1000, [{ bps: 3000 }, { amountCents: 400 }, { bps: 3000 }])).toEqual([300, 400, 300]);
    expect(splitTotal(1000, [{ amountCents: 250 }, { amountCents: 750 }])).toEqual([250, 750]);
  });

  it("refuses shares that do not add up to the total", () => {
    expect(splitTotal(1000, [{ amountCents: 250 }, { amountCents: 700 }])).toBeUndefined();
    expect(splitTotal(1000, [{ bps: 5000 }, { bps: 4999 }])).toBeUndefined();
    expect(splitTotal(1000, [{ bps: 5000 }, { amountCents: 400 }])).toBeUndefined();
  });
});

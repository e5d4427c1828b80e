import { describe, expect, it } from "vitest";
import { convert, convertAll, defaultCurrencyTable, withReportingAmounts } from "./currency.ts";

const table = { reportingCurrency: "CNY", rates: { USD: 7.1, EUR: 7.75 }, version: 1 };

describe("currency conversion", () => {
  it("converts at the rate to cents, keeps the reporting currency as is, and reads a missing currency as the default", () => {
    expect(convert(100, "USD", table)).toBe(710);
    expect(convert(33.33, "EUR", table)).toBe(258.31); // 258.3075
    expect(convert(500, "CNY", table)).toBe(500);
    expect(convert(500, undefined, table)).toBe(500);
    expect(convert(1, "JPY", table)).toBeNull();
    expect(convert(1, "USD", defaultCurrencyTable)).toBeNull();
  });

  it("splits items into converted ones and, per currency without a rate, what was left out", () => {
    const items = [{ id: 1, amount: 10, currency: "USD" }, { id: 2, amount: 5, currency: "JPY" }, { id: 3, amount: 7, currency: "JPY" }, { id: 4, amount: 3 }];
    expect(convertAll(items, table)).toEqual({
      currency: "CNY",
      converted: [{ id: 1, amount: 71, currency: "USD" }, { id: 4, amount: 3 }],
      unconverted: [{ currency: "JPY", items: 2, amount: 12 }],
    });
  });

  it("keeps every item for counting, with 0 where no rate converts its amount", () => {
    const items = [{ id: 1, amount: 10, currency: "USD" }, { id: 2, amount: 5, currency: "JPY" }];
    expect(withReportingAmounts(items, table)).toEqual({
      currency: "CNY",
      items: [{ id: 1, amount: 71, currency: "USD" }, { id: 2, amount: 0, currency: "JPY" }],
      unconverted: [{ currency: "JPY", items: 1, amount: 5 }],
    });
  });
});

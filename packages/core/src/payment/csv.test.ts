import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { BOM, csvField, decimalOf, toCsv } from "./csv.ts";

describe("CSV for Excel and WPS", () => {
  it("quotes fields with commas, quotes and line breaks as RFC 4180 says", () => {
    expect(csvField('ERP 标准版, "Standard"')).toBe('"ERP 标准版, ""Standard"""');
    expect(csvField("line one\r\nline two")).toBe('"line one\r\nline two"');
    expect(csvField("plain")).toBe("plain");
    expect(csvField(null)).toBe("");
  });

  it("writes cents as plain decimals and keeps formulas from running", () => {
    expect(decimalOf(123456)).toBe("1234.56");
    expect(decimalOf(-5)).toBe("-0.05");
    expect(csvField({ amountCents: -1050 })).toBe("-10.50");
    expect(csvField("=HYPERLINK(\"http://x\")")).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField("-sum")).toBe("'-sum");
  });

  it("starts with a BOM, ends lines with CRLF and reads back to the same cells", () => {
    const csv = toCsv(["name", "amount"], [["阿里云, Inc.", { amountCents: 100 }], ['say "hi"\nbye', 3]]);
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(parse(csv.slice(1), { record_delimiter: "\r\n" })).toEqual([["name", "amount"], ["阿里云, Inc.", "1.00"], ['say "hi"\nbye', "3"]]);
  });
});

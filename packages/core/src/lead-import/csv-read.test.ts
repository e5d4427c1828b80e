import { describe, expect, it } from "vitest";
import { importLimits, readCsv, splitCsv } from "./csv-read.ts";

describe("reading an import CSV", () => {
  it("numbers rows as a spreadsheet does, through BOM, quotes, multi-line cells and blank rows", () => {
    const text = '\uFEFF姓名,邮箱\r\n"Li, Na",li@x.cn\r\n"Multi\nLine",m@x.cn\r\n,\r\nWang,w@x.cn\r\n';
    const { header, rows } = readCsv(text);
    expect(header).toEqual(["姓名", "邮箱"]);
    expect(rows).toEqual([{ row: 2, cells: ["Li, Na", "li@x.cn"] }, { row: 3, cells: ["Multi\nLine", "m@x.cn"] }, { row: 5, cells: ["Wang", "w@x.cn"] }]);
  });

  it("reads tab-separated exports too", () => {
    expect(readCsv("Name\tEmail\nAna\ta@x.io\n").rows[0]?.cells).toEqual(["Ana", "a@x.io"]);
  });

  it("refuses an unreadable file, an empty one and one over the row limit with a 422 naming the limit", () => {
    expect(() => readCsv('Name\n"unclosed\n')).toThrow(expect.objectContaining({ status: 422, code: "csv_invalid" }));
    expect(() => readCsv("\n\n")).toThrow(expect.objectContaining({ code: "csv_empty" }));
    const big = ["Name", ...Array.from({ length: importLimits.maxRows + 1 }, (_, i) => `P${i}`)].join("\n");
    expect(() => readCsv(big)).toThrow(expect.objectContaining({ code: "too_many_rows" }));
  });

  it("cuts a file into parts that each read back with the file's own row numbers", () => {
    const text = 'Name,Email\nA,a@x.io\n"B\nb",b@x.io\n,\nC,c@x.io\nD,d@x.io\n';
    const parts = splitCsv(text, 2);
    expect(parts.map((p) => [p.firstRow, p.rows])).toEqual([[2, 2], [4, 1], [6, 1]]);
    const rows = parts.flatMap((p) => readCsv(p.csv, p.firstRow).rows);
    expect(rows.map((r) => [r.row, r.cells[0]])).toEqual([[2, "A"], [3, "B\nb"], [5, "C"], [6, "D"]]);
  });
});

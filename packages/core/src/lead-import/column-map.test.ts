import { describe, expect, it } from "vitest";
import { parseMappingText, resolveMapping, rowInput } from "./column-map.ts";

const fieldsOf = (m: ReturnType<typeof resolveMapping>) => Object.fromEntries(m.columns.map((c) => [c.header, c.field]));

describe("column mapping", () => {
  it("maps Chinese headers by name", () => {
    const m = resolveMapping(["姓名", "邮箱", "电话", "公司", "职位", "行业", "规模", "地区", "备注"]);
    expect(fieldsOf(m)).toEqual({ 姓名: "name", 邮箱: "email", 电话: "phone", 公司: "companyName", 职位: "title", 行业: "industry", 规模: "companySize", 地区: "region" });
    expect(m.unmapped).toEqual(["备注"]);
  });

  it("maps English headers whatever their case, spacing or full-width letters", () => {
    const m = resolveMapping(["Full Name", "E-Mail", "MOBILE", "company_name", "Ｊｏｂ Ｔｉｔｌｅ"]);
    expect(fieldsOf(m)).toEqual({ "Full Name": "name", "E-Mail": "email", MOBILE: "phone", company_name: "companyName", "Ｊｏｂ Ｔｉｔｌｅ": "title" });
  });

  it("lets an explicit mapping win over and skip auto-mapped columns", () => {
    const m = resolveMapping(["Contact", "Name", "Mail"], { Name: "companyName", Contact: "name", Mail: "skip" });
    expect(fieldsOf(m)).toEqual({ Contact: "name", Name: "companyName" });
    expect(m.unmapped).toEqual(["Mail"]);
  });

  it("refuses a mapping to a missing column, two columns for one field, and a file without a name column", () => {
    expect(() => resolveMapping(["Name"], { Emial: "email" })).toThrow(/Emial/);
    expect(() => resolveMapping(["A", "B"], { A: "name", B: "name" })).toThrow(expect.objectContaining({ code: "mapping_ambiguous" }));
    expect(() => resolveMapping(["Email", "Phone"])).toThrow(expect.objectContaining({ code: "name_unmapped", field: "mapping" }));
  });

  it("turns a row into capture input, leaving blanks out and splitting tags", () => {
    const m = resolveMapping(["姓名", "邮箱", "标签"]);
    expect(rowInput(["  王五 ", "", "展会，VIP; 2025"], m)).toEqual({ name: "王五", tags: ["展会", "VIP", "2025"] });
  });

  it("reads the CLI's --map text and refuses a pair that is not Column=field", () => {
    expect(parseMappingText("Email=email, 公司 = companyName")).toEqual({ Email: "email", 公司: "companyName" });
    expect(() => parseMappingText("Email")).toThrow(/Column=field/);
  });
});

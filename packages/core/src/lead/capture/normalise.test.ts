import { describe, expect, it } from "vitest";
import { ValidationError } from "../../errors.ts";
import { dedupeKeys, fold, teamPhoneCountry, toE164 } from "./normalise.ts";

describe("phone normalisation to E.164", () => {
  const cases: [string, Parameters<typeof toE164>[1], string][] = [
    ["138 0013 8000", "CN", "+8613800138000"],
    ["13800138000", "CN", "+8613800138000"],
    ["021-5555-0101", "CN", "+862155550101"],
    ["+86 21 5555 0101", "CN", "+862155550101"],
    ["+1 (415) 555-2671", "CN", "+14155552671"],
    ["(415) 555-2671", "US", "+14155552671"],
    ["6123 4567", "SG", "+6561234567"],
    ["+44 20 7946 0958", "SG", "+442079460958"],
  ];
  it.each(cases)("%s read in %s is %s", (raw, country, e164) => {
    expect(toE164(raw, country)).toBe(e164);
  });

  it("refuses what is not a phone number with a 400 on the phone field", () => {
    for (const raw of ["12345", "call me", "+86 0000"]) {
      expect(() => toE164(raw, "CN")).toThrow(ValidationError);
      expect(() => toE164(raw, "CN")).toThrow(/phone/);
    }
  });

  it("reads national numbers in the team's country, CN when the time zone is unknown", () => {
    expect(teamPhoneCountry("Asia/Singapore")).toBe("SG");
    expect(teamPhoneCountry("Asia/Shanghai")).toBe("CN");
    expect(teamPhoneCountry("Antarctica/Troll")).toBe("CN");
    expect(teamPhoneCountry(undefined)).toBe("CN");
  });
});

describe("dedupe keys", () => {
  it("folds case, full-width characters and spacing of company and name", () => {
    expect(fold("  ACME   Ｌｔｄ ")).toBe("acme ltd");
    const a = dedupeKeys({ name: "Ada  Lovelace", companyName: "Analytical ENGINES" });
    const b = dedupeKeys({ name: "ada lovelace", companyName: " analytical engines" });
    expect(a).toEqual(b);
  });

  it("lists the keys strongest first and builds company+name only with both parts", () => {
    expect(dedupeKeys({ name: "Ada", email: "Ada@X.io", phone: "+8613800138000", companyName: "X" }).map((k) => k.kind)).toEqual(["email", "phone", "company_name"]);
    expect(dedupeKeys({ name: "Ada", email: "ADA@x.io" })).toEqual([{ kind: "email", value: "ada@x.io" }]);
    expect(dedupeKeys({ name: "Ada" })).toEqual([]);
  });
});

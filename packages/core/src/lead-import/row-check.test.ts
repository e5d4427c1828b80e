import { describe, expect, it } from "vitest";
import { checkRow } from "./row-check.ts";

describe("checking an import row", () => {
  it("gives one key for one person however the file spells them, another for another team", () => {
    const a = checkRow({ name: "Li Na", email: "Li.Na@Example.com", phone: "138 0013 8000", companyName: "ACME  Ltd" }, "team-a", "CN");
    const b = checkRow({ name: "li na", email: "li.na@example.com", phone: "+86 13800138000", companyName: "acme ltd" }, "team-a", "CN");
    const c = checkRow({ name: "Li Na", email: "li.na@example.com", phone: "13800138000", companyName: "ACME Ltd" }, "team-b", "CN");
    expect(a.ok && b.ok && c.ok).toBe(true);
    if (!a.ok || !b.ok || !c.ok) return;
    expect(a.key).toBe(b.key);
    expect(c.key).not.toBe(a.key);
    expect(a.fields.phone).toBe("+8613800138000");
  });

  it("reports every problem of a row, each with its field", () => {
    const bad = checkRow({ email: "nope" }, "t", "CN");
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors.map((e) => e.field).sort()).toEqual(["email", "name"]);
    const phone = checkRow({ name: "X", phone: "12" }, "t", "CN");
    expect(phone).toMatchObject({ ok: false, errors: [{ field: "phone" }] });
  });
});

import { describe, expect, it } from "vitest";
import { rules } from "@dealflow/infra";
import { matchesPattern, validatePattern } from "./pattern-matcher.ts";

describe("validatePattern", () => {
  it("accepts every rule the stacks deploy", () => {
    for (const rule of rules) expect(validatePattern(rule.pattern), rule.name).toBeNull();
  });

  it.each([
    ["a non-object pattern", "aws.ec2", /must be a JSON object/],
    ["an empty pattern", {}, /Empty objects/],
    ["a bare string value", { source: "aws.ec2" }, /^source: must be an object or an array/],
    ["an empty value list", { detail: { state: [] } }, /^detail\.state: Empty arrays/],
    ["a nested array value", { source: [["a"]] }, /Match value must be/],
    ["an unknown operator", { source: [{ regex: "a.*" }] }, /Unrecognized match type regex/],
    ["two keys in one matcher", { source: [{ prefix: "a", suffix: "b" }] }, /Only one key/],
    ["a non-string prefix", { source: [{ prefix: 5 }] }, /prefix match pattern must be a string/],
    ["an inverted numeric range", { n: [{ numeric: [">", 10, "<", 5] }] }, /Bottom must be less than top/],
    ["an unknown numeric operator", { n: [{ numeric: ["!=", 1] }] }, /Unrecognized numeric range operator/],
    ["a numeric bound that is a string", { n: [{ numeric: [">", "1"] }] }, /must be numeric/],
    ["a third numeric pair", { n: [{ numeric: [">", 1, "<", 5, "<", 9] }] }, /Too many terms/],
    ["a non-boolean exists", { n: [{ exists: "yes" }] }, /either true or false/],
    ["a CIDR without mask", { ip: [{ cidr: "10.0.0.0" }] }, /one '\/' required/],
    ["a CIDR with a bad address", { ip: [{ cidr: "10.0.0.300/24" }] }, /Invalid IP address/],
    ["consecutive wildcards", { f: [{ wildcard: "a**b" }] }, /Consecutive wildcard/],
    ["a mixed anything-but list", { s: [{ "anything-but": ["a", 1] }] }, /mixed type/],
    ["an empty anything-but prefix", { s: [{ "anything-but": { prefix: "" } }] }, /Null prefix/],
    ["anything-but numeric", { s: [{ "anything-but": { numeric: [">", 1] } }] }, /Unsupported anything-but/],
    ["a single-branch $or", { $or: [{ source: ["a"] }] }, /at least 2/],
    ["a non-object $or branch", { $or: [{ source: ["a"] }, ["b"]] }, /Only JSON objects/],
  ])("rejects %s with a message naming the problem", (_title, pattern, message) => {
    expect(validatePattern(pattern)).toMatch(message);
  });
});

describe("matchesPattern beyond the documented examples", () => {
  const event = (detail: unknown) => ({ source: "app", "detail-type": "T", detail });

  it("matches fields of one array element together, never across elements", () => {
    const pattern = { detail: { items: { sku: ["a"], qty: [2] } } };
    expect(matchesPattern(pattern, event({ items: [{ sku: "b", qty: 1 }, { sku: "a", qty: 2 }] }))).toBe(true);
    expect(matchesPattern(pattern, event({ items: [{ sku: "a", qty: 1 }, { sku: "b", qty: 2 }] }))).toBe(false);
  });

  it("keeps strings, numbers and booleans apart", () => {
    expect(matchesPattern({ detail: { n: [5] } }, event({ n: "5" }))).toBe(false);
    expect(matchesPattern({ detail: { b: ["true"] } }, event({ b: true }))).toBe(false);
    expect(matchesPattern({ detail: { n: [{ numeric: [">", 1] }] } }, event({ n: "5" }))).toBe(false);
  });

  it("treats an object at a leaf path as absent for exists", () => {
    expect(matchesPattern({ detail: { c: [{ exists: false }] } }, event({ c: { c1: 100 } }))).toBe(true);
    expect(matchesPattern({ detail: { c: [{ exists: true }] } }, event({ c: { c1: 100 } }))).toBe(false);
  });

  it("supports anything-but with equals-ignore-case and wildcard lists", () => {
    const eic = { detail: { s: [{ "anything-but": { "equals-ignore-case": ["Stopped", "failed"] } }] } };
    expect(matchesPattern(eic, event({ s: "STOPPED" }))).toBe(false);
    expect(matchesPattern(eic, event({ s: "running" }))).toBe(true);
    const wild = { detail: { f: [{ "anything-but": { wildcard: ["*.tmp", "draft/*"] } }] } };
    expect(matchesPattern(wild, event({ f: "draft/a.txt" }))).toBe(false);
    expect(matchesPattern(wild, event({ f: "final/a.txt" }))).toBe(true);
  });

  it("requires the field to exist for anything-but", () => {
    expect(matchesPattern({ detail: { s: [{ "anything-but": "x" }] } }, event({}))).toBe(false);
  });

  it("matches IPv6 CIDR ranges and IP literals by address", () => {
    const cidr = { detail: { ip: [{ cidr: "2001:db8::/32" }] } };
    expect(matchesPattern(cidr, event({ ip: "2001:db8:0:1::5" }))).toBe(true);
    expect(matchesPattern(cidr, event({ ip: "2001:db9::5" }))).toBe(false);
    expect(matchesPattern({ detail: { ip: ["::1"] } }, event({ ip: "0:0:0:0:0:0:0:1" }))).toBe(true);
  });

  it("treats escaped stars in a wildcard as literal characters", () => {
    const pattern = { detail: { f: [{ wildcard: "a\\*b*" }] } };
    expect(matchesPattern(pattern, event({ f: "a*bcd" }))).toBe(true);
    expect(matchesPattern(pattern, event({ f: "axbcd" }))).toBe(false);
  });

  it("combines $or with sibling fields as AND", () => {
    const pattern = { source: ["app"], $or: [{ detail: { a: [1] } }, { detail: { b: [2] } }] };
    expect(matchesPattern(pattern, event({ b: 2 }))).toBe(true);
    expect(matchesPattern(pattern, { ...event({ b: 2 }), source: "other" })).toBe(false);
  });
});

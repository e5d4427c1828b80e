import { ipInRange, parseCidr, parseIp } from "./ip-address.ts";
import { matchesWildcard } from "./wildcard.ts";

/** A leaf value of an event: what a field's matchers are applied to. */
export type Leaf = string | number | boolean | null;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const fold = (s: string): string => s.toLowerCase();
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);

/** Applies one (already validated) matcher from a field's value array to one leaf value of the event. */
export function matchesValue(matcher: unknown, value: Leaf): boolean {
  if (!isRecord(matcher)) return matchesExact(matcher, value);
  const [op, arg] = Object.entries(matcher)[0] ?? [];
  switch (op) {
    case "prefix":
      return typeof value === "string" && matchesAffix(arg, value, "prefix");
    case "suffix":
      return typeof value === "string" && matchesAffix(arg, value, "suffix");
    case "equals-ignore-case":
      return typeof value === "string" && typeof arg === "string" && fold(value) === fold(arg);
    case "wildcard":
      return typeof value === "string" && typeof arg === "string" && matchesWildcard(arg, value);
    case "numeric":
      return typeof value === "number" && Array.isArray(arg) && matchesNumeric(arg, value);
    case "cidr":
      return typeof value === "string" && typeof arg === "string" && matchesCidr(arg, value);
    case "anything-but":
      return matchesAnythingBut(arg, value);
    default:
      return false;
  }
}

/**
 * Strings compare character by character, except that IP literals compare as addresses (AWS turns an IP value in
 * a pattern into a one-address range); numbers compare numerically (3.018e2 equals 301.8); a string never equals
 * a number, boolean or null.
 */
function matchesExact(expected: unknown, value: Leaf): boolean {
  if (typeof expected === "string" && typeof value === "string" && expected !== value) {
    const a = parseIp(expected);
    const b = a && parseIp(value);
    return a !== null && b !== null && a.family === b.family && a.value === b.value;
  }
  return expected === value;
}

/** `arg` is a string (case-sensitive) or `{ "equals-ignore-case": string }`. */
function matchesAffix(arg: unknown, value: string, kind: "prefix" | "suffix"): boolean {
  const ignoreCase = isRecord(arg);
  const raw = ignoreCase ? arg["equals-ignore-case"] : arg;
  if (typeof raw !== "string") return false;
  const [needle, haystack] = ignoreCase ? [fold(raw), fold(value)] : [raw, value];
  return kind === "prefix" ? haystack.startsWith(needle) : haystack.endsWith(needle);
}

/** `terms` is ["=", n] or up to two [operator, n] pairs (one lower bound, one upper bound). */
function matchesNumeric(terms: unknown[], value: number): boolean {
  for (let i = 0; i + 1 < terms.length; i += 2) {
    const op = terms[i];
    const bound = terms[i + 1];
    if (typeof bound !== "number") return false;
    const ok =
      op === "=" ? value === bound
      : op === ">" ? value > bound
      : op === ">=" ? value >= bound
      : op === "<" ? value < bound
      : op === "<=" ? value <= bound
      : false;
    if (!ok) return false;
  }
  return true;
}

function matchesCidr(cidr: string, value: string): boolean {
  const range = parseCidr(cidr);
  const ip = parseIp(value);
  return typeof range !== "string" && ip !== null && ipInRange(ip, range);
}

/**
 * Matches every value the excluded form does not describe, including values of another type (a number is "anything
 * but" the string "init"). A missing field never reaches here: anything-but needs the field to exist.
 */
function matchesAnythingBut(arg: unknown, value: Leaf): boolean {
  if (!isRecord(arg)) return !asList(arg).some((excluded) => matchesExact(excluded, value));
  if (typeof value !== "string") return true;
  const [op, inner] = Object.entries(arg)[0] ?? [];
  switch (op) {
    case "prefix":
    case "suffix":
      return !matchesAffix(inner, value, op);
    case "equals-ignore-case":
      return !asList(inner).some((s) => typeof s === "string" && fold(s) === fold(value));
    case "wildcard":
      return !asList(inner).some((w) => typeof w === "string" && matchesWildcard(w, value));
    default:
      return false;
  }
}

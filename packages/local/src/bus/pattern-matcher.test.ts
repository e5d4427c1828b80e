import { describe, expect, it } from "vitest";
import cases from "./fixtures/eventbridge-patterns.json" with { type: "json" };
import { matchesPattern, validatePattern } from "./pattern-matcher.ts";

interface PatternCase {
  name: string;
  pattern: Record<string, unknown>;
  event: Record<string, unknown>;
  matches: boolean;
  rule: string;
}

const fixtures: PatternCase[] = cases;

describe("matchesPattern against the documented EventBridge examples", () => {
  it.each(fixtures.map((c) => [`${c.name}: ${c.rule}`, c] as const))("%s", (_title, c) => {
    expect(validatePattern(c.pattern)).toBeNull();
    expect(matchesPattern(c.pattern, c.event)).toBe(c.matches);
  });
});

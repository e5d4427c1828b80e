import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { rules } from "@dealflow/infra";
import { eventHandlers } from "./index.ts";

describe("bus consumers", () => {
  it("has a local handler and a Lambda entry file for every rule target, and no handler without a rule", () => {
    const targeted = rules.map((r) => r.target.handler).sort();
    expect(Object.keys(eventHandlers).sort()).toEqual([...new Set(targeted)]);
    for (const name of targeted) expect(existsSync(join(import.meta.dirname, `${name}.ts`))).toBe(true);
  });
});

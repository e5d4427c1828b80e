import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { rules, schedules } from "@dealflow/infra";
import { eventHandlers } from "./index.ts";

describe("bus consumers", () => {
  it("has a local handler and a Lambda entry file for every rule and schedule target, and no handler without one", () => {
    const targeted = [...rules, ...schedules].map((r) => r.target.handler).sort();
    expect(Object.keys(eventHandlers).sort()).toEqual([...new Set(targeted)]);
    for (const name of targeted) expect(existsSync(join(import.meta.dirname, `${name}.ts`))).toBe(true);
  });
});

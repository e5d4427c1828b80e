import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { testTable } from "../../../../tests/support/table.ts";
import { validateAsl } from "./asl-validation.ts";
import { DynamoCheckpointStore } from "./dynamo-checkpoint-store.ts";
import { fixtureFiles, fixtureMachines } from "./fixtures/fixture-machines.ts";
import { LocalWorkflowEngine } from "./local-engine.ts";

const fixture = (file: string): unknown => JSON.parse(readFileSync(new URL(`./fixtures/${file}`, import.meta.url), "utf8"));

describe("ASL validation", () => {
  it("finds the test machines", () => {
    expect(fixtureFiles.length).toBeGreaterThanOrEqual(5);
  });

  it.each(fixtureFiles)("%s passes asl-validator", (file) => {
    expect(validateAsl(fixture(file))).toEqual({ isValid: true, problems: [] });
  });

  it("reports a transition to a state that does not exist", () => {
    const result = validateAsl({ StartAt: "A", States: { A: { Type: "Pass", Next: "Missing" } } });
    expect(result.isValid).toBe(false);
    expect(result.problems.join("\n")).toMatch(/Missing/);
  });

  it("refuses JSONata, which the local engine would silently ignore", () => {
    const result = validateAsl({ QueryLanguage: "JSONata", StartAt: "A", States: { A: { Type: "Pass", Output: "{% 1 %}", End: true } } });
    expect(result.isValid).toBe(false);
    expect(result.problems.join("\n")).toMatch(/JSONata is not supported/);
  });

  it("refuses to build an engine when a Task state has no local handler", async () => {
    const { client, tableName } = await testTable("wf-asl");
    const build = () => new LocalWorkflowEngine({ machines: fixtureMachines("lambda-task"), tasks: {}, store: new DynamoCheckpointStore(client, tableName) });
    expect(build).toThrow(/no local task handler for "ScoreLead".*"NotifyOwner"/);
  });
});

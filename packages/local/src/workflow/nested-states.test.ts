import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testTable } from "../../../../tests/support/table.ts";
import { localStateMachineArn } from "./asl-validation.ts";
import { DynamoCheckpointStore } from "./dynamo-checkpoint-store.ts";
import { fixtureMachines } from "./fixtures/fixture-machines.ts";
import { TaskRecorder } from "./fixtures/task-recorder.ts";
import { LocalWorkflowEngine } from "./local-engine.ts";

class FlakyError extends Error {}

const recorder = new TaskRecorder();
let engine: LocalWorkflowEngine;

beforeAll(async () => {
  const { client, tableName } = await testTable("wf-nested");
  const tasks = {
    Flaky: recorder.handler(() => {
      if (recorder.count("Flaky") < 2) throw new FlakyError("first attempt fails");
      return { attempts: recorder.count("Flaky") };
    }),
    BranchTask: recorder.handler(() => ({ branch: "waited" })),
    BranchCallback: recorder.handler(() => null),
    Item: recorder.handler((item) => ({ item })),
  };
  engine = new LocalWorkflowEngine({ machines: fixtureMachines("nested-states"), tasks, store: new DynamoCheckpointStore(client, tableName) });
});

afterAll(async () => {
  await engine.close();
});

describe("Retry, Parallel and Map", () => {
  it("retries on the handler's error class, joins a wait and a callback branch, and maps every item", async () => {
    const { executionArn } = await engine.startExecution({ stateMachineArn: localStateMachineArn("nested-states"), name: "nested-1", input: { items: [1, 2, 3] } });
    const token = await recorder.tokenFor("nested-1");
    await engine.sendTaskSuccess(token, { signalled: true });
    const done = await engine.waitForExecution(executionArn);

    expect(done.status).toBe("SUCCEEDED");
    expect(JSON.parse(done.output ?? "null")).toEqual({
      items: [1, 2, 3],
      flaky: { attempts: 2 },
      both: [{ branch: "waited" }, { signalled: true }],
      mapped: [{ item: 1 }, { item: 2 }, { item: 3 }],
    });
    expect(recorder.callOf("BranchCallback", "nested-1")?.input).toEqual({ token });
    const types = (await engine.getExecutionHistory(executionArn)).map((e) => e.type);
    expect(types.filter((t) => t === "TaskFailed")).toHaveLength(1);
    expect(types.filter((t) => t === "MapIterationSucceeded")).toHaveLength(3);
  });
});

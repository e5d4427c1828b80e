import { SendTaskSuccessCommand, SFNClient } from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testTable } from "../../../../tests/support/table.ts";
import { localStateMachineArn } from "./asl-validation.ts";
import { DynamoCheckpointStore } from "./dynamo-checkpoint-store.ts";
import { fixtureMachines } from "./fixtures/fixture-machines.ts";
import { TaskRecorder } from "./fixtures/task-recorder.ts";
import { sleep, waitUntil } from "./fixtures/wait-until.ts";
import { LocalWorkflowEngine } from "./local-engine.ts";
import { startStatesServer, type StatesServer } from "./states-server.ts";

const recorder = new TaskRecorder();
const tasks = {
  Prepare: recorder.handler(() => ({ ready: true })),
  AfterWait: recorder.handler(() => ({ waited: true })),
  AwaitApproval: recorder.handler(() => ({ Entries: [{ EventId: "e-1" }], FailedEntryCount: 0 })),
  AfterApproval: recorder.handler(() => ({ done: true })),
};
const flow = localStateMachineArn("durable-flow");
const executionArn = (name: string) => `${flow.replace(":stateMachine:", ":execution:")}:${name}`;
let table: Awaited<ReturnType<typeof testTable>>;
let before: LocalWorkflowEngine;
let after: LocalWorkflowEngine;
let server: StatesServer;

// Each engine reads the table through its own store, as after a real restart.
const newEngine = () => new LocalWorkflowEngine({ machines: fixtureMachines("durable-flow"), tasks, store: new DynamoCheckpointStore(table.client, table.tableName) });

beforeAll(async () => {
  table = await testTable("wf-durable");
  before = newEngine();
});

afterAll(async () => {
  await server.close();
  await after.close();
  await before.close();
});

describe("durability across an engine restart", () => {
  it("resumes waits at their original due time and callbacks with their original token, running no task twice", async () => {
    // Arrange: three executions, stopped mid-wait (4 s and 2 s) and mid-callback.
    await before.startExecution({ stateMachineArn: flow, name: "long-wait", input: { dealId: "d-long", waitSeconds: 4 } });
    await before.startExecution({ stateMachineArn: flow, name: "short-wait", input: { dealId: "d-short", waitSeconds: 2 } });
    await before.startExecution({ stateMachineArn: flow, name: "approval", input: { dealId: "d-appr", waitSeconds: 0, approval: true } });
    const token = await recorder.tokenFor("approval");
    const stored = new DynamoCheckpointStore(table.client, table.tableName);
    const checkpointOf = async (name: string) => (await stored.get(executionArn(name)))?.checkpoint;
    await waitUntil("both waits are checkpointed", async () => (await checkpointOf("long-wait"))?.stateName === "WaitFor" && (await checkpointOf("short-wait"))?.stateName === "WaitFor");
    await waitUntil("the approval token is handed out", async () => (await checkpointOf("approval"))?.phase === "dispatched");
    await before.close();
    expect(await checkpointOf("approval")).toMatchObject({ stateName: "AwaitApproval", taskToken: token });
    const dueAt = { "short-wait": Date.parse((await checkpointOf("short-wait"))?.dueAt ?? ""), "long-wait": Date.parse((await checkpointOf("long-wait"))?.dueAt ?? "") };
    const shortDueAt = dueAt["short-wait"];
    expect(shortDueAt).toBeGreaterThan(Date.now());

    // Act: down until the short wait is overdue, then a new engine resumes everything.
    await sleep(shortDueAt - Date.now() + 300);
    after = newEngine();
    server = await startStatesServer(after);
    const resumedAt = Date.now();
    const resumed = await after.resumeAll();

    // Assert
    expect(resumed.sort()).toEqual([executionArn("approval"), executionArn("long-wait"), executionArn("short-wait")]);
    for (const name of ["short-wait", "long-wait"] as const) {
      const done = await after.waitForExecution(executionArn(name));
      const entered = (await after.getExecutionHistory(executionArn(name))).find((e) => e.type === "WaitStateEntered");
      const waitMs = name === "long-wait" ? 4_000 : 2_000;
      const fired = recorder.callOf("AfterWait", name)?.at ?? NaN;
      expect(done.status).toBe("SUCCEEDED");
      expect(dueAt[name]).toBeGreaterThanOrEqual(Date.parse(entered?.timestamp ?? "") + waitMs);
      expect(fired).toBeGreaterThanOrEqual(dueAt[name]);
      // A wait restarted from zero would fire a whole wait after the resume.
      expect(fired).toBeLessThan(resumedAt + waitMs);
    }

    const sfn = new SFNClient({ endpoint: server.url, region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } });
    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ approvedBy: "ana" }) }));
    sfn.destroy();
    const approved = await after.waitForExecution(executionArn("approval"));
    expect(approved.status).toBe("SUCCEEDED");
    expect(JSON.parse(approved.output ?? "null")).toMatchObject({ approved: { approvedBy: "ana" }, afterApproval: { done: true } });

    for (const name of ["long-wait", "short-wait", "approval"]) {
      expect(recorder.count("Prepare", name)).toBe(1);
      expect(recorder.count("AfterWait", name)).toBe(1);
    }
    expect(recorder.count("AwaitApproval", "approval")).toBe(1);
    expect(recorder.count("AfterApproval", "approval")).toBe(1);
    const history = await after.getExecutionHistory(executionArn("approval"));
    expect(history.filter((e) => e.type === "TaskStateEntered" && e.details?.name === "AwaitApproval")).toHaveLength(1);
    expect(history.at(-1)?.type).toBe("ExecutionSucceeded");
  });

  it("keeps executions that finished before the restart readable, and does not resume them", async () => {
    expect(await after.resumeAll()).toEqual([]);
    expect(await after.describeExecution(executionArn("approval"))).toMatchObject({ status: "SUCCEEDED" });
    expect((await after.listExecutions(flow, "SUCCEEDED")).map((e) => e.name).sort()).toEqual(["approval", "long-wait", "short-wait"]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testTable } from "../../../../tests/support/table.ts";
import type { JsonValue } from "./asl-types.ts";
import { DynamoCheckpointStore } from "./dynamo-checkpoint-store.ts";
import { fixtureMachines } from "./fixtures/fixture-machines.ts";
import { TaskRecorder } from "./fixtures/task-recorder.ts";
import { sleep } from "./fixtures/wait-until.ts";
import { LocalWorkflowEngine } from "./local-engine.ts";
import { localStateMachineArn } from "./asl-validation.ts";

class OwnerMissingError extends Error {}

const recorder = new TaskRecorder();
const field = (input: JsonValue, key: string) => (typeof input === "object" && input && !Array.isArray(input) ? input[key] : undefined);
const tasks = {
  ScoreLead: recorder.handler((input) => ({ score: String(field(input, "leadId")).startsWith("hot") ? 80 : 10 })),
  "arn:aws:lambda:us-east-1:000000000000:function:notify-owner": recorder.handler((input) => {
    if (field(input, "leadId") === "hot-orphan") throw new OwnerMissingError("lead has no owner");
    return { notified: "owner@example.com" };
  }),
  SendReminder: recorder.handler(() => ({ Entries: [{ EventId: "e-1" }], FailedEntryCount: 0 })),
  AwaitStageMove: recorder.handler(() => null),
  FlagDeal: recorder.handler(() => ({})),
  Never: recorder.handler(),
};
const machines = fixtureMachines("lambda-task", "wait-timestamp", "token-task", "execution-timeout");
const arn = { lambda: localStateMachineArn("lambda-task"), wait: localStateMachineArn("wait-timestamp"), token: localStateMachineArn("token-task") };
const outputOf = (output: string | undefined) => JSON.parse(output ?? "null") as Record<string, unknown>;
let store: DynamoCheckpointStore;
let engine: LocalWorkflowEngine;

beforeAll(async () => {
  const { client, tableName } = await testTable("wf-engine");
  store = new DynamoCheckpointStore(client, tableName);
  engine = new LocalWorkflowEngine({ machines, tasks, store });
});

afterAll(async () => {
  await engine.close();
});

describe("LocalWorkflowEngine", () => {
  it("runs a lambda:invoke task in-process and follows the Choice on its result", async () => {
    const { executionArn } = await engine.startExecution({ stateMachineArn: arn.lambda, name: "lead-hot-1", input: { leadId: "hot-1" } });
    const done = await engine.waitForExecution(executionArn);

    expect(done.status).toBe("SUCCEEDED");
    expect(outputOf(done.output)).toEqual({ leadId: "hot-1", scoring: { score: 80 }, notified: { notified: "owner@example.com" } });
    expect(recorder.callOf("ScoreLead", "lead-hot-1")?.input).toEqual({ leadId: "hot-1", execution: "lead-hot-1" });
  });

  it("takes a cold lead down the default branch without calling the owner", async () => {
    const { executionArn } = await engine.startExecution({ stateMachineArn: arn.lambda, name: "lead-cold-1", input: { leadId: "cold-1" } });

    expect(outputOf((await engine.waitForExecution(executionArn)).output)).toMatchObject({ temperature: "cold" });
    expect(recorder.count("NotifyOwner", "lead-cold-1")).toBe(0);
  });

  it("reports a handler's error class as the error a Catch matches", async () => {
    const { executionArn } = await engine.startExecution({ stateMachineArn: arn.lambda, name: "lead-orphan", input: { leadId: "hot-orphan" } });
    const out = outputOf((await engine.waitForExecution(executionArn)).output);

    expect(out.notifyError).toEqual({ Error: "OwnerMissingError", Cause: "lead has no owner" });
    expect(out.temperature).toBe("cold");
  });

  it("treats a second start with the same name and input as the same execution, and refuses another input", async () => {
    const dueAt = new Date(Date.now() + 60_000).toISOString();
    const first = await engine.startExecution({ stateMachineArn: arn.wait, name: "deal-dup", input: { dealId: "d-dup", dueAt } });
    const again = await engine.startExecution({ stateMachineArn: arn.wait, name: "deal-dup", input: { dealId: "d-dup", dueAt } });

    expect(again.executionArn).toBe(first.executionArn);
    await expect(engine.startExecution({ stateMachineArn: arn.wait, name: "deal-dup", input: { dealId: "other" } })).rejects.toMatchObject({
      type: "ExecutionAlreadyExists",
    });
    await engine.stopExecution(first.executionArn);
  });

  it("fires a Wait with TimestampPath at its timestamp, not before", async () => {
    const dueAt = Date.now() + 700;
    const { executionArn } = await engine.startExecution({
      stateMachineArn: arn.wait,
      name: "reminder-1",
      input: { dealId: "d-1", dueAt: new Date(dueAt).toISOString() },
    });
    const done = await engine.waitForExecution(executionArn);

    expect(done.status).toBe("SUCCEEDED");
    expect(recorder.callOf("SendReminder", "reminder-1")?.at).toBeGreaterThanOrEqual(dueAt);
    expect(recorder.callOf("SendReminder", "reminder-1")?.input).toMatchObject({ Entries: [{ DetailType: "Reminder Due", Detail: { dealId: "d-1" } }] });
  });

  it("stops an execution mid-wait: it is ABORTED and the state after the wait never runs", async () => {
    const dueAt = Date.now() + 500;
    const { executionArn } = await engine.startExecution({ stateMachineArn: arn.wait, name: "stopped-1", input: { dealId: "d-2", dueAt: new Date(dueAt).toISOString() } });
    const { stopDate } = await engine.stopExecution(executionArn, { error: "DealClosed", cause: "closed by a user" });
    await sleep(dueAt - Date.now() + 200);

    expect(await engine.describeExecution(executionArn)).toMatchObject({ status: "ABORTED", error: "DealClosed", cause: "closed by a user", stopDate });
    expect(recorder.count("SendReminder", "stopped-1")).toBe(0);
    expect((await engine.stopExecution(executionArn)).stopDate).toBe(stopDate);
  });

  it("times the execution out after the machine's TimeoutSeconds", async () => {
    const { executionArn } = await engine.startExecution({ stateMachineArn: localStateMachineArn("execution-timeout"), name: "too-slow" });
    const done = await engine.waitForExecution(executionArn);

    expect(done).toMatchObject({ status: "TIMED_OUT", error: "States.Timeout" });
    expect(recorder.count("Never", "too-slow")).toBe(0);
    expect((await engine.getExecutionHistory(executionArn)).at(-1)?.type).toBe("ExecutionTimedOut");
  });

  it("records entered and exited states, scheduled and succeeded tasks, in order", async () => {
    const { executionArn } = await engine.startExecution({ stateMachineArn: arn.lambda, name: "lead-history", input: { leadId: "cold-2" } });
    await engine.waitForExecution(executionArn);
    const history = await engine.getExecutionHistory(executionArn);

    expect(history.map((e) => e.type)).toEqual([
      "ExecutionStarted",
      "TaskStateEntered",
      "TaskScheduled",
      "TaskStarted",
      "TaskSucceeded",
      "TaskStateExited",
      "ChoiceStateEntered",
      "ChoiceStateExited",
      "PassStateEntered",
      "PassStateExited",
      "ExecutionSucceeded",
    ]);
    expect(history.find((e) => e.type === "TaskSucceeded")?.details?.output).toBe('{"ExecutedVersion":"$LATEST","Payload":{"score":10},"StatusCode":200}');
    expect(history.map((e) => e.id)).toEqual(history.map((_, i) => i + 1));
  });

  it("lists executions by machine and status, newest first", async () => {
    const succeeded = await engine.listExecutions(arn.lambda, "SUCCEEDED");
    const aborted = await engine.listExecutions(arn.wait, "ABORTED");

    expect(succeeded.map((e) => e.name)).toEqual(["lead-history", "lead-orphan", "lead-cold-1", "lead-hot-1"]);
    expect(aborted.map((e) => e.name).sort()).toEqual(["deal-dup", "stopped-1"]);
    expect((await engine.listExecutions(arn.lambda)).every((e) => e.stateMachineArn === arn.lambda)).toBe(true);
  });
});

describe("LocalWorkflowEngine with a short longest-timer (waits re-arm from their checkpoint)", () => {
  let rearming: LocalWorkflowEngine;
  beforeAll(() => {
    rearming = new LocalWorkflowEngine({ machines, tasks, store, maxTimerMs: 250 });
  });
  afterAll(async () => {
    await rearming.close();
  });

  it("fires a wait longer than one timer once, at its due time", async () => {
    const dueAt = Date.now() + 1_100;
    const { executionArn } = await rearming.startExecution({ stateMachineArn: arn.wait, name: "rearm-wait", input: { dealId: "d-3", dueAt: new Date(dueAt).toISOString() } });
    await rearming.waitForExecution(executionArn);

    expect(recorder.count("SendReminder", "rearm-wait")).toBe(1);
    expect(recorder.callOf("SendReminder", "rearm-wait")?.at).toBeGreaterThanOrEqual(dueAt);
    expect((await rearming.getExecutionHistory(executionArn)).filter((e) => e.type === "WaitStateEntered")).toHaveLength(1);
  });

  it("keeps a callback token valid across re-arms and still times out at the SLA", async () => {
    const completed = await rearming.startExecution({ stateMachineArn: arn.token, name: "rearm-token-ok", input: { dealId: "d-4", slaSeconds: 5 } });
    const token = await recorder.tokenFor("rearm-token-ok");
    await sleep(700);
    await rearming.sendTaskSuccess(token, { stage: "proposal" });

    expect(outputOf((await rearming.waitForExecution(completed.executionArn)).output)).toMatchObject({ move: { stage: "proposal" } });
    expect(recorder.count("AwaitStageMove", "rearm-token-ok")).toBe(1);

    const started = Date.now();
    const breached = await rearming.startExecution({ stateMachineArn: arn.token, name: "rearm-token-late", input: { dealId: "d-5", slaSeconds: 1 } });
    expect(await rearming.waitForExecution(breached.executionArn)).toMatchObject({ status: "FAILED", error: "StageSlaBreached" });
    expect(recorder.callOf("SendReminder", "rearm-token-late")?.at).toBeGreaterThanOrEqual(started + 1_000);
  });
});

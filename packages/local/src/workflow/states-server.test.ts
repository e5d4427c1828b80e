import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  InvalidExecutionInput,
  InvalidArn,
  InvalidName,
  InvalidToken,
  ListExecutionsCommand,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StateMachineDoesNotExist,
  StopExecutionCommand,
  TaskTimedOut,
} from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testTable } from "../../../../tests/support/table.ts";
import { localStateMachineArn } from "./asl-validation.ts";
import { DynamoCheckpointStore } from "./dynamo-checkpoint-store.ts";
import { fixtureMachines } from "./fixtures/fixture-machines.ts";
import { TaskRecorder } from "./fixtures/task-recorder.ts";
import { LocalWorkflowEngine } from "./local-engine.ts";
import { startStatesServer, type StatesServer } from "./states-server.ts";

const recorder = new TaskRecorder();
const tasks = {
  AwaitStageMove: recorder.handler(() => null),
  SendReminder: recorder.handler(() => ({ Entries: [{ EventId: "e-1" }], FailedEntryCount: 0 })),
  FlagDeal: recorder.handler(() => ({})),
  ScoreLead: recorder.handler(() => ({ score: 5 })),
  NotifyOwner: recorder.handler(),
};
const stageFlow = localStateMachineArn("token-task");
let engine: LocalWorkflowEngine;
let server: StatesServer;
let sfn: SFNClient;

beforeAll(async () => {
  const { client, tableName } = await testTable("wf-server");
  engine = new LocalWorkflowEngine({ machines: fixtureMachines("token-task", "lambda-task"), tasks, store: new DynamoCheckpointStore(client, tableName) });
  server = await startStatesServer(engine);
  sfn = new SFNClient({ endpoint: server.url, region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } });
});

afterAll(async () => {
  sfn.destroy();
  await server.close();
  await engine.close();
});

async function startDeal(name: string, slaSeconds: number): Promise<{ executionArn: string; token: string }> {
  const input = JSON.stringify({ dealId: name, slaSeconds });
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: stageFlow, name, input }));
  if (!executionArn) throw new Error("StartExecution returned no executionArn");
  return { executionArn, token: await recorder.tokenFor(name) };
}

async function finished(executionArn: string) {
  await engine.waitForExecution(executionArn);
  return sfn.send(new DescribeExecutionCommand({ executionArn }));
}

describe("states server (Step Functions JSON 1.0 over loopback)", () => {
  it("completes a waiting callback task with SendTaskSuccess and its output", async () => {
    const { executionArn, token } = await startDeal("deal-moved", 30);
    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ stage: "negotiation" }) }));
    const done = await finished(executionArn);

    expect(done.status).toBe("SUCCEEDED");
    expect(JSON.parse(done.output ?? "null")).toEqual({ dealId: "deal-moved", slaSeconds: 30, move: { stage: "negotiation" } });
    expect(done.stopDate).toBeInstanceOf(Date);
    expect(recorder.callOf("AwaitStageMove", "deal-moved")?.input).toEqual({ dealId: "deal-moved", taskToken: token });
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: "{}" }))).rejects.toBeInstanceOf(TaskTimedOut);
  });

  it("times out a callback that never comes into the States.Timeout Catch (not States.TaskFailed): remind, flag, fail", async () => {
    const { executionArn, token } = await startDeal("deal-stalled", 1);
    const done = await finished(executionArn);

    expect(done).toMatchObject({ status: "FAILED", error: "StageSlaBreached", cause: "The deal stayed in its stage past the SLA" });
    expect(recorder.count("SendReminder", "deal-stalled")).toBe(1);
    expect(recorder.callOf("FlagDeal", "deal-stalled")?.input).toMatchObject({ Key: { pk: { S: "DEAL#deal-stalled" } } });
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: "{}" }))).rejects.toBeInstanceOf(TaskTimedOut);
  });

  it("routes SendTaskFailure into the Catch with its error and cause", async () => {
    const { executionArn, token } = await startDeal("deal-lost", 30);
    await sfn.send(new SendTaskFailureCommand({ taskToken: token, error: "DealLost", cause: "customer chose a competitor" }));
    const done = await finished(executionArn);

    expect(done.status).toBe("SUCCEEDED");
    expect(JSON.parse(done.output ?? "null")).toMatchObject({
      failure: { Error: "DealLost", Cause: "customer chose a competitor" },
      outcome: "closed",
    });
    expect(recorder.count("SendReminder", "deal-lost")).toBe(0);
  });

  it("stops an execution with StopExecution; its token then reports the task closed", async () => {
    const { executionArn, token } = await startDeal("deal-stopped", 30);
    const { stopDate } = await sfn.send(new StopExecutionCommand({ executionArn, error: "DealDeleted", cause: "deleted by admin" }));
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));

    expect(described).toMatchObject({ status: "ABORTED", error: "DealDeleted", cause: "deleted by admin" });
    expect(described.stopDate?.getTime()).toBe(stopDate?.getTime());
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: "{}" }))).rejects.toBeInstanceOf(TaskTimedOut);
  });

  it("returns an AWS-shaped history: ids in order, dated events, details per event type, pages", async () => {
    const executionArn = localStateMachineArn("token-task").replace(":stateMachine:", ":execution:") + ":deal-stalled";
    const { events = [] } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    const types = events.map((e) => e.type);

    expect(events[0]?.executionStartedEventDetails?.input).toBe('{"dealId":"deal-stalled","slaSeconds":1}');
    expect(events.find((e) => e.type === "TaskScheduled")?.taskScheduledEventDetails).toMatchObject({
      resourceType: "lambda",
      resource: "invoke.waitForTaskToken",
      region: "us-east-1",
    });
    expect(events.find((e) => e.type === "TaskTimedOut")?.taskTimedOutEventDetails?.error).toBe("States.Timeout");
    expect(types.indexOf("TaskTimedOut")).toBeLessThan(types.lastIndexOf("TaskStateEntered"));
    expect(types).toContain("FailStateEntered");
    expect(events.at(-1)?.executionFailedEventDetails).toEqual({ error: "StageSlaBreached", cause: "The deal stayed in its stage past the SLA" });
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
    expect(events.every((e, i) => e.timestamp instanceof Date && (i === 0 || e.timestamp >= (events[i - 1]?.timestamp ?? e.timestamp)))).toBe(true);

    const first = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 3 }));
    const second = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 3, nextToken: first.nextToken }));
    expect(second.events?.map((e) => e.id)).toEqual([4, 5, 6]);
    const reversed = await sfn.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 1 }));
    expect(reversed.events?.[0]?.type).toBe("ExecutionFailed");
  });

  it("lists executions of a machine, filtered by status", async () => {
    const failed = await sfn.send(new ListExecutionsCommand({ stateMachineArn: stageFlow, statusFilter: "FAILED" }));
    const all = await sfn.send(new ListExecutionsCommand({ stateMachineArn: stageFlow }));

    expect(failed.executions?.map((e) => e.name)).toEqual(["deal-stalled"]);
    expect(all.executions?.map((e) => e.name).sort()).toEqual(["deal-lost", "deal-moved", "deal-stalled", "deal-stopped"]);
    expect(all.executions?.[0]?.startDate).toBeInstanceOf(Date);
  });

  it("answers mistakes with the errors AWS uses", async () => {
    const missing = stageFlow.replace(":stateMachine:", ":execution:") + ":nobody";
    await expect(sfn.send(new DescribeExecutionCommand({ executionArn: missing }))).rejects.toBeInstanceOf(ExecutionDoesNotExist);
    await expect(
      sfn.send(new StartExecutionCommand({ stateMachineArn: localStateMachineArn("no-such-machine"), name: "x" })),
    ).rejects.toBeInstanceOf(StateMachineDoesNotExist);
    await expect(sfn.send(new StartExecutionCommand({ stateMachineArn: stageFlow, name: "bad-input", input: "{not json" }))).rejects.toBeInstanceOf(
      InvalidExecutionInput,
    );
    await expect(sfn.send(new StartExecutionCommand({ stateMachineArn: stageFlow, name: "has space" }))).rejects.toBeInstanceOf(InvalidName);
    await expect(sfn.send(new StartExecutionCommand({ stateMachineArn: stageFlow, name: "deal-moved", input: "{}" }))).rejects.toBeInstanceOf(
      ExecutionAlreadyExists,
    );
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: "forged", output: "{}" }))).rejects.toBeInstanceOf(InvalidToken);
    await expect(sfn.send(new DescribeExecutionCommand({ executionArn: "deal-moved" }))).rejects.toBeInstanceOf(InvalidArn);
  });

  it("rejects unknown operations and malformed bodies with a JSON error naming the problem", async () => {
    const post = (target: string, body: string) =>
      fetch(server.url, { method: "POST", headers: { "x-amz-target": target, "content-type": "application/x-amz-json-1.0" }, body });

    const unknown = await post("AWSStepFunctions.DeleteStateMachine", "{}");
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ __type: "UnknownOperationException", code: "UnknownOperationException" });

    const malformed = await post("AWSStepFunctions.DescribeExecution", "[1,");
    expect(await malformed.json()).toMatchObject({ __type: "SerializationException" });

    const missingField = await post("AWSStepFunctions.DescribeExecution", "{}");
    expect(missingField.status).toBe(400);
    expect(await missingField.json()).toMatchObject({ __type: "ValidationException", field: "executionArn" });
  });
});

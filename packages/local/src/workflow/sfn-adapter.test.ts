import { DescribeExecutionCommand, SFNClient } from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createSfnWorkflowEngine,
  InvalidTaskTokenError,
  WorkflowExecutionExistsError,
  WorkflowTaskClosedError,
} from "@dealflow/core/workflow/index";
import type { WorkflowEngine } from "@dealflow/core/ports/workflow";
import { testTable } from "../../../../tests/support/table.ts";
import { localStateMachineArn } from "./asl-validation.ts";
import { DynamoCheckpointStore } from "./dynamo-checkpoint-store.ts";
import { fixtureMachines } from "./fixtures/fixture-machines.ts";
import { TaskRecorder } from "./fixtures/task-recorder.ts";
import { LocalWorkflowEngine } from "./local-engine.ts";
import { startStatesServer, type StatesServer } from "./states-server.ts";

// The core adapter of the WorkflowEngine port, driven against the local engine exactly as the app will drive it.
const recorder = new TaskRecorder();
const tasks = { AwaitStageMove: recorder.handler(() => null), SendReminder: recorder.handler(), FlagDeal: recorder.handler() };
const stageFlow = localStateMachineArn("token-task");
let engine: LocalWorkflowEngine;
let server: StatesServer;
let client: SFNClient;
let workflows: WorkflowEngine;

beforeAll(async () => {
  const { client: dynamo, tableName } = await testTable("wf-adapter");
  engine = new LocalWorkflowEngine({ machines: fixtureMachines("token-task"), tasks, store: new DynamoCheckpointStore(dynamo, tableName) });
  server = await startStatesServer(engine);
  client = new SFNClient({ endpoint: server.url, region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } });
  workflows = createSfnWorkflowEngine(client);
});

afterAll(async () => {
  client.destroy();
  await server.close();
  await engine.close();
});

const statusOf = async (executionArn: string) => {
  await engine.waitForExecution(executionArn);
  return (await client.send(new DescribeExecutionCommand({ executionArn }))).status;
};

describe("createSfnWorkflowEngine against the local engine", () => {
  it("starts an execution once per name, signals its task, and reports a repeated signal as a closed task", async () => {
    const { executionArn } = await workflows.start(stageFlow, "deal-7", { dealId: "deal-7", slaSeconds: 30 });
    const again = await workflows.start(stageFlow, "deal-7", { dealId: "deal-7", slaSeconds: 30 });
    const token = await recorder.tokenFor("deal-7");
    await workflows.sendTaskSuccess(token, { stage: "proposal" });

    expect(again.executionArn).toBe(executionArn);
    expect(await statusOf(executionArn)).toBe("SUCCEEDED");
    await expect(workflows.sendTaskSuccess(token, { stage: "proposal" })).rejects.toBeInstanceOf(WorkflowTaskClosedError);
    await expect(workflows.start(stageFlow, "deal-7", { dealId: "deal-7", slaSeconds: 30 })).rejects.toBeInstanceOf(WorkflowExecutionExistsError);
  });

  it("fails a task with an error the machine's Catch sees", async () => {
    const { executionArn } = await workflows.start(stageFlow, "deal-8", { dealId: "deal-8", slaSeconds: 30 });
    await workflows.sendTaskFailure(await recorder.tokenFor("deal-8"), "DealLost", "went with a competitor");

    expect(await statusOf(executionArn)).toBe("SUCCEEDED");
    expect(await engine.describeExecution(executionArn)).toMatchObject({ output: expect.stringContaining('"Error":"DealLost"') });
  });

  it("stops an execution", async () => {
    const { executionArn } = await workflows.start(stageFlow, "deal-9", { dealId: "deal-9", slaSeconds: 30 });
    await recorder.tokenFor("deal-9");
    await workflows.stop(executionArn, "deal deleted");

    expect(await engine.describeExecution(executionArn)).toMatchObject({ status: "ABORTED", cause: "deal deleted" });
  });

  it("names a forged token as such", async () => {
    await expect(workflows.sendTaskSuccess("forged", {})).rejects.toBeInstanceOf(InvalidTaskTokenError);
  });
});

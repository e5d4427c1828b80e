import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { rules, stateMachines } from "@dealflow/infra";
import { envNames } from "@dealflow/core/config";
import { validateAsl } from "@dealflow/local/workflow/asl-validation";
import { Bus } from "../../stacks/bus.stack.ts";
import { Workflows } from "../../stacks/workflows.stack.ts";
import type { SynthesizedApp } from "./synth-app.ts";
import { sharedApp, sharedAppTimeout } from "./shared-app.ts";
import { expectInvokesOnly, expectMachineRights, expectRuleTarget, statesArn as arnOf } from "./rule-assertions.ts";
import { at, functionByHandler, resourceById, resourcesOf, statementsOfFunctionRole } from "./template-queries.ts";

let synth: SynthesizedApp;
beforeAll(async () => {
  synth = await sharedApp();
}, sharedAppTimeout);

const dealFlowName = "test-dealflow-deal-flow";
const aslOf = (file: string) => readFileSync(path.join(import.meta.dirname, "../../infra", file), "utf8");

/** The ASL as deployed: CloudFormation fills `${...}` from DefinitionSubstitutions. */
function definitionOf(machine: unknown): { States: Record<string, { Type: string; Parameters?: { FunctionName?: string } }> } {
  return JSON.parse(String(at(machine, "Properties", "DefinitionString"))) as ReturnType<typeof definitionOf>;
}

function machineNamed(name: string): [string, unknown] {
  const found = resourcesOf(synth.template(Workflows), "AWS::StepFunctions::StateMachine").find(([, m]) => at(m, "Properties", "StateMachineName") === name);
  if (!found) throw new Error(`no state machine ${name}`);
  return found;
}

describe("Workflows stack", () => {
  test("one Standard state machine per infra/state-machines.ts entry, deal-flow with the states of its ASL file", () => {
    const machines = resourcesOf(synth.template(Workflows), "AWS::StepFunctions::StateMachine");
    expect(machines).toHaveLength(stateMachines.length);
    const [, dealFlow] = machineNamed(dealFlowName);
    expect(at(dealFlow, "Properties", "StateMachineType")).toBe("STANDARD");
    const definition = definitionOf(dealFlow);
    expect(validateAsl(definition)).toEqual({ isValid: true, problems: [] });
    expect(Object.keys(definition.States)).toEqual(Object.keys((JSON.parse(aslOf("state-machines/deal-flow.asl.json")) as { States: object }).States));
    expect(Object.keys(definition.States)).toEqual(expect.arrayContaining(["AwaitDealMove", "RemindDealOwner", "EscalateDealToManager", "FlagDealStale"]));
    expect(definition.States.AwaitDealMove).toMatchObject({ Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken", TimeoutSecondsPath: "$.timeoutSeconds" });
  });

  test("every task invokes the machine's own task Lambda, and the machine may invoke only that one", () => {
    const template = synth.template(Workflows);
    const [taskId] = functionByHandler(template, "packages/functions/src/workflows/deal-flow.handler");
    const [, machine] = machineNamed(dealFlowName);
    const tasks = Object.values(definitionOf(machine).States).filter((st) => st.Type === "Task");
    expect(tasks.length).toBeGreaterThan(0);
    for (const task of tasks) expect(task.Parameters?.FunctionName).toBe("${DealFlowFunctionArn}");
    expect(at(machine, "Properties", "DefinitionSubstitutions")).toEqual({ DealFlowFunctionArn: { "Fn::GetAtt": [taskId, "Arn"] } });
    expectInvokesOnly(template, machine, taskId);
  });

  test("executions are logged and traced", () => {
    const [, machine] = machineNamed(dealFlowName);
    expect(at(machine, "Properties", "LoggingConfiguration", "Level")).toBe("ERROR");
    const groupId = String(at(machine, "Properties", "LoggingConfiguration", "Destinations", 0, "CloudWatchLogsLogGroup", "LogGroupArn", "Fn::GetAtt", 0));
    expect(resourceById(synth.template(Workflows), groupId)).toMatchObject({ Type: "AWS::Logs::LogGroup", Properties: { RetentionInDays: 30 } });
    expect(at(machine, "Properties", "TracingConfiguration", "Enabled")).toBe(true);
  });

  test("the task Lambda knows the machines' ARNs and may answer task tokens of its own machine only", () => {
    const template = synth.template(Workflows);
    const [taskId, task] = functionByHandler(template, "packages/functions/src/workflows/deal-flow.handler");
    expect(JSON.stringify(at(task, "Properties", "Environment", "Variables", envNames.stateMachineArns))).toContain(`:stateMachine:${dealFlowName}`);
    const states = statementsOfFunctionRole(template, taskId).filter((s) => s.actions.some((a) => a.startsWith("states:")));
    expect(states).toEqual([{ actions: ["states:SendTaskSuccess", "states:SendTaskFailure"], resources: [arnOf(`stateMachine:${dealFlowName}`)], effect: "Allow" }]);
  });
});

describe("deal-flow consumers on the bus", () => {
  const handlers = ["deal-opened", "deal-stage-changed", "deal-closed"];

  test("each has STATE_MACHINE_ARNS and start/signal/stop rights scoped to the deal-flow machine and its executions", () => {
    const template = synth.template(Bus);
    for (const handler of handlers) expectMachineRights(template, ...functionByHandler(template, `packages/functions/src/events/${handler}.handler`), dealFlowName);
  });

  test("their rules target them with retries and a dead-letter queue like every bus target", () => {
    const template = synth.template(Bus);
    for (const spec of rules.filter((r) => handlers.includes(r.target.handler))) expectRuleTarget(template, spec);
  });
});

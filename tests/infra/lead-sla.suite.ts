import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { rules } from "@dealflow/infra";
import { envNames } from "@dealflow/core/config";
import { validateAsl } from "@dealflow/local/workflow/asl-validation";
import { Bus } from "../../stacks/bus.stack.ts";
import { Workflows } from "../../stacks/workflows.stack.ts";
import type { SynthesizedApp } from "./synth-app.ts";
import { sharedApp, sharedAppTimeout } from "./shared-app.ts";
import { expectInvokesOnly, expectMachineRights, expectRuleTarget } from "./rule-assertions.ts";
import { at, functionByHandler, resourcesOf, statementsOfFunctionRole } from "./template-queries.ts";

let synth: SynthesizedApp;
beforeAll(async () => {
  synth = await sharedApp();
}, sharedAppTimeout);

const machineName = "test-dealflow-lead-sla";
type State = { Type: string; Resource?: string; TimestampPath?: string; Seconds?: number; Parameters?: { FunctionName?: string }; Retry?: unknown[] };

function leadSlaMachine(): [string, unknown, Record<string, State>] {
  const found = resourcesOf(synth.template(Workflows), "AWS::StepFunctions::StateMachine").find(([, m]) => at(m, "Properties", "StateMachineName") === machineName);
  if (!found) throw new Error(`no state machine ${machineName}`);
  const definition = JSON.parse(String(at(found[1], "Properties", "DefinitionString"))) as { States: Record<string, State> };
  expect(validateAsl(definition)).toEqual({ isValid: true, problems: [] });
  return [found[0], found[1], definition.States];
}

describe("lead-sla state machine", () => {
  test("a Standard machine with the states of its ASL file, waiting only on absolute deadlines (no polling, no callbacks)", () => {
    const [, machine, states] = leadSlaMachine();
    expect(at(machine, "Properties", "StateMachineType")).toBe("STANDARD");
    const asl = JSON.parse(readFileSync(path.join(import.meta.dirname, "../../infra/state-machines/lead-sla.asl.json"), "utf8")) as { States: object };
    expect(Object.keys(states)).toEqual(Object.keys(asl.States));
    expect(Object.keys(states)).toEqual(["LoadLeadSla", "RouteLeadSla", "WaitForDeadline", "RouteBreach", "RemindLeadOwner", "EscalateLeadToManager", "ReturnLeadToPool", "LeadSlaEnded"]);
    const waits = Object.values(states).filter((s) => s.Type === "Wait");
    expect(waits).toEqual([expect.objectContaining({ TimestampPath: "$.at" })]);
    for (const task of Object.values(states).filter((s) => s.Type === "Task")) {
      expect(task.Resource).toBe("arn:aws:states:::lambda:invoke");
      expect(task.Retry?.length).toBeGreaterThan(0);
    }
  });

  test("its task Lambda is the only one it may invoke; the Lambda reads and writes the table, publishes on the bus and sends mail", () => {
    const template = synth.template(Workflows);
    const [taskId, task] = functionByHandler(template, "packages/functions/src/workflows/lead-sla.handler");
    const [, machine, states] = leadSlaMachine();
    for (const t of Object.values(states).filter((s) => s.Type === "Task")) expect(t.Parameters?.FunctionName).toBe("${LeadSlaFunctionArn}");
    expect(at(machine, "Properties", "DefinitionSubstitutions")).toEqual({ LeadSlaFunctionArn: { "Fn::GetAtt": [taskId, "Arn"] } });
    expectInvokesOnly(template, machine, taskId);

    const actions = statementsOfFunctionRole(template, taskId).flatMap((s) => s.actions);
    expect(actions).toEqual(expect.arrayContaining(["dynamodb:PutItem", "dynamodb:Query", "dynamodb:ConditionCheckItem", "events:PutEvents", "ses:SendEmail"]));
    expect(actions.filter((a) => a.startsWith("states:")).sort()).toEqual(["states:SendTaskFailure", "states:SendTaskSuccess"]);
    expect(JSON.stringify(at(task, "Properties", "Environment", "Variables", envNames.stateMachineArns))).toContain(`:stateMachine:${machineName}`);
  });
});

describe("lead-sla consumers on the bus", () => {
  const handlers = ["lead-sla-start", "lead-first-contact"];

  test("LeadSlaStart takes lead.assigned; LeadFirstContact only contacts on leads (content filter)", () => {
    expect(rules.find((r) => r.name === "LeadSlaStart")?.pattern).toEqual({ source: ["dealflow"], "detail-type": ["lead.assigned"] });
    expect(rules.find((r) => r.name === "LeadFirstContact")?.pattern).toEqual({
      source: ["dealflow"], "detail-type": ["activity.created"], detail: { data: { record: { subjectType: ["lead"], type: ["call", "meeting", "visit", "email"] } } },
    });
  });

  test("each rule targets its consumer with retries and a dead-letter queue", () => {
    const template = synth.template(Bus);
    for (const spec of rules.filter((r) => handlers.includes(r.target.handler))) expectRuleTarget(template, spec);
  });

  test("the consumers may start and stop lead-sla executions only, and know its ARN", () => {
    const template = synth.template(Bus);
    for (const handler of handlers) expectMachineRights(template, ...functionByHandler(template, `packages/functions/src/events/${handler}.handler`), machineName);
  });
});

import { expect } from "vitest";
import type { Template } from "aws-cdk-lib/assertions";
import type { RuleSpec } from "@dealflow/infra";
import { envNames } from "@dealflow/core/config";
import { testAccount, testRegion } from "./synth-app.ts";
import { at, functionByHandler, resourceById, resourcesOf, statementsOfFunctionRole } from "./template-queries.ts";

/** A Step Functions ARN as the stacks build it (partition by reference, the test account and region). */
export const statesArn = (resource: string) => ({ "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, `:states:${testRegion}:${testAccount}:${resource}`]] });

/**
 * The deployed rule of `spec` has its pattern and targets the consumer's own Lambda, with the retry policy and
 * dead-letter queue every bus target gets. Returns the consumer function's logical id and resource.
 */
export function expectRuleTarget(bus: Template, spec: RuleSpec): [string, unknown] {
  const [fnId, fn] = functionByHandler(bus, `packages/functions/src/events/${spec.target.handler}.handler`);
  const [, rule] = resourcesOf(bus, "AWS::Events::Rule").find(([, r]) => at(r, "Properties", "Description") === spec.description) ?? [];
  expect(at(rule, "Properties", "EventPattern")).toEqual(spec.pattern);
  const target = at(rule, "Properties", "Targets", 0);
  expect(at(target, "Arn")).toEqual({ "Fn::GetAtt": [fnId, "Arn"] });
  expect(at(target, "RetryPolicy")).toEqual({ MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 8 });
  expect(resourceById(bus, String(at(target, "DeadLetterConfig", "Arn", "Fn::GetAtt", 0)))).toMatchObject({ Type: "AWS::SQS::Queue" });
  return [fnId, fn];
}

/** The consumer knows the machine's ARN and may start, signal and stop its executions, and nothing else's. */
export function expectMachineRights(bus: Template, fnId: string, fn: unknown, machineName: string): void {
  expect(JSON.stringify(at(fn, "Properties", "Environment", "Variables", envNames.stateMachineArns))).toContain(`:stateMachine:${machineName}`);
  const states = statementsOfFunctionRole(bus, fnId).filter((s) => s.actions.some((a) => a.startsWith("states:")));
  expect(states).toEqual([
    { actions: ["states:StartExecution", "states:SendTaskSuccess", "states:SendTaskFailure"], resources: [statesArn(`stateMachine:${machineName}`)], effect: "Allow" },
    { actions: ["states:StopExecution", "states:DescribeExecution"], resources: [statesArn(`execution:${machineName}:*`)], effect: "Allow" },
  ]);
}

/** The machine's role may invoke its task Lambda (and that Lambda's versions) and no other function. */
export function expectInvokesOnly(workflows: Template, machine: unknown, taskId: string): void {
  const roleId = String(at(machine, "Properties", "RoleArn", "Fn::GetAtt", 0));
  const invokes = resourcesOf(workflows, "AWS::IAM::Policy")
    .filter(([, p]) => [at(p, "Properties", "Roles")].flat().some((r) => at(r, "Ref") === roleId))
    .flatMap(([, p]) => [at(p, "Properties", "PolicyDocument", "Statement")].flat())
    .filter((s) => [at(s, "Action")].flat().includes("lambda:InvokeFunction"));
  expect(invokes.flatMap((s) => [at(s, "Resource")].flat())).toEqual([{ "Fn::GetAtt": [taskId, "Arn"] }, { "Fn::Join": ["", [{ "Fn::GetAtt": [taskId, "Arn"] }, ":*"]] }]);
}

import { join } from "node:path";
import { ArnFormat, Stack } from "aws-cdk-lib";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import { Function, use, type StackContext } from "sst/constructs";
import { envNames } from "@dealflow/core/config";
import { stateMachines, type StateMachineSpec } from "@dealflow/infra";
import { alarmOnFunctionErrors } from "@dealflow/infra/alarms.construct";
import { AslStateMachine } from "@dealflow/infra/state-machine.construct";
import { Bus } from "./bus.stack.ts";
import { Email } from "./email.stack.ts";
import { Hosting } from "./hosting.stack.ts";
import { Monitoring } from "./monitoring.stack.ts";
import { Storage } from "./storage.stack.ts";
import { grantRuntimeAccess, runtimeEnvironment } from "./function-defaults.ts";

const infraDir = join(import.meta.dirname, "../infra");
const pascal = (name: string) => name.split(/[^A-Za-z0-9]+/).map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join("");

/**
 * ARNs from the machines' physical names (derived from app and stage), formatted in the stack that uses them:
 * the task Lambdas and the Bus stack's consumers name a machine without a reference to it, so neither the
 * machine ↔ its own task Lambda nor Bus ↔ Workflows forms a dependency cycle.
 */
function machineArns(stack: Stack, physical: (spec: StateMachineSpec) => string) {
  const arn = (resource: string, name: string) => stack.formatArn({ service: "states", resource, resourceName: name, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
  return (spec: StateMachineSpec) => ({ machine: arn("stateMachine", physical(spec)), executions: arn("execution", `${physical(spec)}:*`) });
}

/** Every machine of infra/state-machines.ts: its task Lambda, the Standard machine, and its consumers' rights. */
export function Workflows({ stack, app }: StackContext) {
  const { table } = use(Storage);
  const { sender, mailFrom } = use(Email);
  const { siteUrl } = use(Hosting);
  const { bus, consumers } = use(Bus);
  const { alarmTopic } = use(Monitoring);
  const physical = (spec: StateMachineSpec) => app.logicalPrefixedName(spec.name);
  const allArns = (s: Stack) => Stack.of(s).toJsonString(Object.fromEntries(stateMachines.map((m) => [m.name, machineArns(s, physical)(m).machine])));
  const environment = { ...runtimeEnvironment({ table, bus, mailFrom, appUrl: siteUrl }), [envNames.stateMachineArns]: allArns(stack) };

  const machines = new Map<string, AslStateMachine>();
  for (const spec of stateMachines) {
    const id = pascal(spec.name);
    const task = new Function(stack, `${id}Task`, {
      handler: `packages/functions/src/workflows/${spec.name}.handler`,
      description: `Dealflow ${spec.name} state-machine tasks`,
      timeout: 60,
      environment,
    });
    grantRuntimeAccess(task, { table, bus, sender });
    alarmOnFunctionErrors(stack, `${id}TaskErrorsAlarm`, task, alarmTopic);
    const machine = new AslStateMachine(stack, id, { aslFile: join(infraDir, spec.aslFile), stateMachineName: physical(spec), taskFunctions: { [`${id}FunctionArn`]: task } });
    // A task may settle its own wait (a deal-flow wait that finds the deal already moved on); by name, as a Ref
    // to the machine would make the machine, its role, the task and the task's policy a cycle.
    task.addToRolePolicy(new PolicyStatement({ actions: ["states:SendTaskSuccess", "states:SendTaskFailure"], resources: [machineArns(stack, physical)(spec).machine] }));
    machines.set(spec.name, machine);
    for (const handler of spec.signaledBy ?? []) wireConsumer(consumers.get(handler), spec, machineArns, physical, allArns);
    stack.addOutputs({ [`${id}StateMachineArn`]: machine.stateMachine.stateMachineArn });
  }
  return { machines };
}

/** The consumer gets STATE_MACHINE_ARNS and start/signal/stop rights on this machine and its executions only. */
function wireConsumer(
  consumer: IFunction | undefined,
  spec: StateMachineSpec,
  arnsIn: typeof machineArns,
  physical: (spec: StateMachineSpec) => string,
  allArns: (s: Stack) => string,
): void {
  if (!(consumer instanceof Function)) throw new Error(`state machine ${spec.name}: no bus consumer Function to wire (signaledBy)`);
  const scope = Stack.of(consumer);
  const arns = arnsIn(scope, physical)(spec);
  consumer.addEnvironment(envNames.stateMachineArns, allArns(scope));
  consumer.addToRolePolicy(new PolicyStatement({ actions: ["states:StartExecution", "states:SendTaskSuccess", "states:SendTaskFailure"], resources: [arns.machine] }));
  consumer.addToRolePolicy(new PolicyStatement({ actions: ["states:StopExecution", "states:DescribeExecution"], resources: [arns.executions] }));
}

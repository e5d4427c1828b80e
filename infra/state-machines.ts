/**
 * Step Functions state machines as data: the stacks build each from its ASL file (DefinitionBody.fromString) and
 * the local engine runs the same file.
 */
export interface StateMachineSpec {
  name: string;
  /** Path relative to infra/, e.g. "state-machines/deal-flow.asl.json". */
  aslFile: string;
  /**
   * Bus consumers (handler names in infra/rules.ts) that start, signal or stop this machine's executions: in AWS
   * they get its ARN in STATE_MACHINE_ARNS and Step Functions rights on this machine only. Its task Lambda is
   * packages/functions/src/workflows/<name>.ts, substituted into the ASL as `${<PascalName>FunctionArn}`.
   */
  signaledBy?: readonly string[];
}

export const stateMachines: readonly StateMachineSpec[] = [
  { name: "deal-flow", aslFile: "state-machines/deal-flow.asl.json", signaledBy: ["deal-opened", "deal-stage-changed", "deal-closed"] },
  { name: "task-reminder", aslFile: "state-machines/task-reminder.asl.json", signaledBy: ["activity-task-reminders"] },
  { name: "lead-sla", aslFile: "state-machines/lead-sla.asl.json", signaledBy: ["lead-sla-start", "lead-first-contact"] },
  { name: "instalment-collection", aslFile: "state-machines/instalment-collection.asl.json", signaledBy: ["instalment-collection-start", "instalment-collection-stop"] },
];

/** The ARN a machine has locally (the local engine addresses machines by ARN, like AWS). */
export function localStateMachineArn(name: string): string {
  return `arn:aws:states:us-east-1:000000000000:stateMachine:${name}`;
}

import { readFileSync } from "node:fs";
import { RemovalPolicy } from "aws-cdk-lib";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from "aws-cdk-lib/aws-stepfunctions";
import { Construct } from "constructs";

export interface AslStateMachineProps {
  /** Absolute path of the ASL JSON file (the same file the local engine runs). */
  readonly aslFile: string;
  /** Physical name; the caller derives it from app and stage so other stacks can name its ARN without a reference. */
  readonly stateMachineName?: string;
  /** `${Placeholder}` in the ASL → the Lambda it invokes; each gets invoke permission for the machine only. */
  readonly taskFunctions: Readonly<Record<string, IFunction>>;
  readonly logRetention?: RetentionDays;
}

/**
 * A Standard state machine built from an ASL file with `DefinitionBody.fromString` (so tests can read its
 * states), with execution logging, X-Ray tracing and invoke rights on exactly its task functions.
 */
export class AslStateMachine extends Construct {
  readonly stateMachine: StateMachine;
  readonly logGroup: LogGroup;
  /** Top-level state names of the definition. */
  readonly states: string[];

  constructor(scope: Construct, id: string, props: AslStateMachineProps) {
    super(scope, id);
    const asl = readFileSync(props.aslFile, "utf8");
    const placeholders = [...new Set([...asl.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1] ?? ""))];
    const missing = placeholders.filter((p) => !props.taskFunctions[p]);
    if (missing.length > 0) throw new Error(`${props.aslFile}: no task function for \${${missing.join("}, ${")}}`);
    this.states = Object.keys((JSON.parse(asl) as { States: Record<string, unknown> }).States);
    this.logGroup = new LogGroup(this, "Logs", { retention: props.logRetention ?? RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
    this.stateMachine = new StateMachine(this, "Machine", {
      stateMachineName: props.stateMachineName,
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromString(asl),
      definitionSubstitutions: Object.fromEntries(placeholders.map((p) => [p, props.taskFunctions[p]?.functionArn ?? ""])),
      logs: { destination: this.logGroup, level: LogLevel.ERROR, includeExecutionData: false },
      tracingEnabled: true,
    });
    for (const p of placeholders) props.taskFunctions[p]?.grantInvoke(this.stateMachine);
  }
}

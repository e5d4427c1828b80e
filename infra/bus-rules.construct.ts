import { Duration } from "aws-cdk-lib";
import { type EventPattern, type IEventBus, Rule, Schedule } from "aws-cdk-lib/aws-events";
import { LambdaFunction } from "aws-cdk-lib/aws-events-targets";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import { SqsDestination } from "aws-cdk-lib/aws-lambda-destinations";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import type { RuleSpec } from "./rules.ts";
import type { ScheduleSpec } from "./schedules.ts";

/** Builds the consumer for a rule target; `handler` is `RuleSpec.target.handler` (a file under functions/events). */
export type ConsumerFactory = (scope: Construct, id: string, handler: string) => IFunction;

export interface BusRulesProps {
  readonly bus: IEventBus;
  readonly rules: readonly RuleSpec[];
  /** Scheduled jobs: rules on the default bus with the same kind of target. */
  readonly schedules?: readonly ScheduleSpec[];
  readonly createConsumer: ConsumerFactory;
  /** How long EventBridge keeps retrying a delivery before it goes to the target's DLQ. */
  readonly maxEventAge?: Duration;
  readonly retryAttempts?: number;
}

/** A dead-letter queue with its purpose, so callers can alarm on every one of them. */
export interface DeadLetterQueue {
  readonly id: string;
  readonly queue: Queue;
}

/**
 * One EventBridge rule per `RuleSpec`, each with a Lambda target that retries and dead-letters; the consumer
 * Lambda also dead-letters its own async failures (the target DLQ only catches failed deliveries).
 */
export class BusRules extends Construct {
  readonly rules = new Map<string, Rule>();
  readonly consumers = new Map<string, IFunction>();
  readonly deadLetterQueues: DeadLetterQueue[] = [];
  private readonly props: BusRulesProps;

  constructor(scope: Construct, id: string, props: BusRulesProps) {
    super(scope, id);
    this.props = props;
    for (const spec of props.rules) this.addRule(spec);
    for (const spec of props.schedules ?? []) this.addSchedule(spec);
  }

  private addRule(spec: RuleSpec): void {
    const rule = new Rule(this, spec.name, {
      eventBus: this.props.bus,
      description: spec.description,
      // RuleSpec patterns are raw EventBridge JSON ("detail-type", content filters); CDK passes such keys through.
      eventPattern: spec.pattern as EventPattern,
      targets: [this.targetFor(spec)],
    });
    this.rules.set(spec.name, rule);
  }

  private addSchedule(spec: ScheduleSpec): void {
    const rule = new Rule(this, spec.name, { description: spec.description, schedule: Schedule.expression(spec.schedule), targets: [this.targetFor(spec)] });
    this.rules.set(spec.name, rule);
  }

  private targetFor(spec: RuleSpec | ScheduleSpec): LambdaFunction {
    return new LambdaFunction(this.consumerFor(spec.target.handler), {
      deadLetterQueue: this.deadLetterQueue(`${spec.name}TargetDlq`),
      maxEventAge: this.props.maxEventAge ?? Duration.hours(24),
      retryAttempts: this.props.retryAttempts ?? 8,
    });
  }

  private consumerFor(handler: string): IFunction {
    const existing = this.consumers.get(handler);
    if (existing) return existing;
    const id = `${pascalCase(handler)}Consumer`;
    const consumer = this.props.createConsumer(this, id, handler);
    consumer.configureAsyncInvoke({
      onFailure: new SqsDestination(this.deadLetterQueue(`${id}FailureDlq`)),
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
    });
    this.consumers.set(handler, consumer);
    return consumer;
  }

  private deadLetterQueue(id: string): Queue {
    const queue = new Queue(this, id, {
      // SQS-managed keys: EventBridge cannot write to queues encrypted with the AWS-managed KMS key.
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.deadLetterQueues.push({ id, queue });
    return queue;
  }
}

function pascalCase(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part.length > 0)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
}

import { App, Duration, Stack } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import { EventBus } from "aws-cdk-lib/aws-events";
import { Code, Function as LambdaFunction, Runtime } from "aws-cdk-lib/aws-lambda";
import { beforeAll, describe, expect, test } from "vitest";
import { BusRules } from "./bus-rules.construct.ts";
import type { RuleSpec } from "./rules.ts";

const specs: RuleSpec[] = [
  {
    name: "DealWon",
    description: "won deals",
    pattern: { source: ["dealflow"], "detail-type": ["opportunity.won"], detail: { amount: [{ numeric: [">", 0] }] } },
    target: { kind: "lambda", handler: "deal-won" },
  },
  {
    name: "DealLost",
    description: "lost deals, same consumer",
    pattern: { source: ["dealflow"], "detail-type": [{ "equals-ignore-case": "opportunity.lost" }] },
    target: { kind: "lambda", handler: "deal-won" },
  },
  {
    name: "LeadCaptured",
    description: "marketing leads",
    pattern: { $or: [{ source: [{ prefix: "marketing." }] }, { "detail-type": ["Lead Captured"] }] },
    target: { kind: "lambda", handler: "lead-captured" },
  },
];

let template: Template;
let wiring: BusRules;
const handlersBuilt: string[] = [];

beforeAll(() => {
  const stack = new Stack(new App(), "BusStack");
  wiring = new BusRules(stack, "Rules", {
    bus: new EventBus(stack, "Bus"),
    rules: specs,
    maxEventAge: Duration.hours(2),
    retryAttempts: 5,
    createConsumer: (scope, id, handler) => {
      handlersBuilt.push(handler);
      return new LambdaFunction(scope, id, {
        runtime: Runtime.NODEJS_22_X,
        handler: "index.handler",
        code: Code.fromInline("export const handler = async () => {};"),
      });
    },
  });
  template = Template.fromStack(stack);
});

describe("BusRules", () => {
  test("creates one rule per spec, on the given bus, with the spec's pattern verbatim", () => {
    const rules = Object.values(template.findResources("AWS::Events::Rule"));
    expect(rules).toHaveLength(specs.length);
    for (const spec of specs) {
      template.hasResourceProperties("AWS::Events::Rule", {
        Description: spec.description,
        EventBusName: { Ref: Match.stringLikeRegexp("^Bus") },
        EventPattern: spec.pattern,
      });
    }
  });

  test("asks the factory once per handler, and routes rules with the same handler to that consumer", () => {
    expect(handlersBuilt).toEqual(["deal-won", "lead-captured"]);
    expect([...wiring.consumers.keys()]).toEqual(["deal-won", "lead-captured"]);
    const targets = Object.values(template.findResources("AWS::Events::Rule")).map(
      (rule) => rule.Properties.Targets[0].Arn["Fn::GetAtt"][0],
    );
    expect(targets[1]).toBe(targets[0]);
    expect(targets[2]).not.toBe(targets[0]);
  });

  test("every target retries within the given bounds and dead-letters to its own queue", () => {
    const rules = Object.values(template.findResources("AWS::Events::Rule"));
    const dlqs = new Set<string>();
    for (const rule of rules) {
      const [target] = rule.Properties.Targets;
      expect(target.RetryPolicy).toEqual({ MaximumEventAgeInSeconds: 7200, MaximumRetryAttempts: 5 });
      dlqs.add(target.DeadLetterConfig.Arn["Fn::GetAtt"][0]);
    }
    expect(dlqs.size).toBe(rules.length);
  });

  test("every consumer sends failed async invocations to an on-failure queue", () => {
    const configs = Object.values(template.findResources("AWS::Lambda::EventInvokeConfig"));
    expect(configs).toHaveLength(2);
    for (const config of configs) {
      expect(config.Properties.DestinationConfig.OnFailure.Destination["Fn::GetAtt"][1]).toBe("Arn");
    }
  });

  test("all dead-letter queues are encrypted and exposed for alarms", () => {
    const queues = template.findResources("AWS::SQS::Queue");
    expect(Object.keys(queues)).toHaveLength(specs.length + 2);
    for (const queue of Object.values(queues)) expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
    expect(wiring.deadLetterQueues).toHaveLength(specs.length + 2);
  });
});

import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { createTableInput, rules, schedules, tableSchema } from "@dealflow/infra";
import { envNames } from "@dealflow/core/config";
import { Bus } from "../../stacks/bus.stack.ts";
import { Email } from "../../stacks/email.stack.ts";
import { Hosting } from "../../stacks/hosting.stack.ts";
import { Monitoring } from "../../stacks/monitoring.stack.ts";
import { Storage } from "../../stacks/storage.stack.ts";
import type { SynthesizedApp } from "./synth-app.ts";
import { sharedApp, sharedAppTimeout, sharedSender } from "./shared-app.ts";
import {
  at,
  functionByHandler,
  importOf,
  onlyResource,
  resourceById,
  resourcesOf,
  siteUrlImport,
  statementsOfFunctionRole,
} from "./template-queries.ts";

let synth: SynthesizedApp;
beforeAll(async () => {
  synth = await sharedApp();
}, sharedAppTimeout);

describe("Storage stack", () => {
  test("the table has the keys, indexes and attributes of tableSchema", () => {
    const [, table] = onlyResource(synth.template(Storage), "AWS::DynamoDB::Table");
    const local = createTableInput("unused");
    expect(at(table, "Properties", "KeySchema")).toEqual(local.KeySchema);
    expect(at(table, "Properties", "GlobalSecondaryIndexes")).toEqual(local.GlobalSecondaryIndexes);
    const attributes = at(table, "Properties", "AttributeDefinitions");
    expect(attributes).toEqual(expect.arrayContaining(local.AttributeDefinitions));
    expect(attributes).toHaveLength(local.AttributeDefinitions.length);
  });

  test("on-demand, PITR on, TTL on expiresAt, retained on a non-dev stage, no fixed name", () => {
    const [, table] = onlyResource(synth.template(Storage), "AWS::DynamoDB::Table");
    expect(table).toMatchObject({
      DeletionPolicy: "Retain",
      Properties: {
        BillingMode: "PAY_PER_REQUEST",
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        TimeToLiveSpecification: { AttributeName: tableSchema.ttlAttribute, Enabled: true },
      },
    });
    expect(at(table, "Properties", "TableName")).toBeUndefined();
  });
});

describe("Bus stack", () => {
  test("one custom bus and one rule per infra/rules.ts entry, with its exact pattern, on that bus", () => {
    const template = synth.template(Bus);
    const [busId] = onlyResource(template, "AWS::Events::EventBus");
    const deployed = resourcesOf(template, "AWS::Events::Rule").map(([, rule]) => at(rule, "Properties"));
    expect(deployed).toHaveLength(rules.length + schedules.length);
    for (const spec of rules) {
      expect(deployed).toContainEqual(
        expect.objectContaining({ EventBusName: { Ref: busId }, Description: spec.description, EventPattern: spec.pattern }),
      );
    }
  });

  test("one schedule rule per infra/schedules.ts entry, on the default bus (where schedules run)", () => {
    const deployed = resourcesOf(synth.template(Bus), "AWS::Events::Rule").map(([, rule]) => at(rule, "Properties"));
    for (const spec of schedules) {
      const rule = deployed.find((r) => at(r, "Description") === spec.description);
      expect(rule).toMatchObject({ ScheduleExpression: spec.schedule, State: "ENABLED" });
      expect(at(rule, "EventBusName")).toBeUndefined();
    }
  });

  test("every target retries and dead-letters to an encrypted queue", () => {
    const template = synth.template(Bus);
    for (const [, rule] of resourcesOf(template, "AWS::Events::Rule")) {
      const targets = [at(rule, "Properties", "Targets")].flat();
      expect(targets.length).toBeGreaterThan(0);
      for (const target of targets) {
        expect(at(target, "RetryPolicy")).toEqual({ MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 8 });
        const queueId = String(at(target, "DeadLetterConfig", "Arn", "Fn::GetAtt", 0));
        expect(resourceById(template, queueId)).toMatchObject({
          Type: "AWS::SQS::Queue",
          Properties: { SqsManagedSseEnabled: true },
        });
      }
    }
  });

  test("each rule targets the consumer built from packages/functions/src/events/<handler>", () => {
    const template = synth.template(Bus);
    for (const spec of rules) {
      const [fnId] = functionByHandler(template, `packages/functions/src/events/${spec.target.handler}.handler`);
      const [, rule] = resourcesOf(template, "AWS::Events::Rule").find(
        ([, r]) => at(r, "Properties", "Description") === spec.description,
      ) ?? [];
      expect(at(rule, "Properties", "Targets", 0, "Arn")).toEqual({ "Fn::GetAtt": [fnId, "Arn"] });
    }
  });

  test("consumers run Node 22 on arm64 and send failed async invocations to an encrypted queue", () => {
    const template = synth.template(Bus);
    for (const handler of new Set(rules.map((r) => r.target.handler))) {
      const [fnId, fn] = functionByHandler(template, `packages/functions/src/events/${handler}.handler`);
      expect(fn).toMatchObject({ Properties: { Runtime: "nodejs22.x", Architectures: ["arm64"] } });
      const [, invokeConfig] = resourcesOf(template, "AWS::Lambda::EventInvokeConfig").find(
        ([, c]) => at(c, "Properties", "FunctionName", "Ref") === fnId,
      ) ?? [];
      const queueId = String(at(invokeConfig, "Properties", "DestinationConfig", "OnFailure", "Destination", "Fn::GetAtt", 0));
      expect(resourceById(template, queueId)).toMatchObject({ Properties: { SqsManagedSseEnabled: true } });
    }
  });

  test("consumers are bundled as ES modules into the cloud assembly", async () => {
    const template = synth.template(Bus);
    for (const handler of new Set(rules.map((r) => r.target.handler))) {
      const [, fn] = functionByHandler(template, `packages/functions/src/events/${handler}.handler`);
      const assetZip = String(at(fn, "Properties", "Code", "S3Key"));
      const bundle = path.join(synth.app.outdir, `asset.${assetZip.replace(/\.zip$/, "")}`);
      const code = await readFile(path.join(bundle, `packages/functions/src/events/${handler}.mjs`), "utf8");
      expect(code).toMatch(/^export\s*\{[^}]*\bhandler\b/m);
    }
  });

  test("consumers get their settings through the config.ts names, pointing at this app's resources", () => {
    const template = synth.template(Bus);
    const [busId] = onlyResource(template, "AWS::Events::EventBus");
    const [tableId] = onlyResource(synth.template(Storage), "AWS::DynamoDB::Table");
    const [, fn] = functionByHandler(template, `packages/functions/src/events/${rules[0]?.target.handler}.handler`);
    expect(at(fn, "Properties", "Environment", "Variables")).toMatchObject({
      [envNames.runtime]: "aws",
      [envNames.tableName]: importOf(synth.template(Storage), tableId),
      [envNames.eventBusName]: { Ref: busId },
      [envNames.mailFrom]: sharedSender,
      [envNames.appUrl]: siteUrlImport(synth.template(Hosting)),
    });
  });

  test("consumers may touch only this table, this bus and this sender", () => {
    const template = synth.template(Bus);
    const [busId] = onlyResource(template, "AWS::Events::EventBus");
    const [tableId] = onlyResource(synth.template(Storage), "AWS::DynamoDB::Table");
    const tableArn = importOf(synth.template(Storage), tableId, "Arn");
    const [senderId] = onlyResource(synth.template(Email), "AWS::SES::EmailIdentity");
    const senderName = importOf(synth.template(Email), senderId);
    const [fnId] = functionByHandler(template, `packages/functions/src/events/${rules[0]?.target.handler}.handler`);
    const statements = statementsOfFunctionRole(template, fnId);
    const granted = new Set(statements.flatMap((s) => s.actions.map((a) => a.split(":")[0])));
    expect([...granted]).toEqual(expect.arrayContaining(["dynamodb", "events", "ses"]));
    for (const statement of statements) {
      const services = new Set(statement.actions.map((a) => a.split(":")[0]));
      if (services.has("dynamodb")) {
        expect(statement.resources).toEqual([tableArn, { "Fn::Join": ["", [tableArn, "/index/*"]] }]);
      }
      if (services.has("events")) {
        expect(statement.actions).toEqual(["events:PutEvents"]);
        expect(statement.resources).toEqual([{ "Fn::GetAtt": [busId, "Arn"] }]);
      }
      if (services.has("ses")) expect(JSON.stringify(statement.resources)).toContain(JSON.stringify(senderName));
      if (["dynamodb", "events", "ses"].some((s) => services.has(s))) expect(statement.resources).not.toContain("*");
    }
  });

  test("every dead-letter queue has an alarm on its first visible message, reporting to the alarm topic", () => {
    const template = synth.template(Bus);
    const [topicId] = onlyResource(synth.template(Monitoring), "AWS::SNS::Topic");
    const queueIds = resourcesOf(template, "AWS::SQS::Queue").map(([id]) => id);
    const targets = [...rules, ...schedules];
    expect(queueIds.length).toBe(targets.length + new Set(targets.map((r) => r.target.handler)).size);
    const alarms = resourcesOf(template, "AWS::CloudWatch::Alarm").map(([, a]) => at(a, "Properties"));
    for (const queueId of queueIds) {
      expect(alarms).toContainEqual(
        expect.objectContaining({
          Namespace: "AWS/SQS",
          MetricName: "ApproximateNumberOfMessagesVisible",
          Dimensions: [{ Name: "QueueName", Value: { "Fn::GetAtt": [queueId, "QueueName"] } }],
          ComparisonOperator: "GreaterThanThreshold",
          Threshold: 0,
          AlarmActions: [importOf(synth.template(Monitoring), topicId)],
        }),
      );
    }
  });
});

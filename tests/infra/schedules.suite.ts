import { existsSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { schedules } from "@dealflow/infra";
import { Bus } from "../../stacks/bus.stack.ts";
import type { SynthesizedApp } from "./synth-app.ts";
import { sharedApp, sharedAppTimeout } from "./shared-app.ts";
import { at, functionByHandler, resourceById, resourcesOf, statementsOfFunctionRole } from "./template-queries.ts";

let synth: SynthesizedApp;
beforeAll(async () => {
  synth = await sharedApp();
}, sharedAppTimeout);

const eventsDir = path.join(import.meta.dirname, "../../packages/functions/src/events");
/** Where a schedule's Lambda entry lives: `handler` is relative to functions/src/events (scheduled jobs: ../scheduled). */
const entryOf = (handler: string) => path.relative(path.join(import.meta.dirname, "../.."), path.join(eventsDir, handler)).split(path.sep).join("/");
const scheduleRule = (description: string) => resourcesOf(synth.template(Bus), "AWS::Events::Rule").find(([, r]) => at(r, "Properties", "Description") === description)?.[1];

describe("scheduled jobs (infra/schedules.ts)", () => {
  test("are data: unique names, valid cron/rate expressions, a Lambda entry file exporting handler", () => {
    expect(new Set(schedules.map((s) => s.name)).size).toBe(schedules.length);
    for (const s of schedules) {
      expect(s.schedule).toMatch(/^(cron\((\S+ ){5}\S+\)|rate\(\d+ (minute|minutes|hour|hours|day|days)\))$/);
      expect(existsSync(path.join(eventsDir, `${s.target.handler}.ts`))).toBe(true);
    }
    expect(schedules.find((s) => s.name === "NightlyLeadRescore")).toMatchObject({ schedule: "cron(0 18 * * ? *)", target: { handler: "../scheduled/nightly-rescore" } });
  });

  test("each deploys as an enabled schedule rule whose target is its own Lambda, retried and dead-lettered", () => {
    const template = synth.template(Bus);
    for (const s of schedules) {
      const rule = scheduleRule(s.description);
      expect(at(rule, "Properties")).toMatchObject({ ScheduleExpression: s.schedule, State: "ENABLED" });
      const [fnId] = functionByHandler(template, `${entryOf(s.target.handler)}.handler`);
      const [target] = [at(rule, "Properties", "Targets")].flat();
      expect(at(target, "Arn")).toEqual({ "Fn::GetAtt": [fnId, "Arn"] });
      expect(at(target, "RetryPolicy")).toEqual({ MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 8 });
      expect(resourceById(template, String(at(target, "DeadLetterConfig", "Arn", "Fn::GetAtt", 0)))).toMatchObject({ Type: "AWS::SQS::Queue", Properties: { SqsManagedSseEnabled: true } });
    }
  });

  test("the nightly re-score Lambda is built from functions/src/scheduled and may query and write the table and publish on the bus", () => {
    const template = synth.template(Bus);
    const [fnId, fn] = functionByHandler(template, "packages/functions/src/scheduled/nightly-rescore.handler");
    expect(fn).toMatchObject({ Properties: { Runtime: "nodejs22.x", Architectures: ["arm64"] } });
    const actions = statementsOfFunctionRole(template, fnId).flatMap((s) => s.actions);
    expect(actions).toEqual(expect.arrayContaining(["dynamodb:Query", "dynamodb:GetItem", "dynamodb:UpdateItem", "events:PutEvents"]));
    const permission = resourcesOf(template, "AWS::Lambda::Permission").find(([, p]) => at(p, "Properties", "FunctionName", "Fn::GetAtt", 0) === fnId);
    expect(at(permission?.[1], "Properties", "Principal")).toBe("events.amazonaws.com");
  });
});

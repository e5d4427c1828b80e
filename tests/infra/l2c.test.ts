import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { rules } from "@dealflow/infra";
import { Bus } from "../../stacks/bus.stack.ts";
import { synthesizeApp, type SynthesizedApp } from "./synth-app.ts";
import { at, functionByHandler, resourceById, resourcesOf, statementsOfFunctionRole } from "./template-queries.ts";

/** Lead to cash (issue 7): quotes and orders here; payments and collection add their own describe block. */
let synth: SynthesizedApp;
beforeAll(async () => {
  synth = await synthesizeApp("test");
  // Bundling every Lambda with esbuild takes minutes on a loaded machine.
}, 600_000);
afterAll(async () => synth?.cleanup());

describe("quotes & orders: the approval mail consumer", () => {
  const spec = rules.find((r) => r.name === "QuoteApprovalMail");

  test("takes the approval request and both decisions, and nothing else", () => {
    expect(spec?.pattern).toEqual({ source: ["dealflow"], "detail-type": ["quote.approval_requested", "quote.approved", "quote.rejected"] });
    expect(spec?.target).toEqual({ kind: "lambda", handler: "quote-approval-mail" });
  });

  test("its rule targets its own Lambda with retries and a dead-letter queue", () => {
    const template = synth.template(Bus);
    const [fnId, fn] = functionByHandler(template, "packages/functions/src/events/quote-approval-mail.handler");
    const [, rule] = resourcesOf(template, "AWS::Events::Rule").find(([, r]) => at(r, "Properties", "Description") === spec?.description) ?? [];
    expect(at(rule, "Properties", "EventPattern")).toEqual(spec?.pattern);
    expect(at(rule, "Properties", "Targets")).toHaveLength(1);
    const target = at(rule, "Properties", "Targets", 0);
    expect(at(target, "Arn")).toEqual({ "Fn::GetAtt": [fnId, "Arn"] });
    expect(at(target, "RetryPolicy")).toEqual({ MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 8 });
    expect(resourceById(template, String(at(target, "DeadLetterConfig", "Arn", "Fn::GetAtt", 0)))).toMatchObject({ Type: "AWS::SQS::Queue" });
    expect(at(fn, "Properties", "Runtime")).toMatch(/^nodejs/);
  });

  test("the consumer may write notifications (conditionally) and send mail, and starts no workflows", () => {
    const template = synth.template(Bus);
    const [fnId] = functionByHandler(template, "packages/functions/src/events/quote-approval-mail.handler");
    const actions = statementsOfFunctionRole(template, fnId).flatMap((s) => s.actions);
    expect(actions).toEqual(expect.arrayContaining(["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "ses:SendEmail"]));
    expect(actions.filter((a) => a.startsWith("states:"))).toEqual([]);
  });
});

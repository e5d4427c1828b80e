import { beforeAll, describe, expect, test } from "vitest";
import { rules } from "@dealflow/infra";
import { Bus } from "../../stacks/bus.stack.ts";
import type { SynthesizedApp } from "./synth-app.ts";
import { sharedApp, sharedAppTimeout } from "./shared-app.ts";
import { expectInvokesOnly, expectMachineRights, expectRuleTarget } from "./rule-assertions.ts";
import { at, functionByHandler, resourceById, resourcesOf, statementsOfFunctionRole } from "./template-queries.ts";
import { validateAsl } from "@dealflow/local/workflow/asl-validation";
import { Workflows } from "../../stacks/workflows.stack.ts";

/** Lead to cash (issue 7): quotes and orders here; payments and collection add their own describe block. */
let synth: SynthesizedApp;
beforeAll(async () => {
  synth = await sharedApp();
}, sharedAppTimeout);

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

describe("payments: instalment-collection machine and its consumers", () => {
  const collectionName = "test-dealflow-instalment-collection";
  type CollectionState = { Type: string; Resource?: string; TimestampPath?: string; Parameters?: { FunctionName?: string }; Retry?: unknown[] };

  function collectionMachine(): [unknown, Record<string, CollectionState>] {
    const found = resourcesOf(synth.template(Workflows), "AWS::StepFunctions::StateMachine").find(([, m]) => at(m, "Properties", "StateMachineName") === collectionName);
    if (!found) throw new Error(`no state machine ${collectionName}`);
    const definition = JSON.parse(String(at(found[1], "Properties", "DefinitionString"))) as { States: Record<string, CollectionState> };
    expect(validateAsl(definition)).toEqual({ isValid: true, problems: [] });
    return [found[1], definition.States];
  }

  test("a Standard machine that waits on absolute times only (reminder, due + grace) and retries every task", () => {
    const [machine, states] = collectionMachine();
    expect(at(machine, "Properties", "StateMachineType")).toBe("STANDARD");
    expect(Object.keys(states)).toEqual(["LoadCollection", "RouteCollection", "WaitForCollectionTime", "RouteCollectionStep", "SendPaymentReminder", "MarkInstalmentOverdue", "CollectionEnded"]);
    expect(Object.values(states).filter((s) => s.Type === "Wait")).toEqual([expect.objectContaining({ TimestampPath: "$.at" })]);
    for (const task of Object.values(states).filter((s) => s.Type === "Task")) {
      expect(task).toMatchObject({ Resource: "arn:aws:states:::lambda:invoke", Parameters: { FunctionName: "${InstalmentCollectionFunctionArn}" } });
      expect(task.Retry?.length).toBeGreaterThan(0);
    }
  });

  test("its task Lambda is substituted in and the only one it may invoke; it reads and writes the table, publishes instalment.overdue and sends mail", () => {
    const template = synth.template(Workflows);
    const [taskId] = functionByHandler(template, "packages/functions/src/workflows/instalment-collection.handler");
    const [machine] = collectionMachine();
    expect(at(machine, "Properties", "DefinitionSubstitutions")).toEqual({ InstalmentCollectionFunctionArn: { "Fn::GetAtt": [taskId, "Arn"] } });
    expectInvokesOnly(template, machine, taskId);
    const actions = statementsOfFunctionRole(template, taskId).flatMap((s) => s.actions);
    expect(actions).toEqual(expect.arrayContaining(["dynamodb:Query", "dynamodb:UpdateItem", "events:PutEvents", "ses:SendEmail"]));
  });

  test("payment_plan.set starts, instalment.paid and order.cancelled stop executions: rules with retries and a DLQ, rights on this machine only", () => {
    expect(rules.find((r) => r.name === "InstalmentCollectionStart")?.pattern).toEqual({ source: ["dealflow"], "detail-type": ["payment_plan.set"] });
    expect(rules.find((r) => r.name === "InstalmentCollectionStop")?.pattern).toEqual({ source: ["dealflow"], "detail-type": ["instalment.paid", "order.cancelled"] });
    const template = synth.template(Bus);
    for (const spec of rules.filter((r) => r.target.handler.startsWith("instalment-collection-"))) {
      const [fnId, fn] = expectRuleTarget(template, spec);
      expectMachineRights(template, fnId, fn, collectionName);
      // Both read the order's partition (the stop on order.cancelled finds the order's instalments there).
      expect(statementsOfFunctionRole(template, fnId).flatMap((s) => s.actions)).toEqual(expect.arrayContaining(["dynamodb:Query", "dynamodb:GetItem"]));
    }
  });
});

import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rules as allRules, type RuleSpec } from "@dealflow/infra";
import type { BusEnvelope } from "@dealflow/core/ports/bus";
import { LocalBus, type BusTarget, type DeliveryRecord } from "./local-bus.ts";
import { BusValidationError } from "./put-events-entry.ts";

// The rule under test: marketing Lead Captured → the lead-captured consumer (the other rules have other targets).
const rules = allRules.filter((r) => r.target.handler === "lead-captured");

const leadCaptured = {
  EventBusName: "dealflow-test",
  Source: "marketing.hubspot",
  DetailType: "Lead Captured",
  Detail: JSON.stringify({ email: "ada@example.com", company: "Analytical Engines" }),
};

function recordingTarget(failures = 0): BusTarget & { calls: BusEnvelope[] } {
  const calls: BusEnvelope[] = [];
  const target = async (event: BusEnvelope) => {
    calls.push(event);
    if (calls.length <= failures) throw new Error(`boom ${calls.length}`);
  };
  return Object.assign(target, { calls });
}

function busWith(target: BusTarget, extra: Partial<ConstructorParameters<typeof LocalBus>[0]> = {}) {
  return new LocalBus({
    busName: "dealflow-test",
    rules,
    targets: { "lead-captured": target },
    retry: { maxAttempts: 3, baseDelayMs: 5 },
    ...extra,
  });
}

describe("LocalBus", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "local-bus-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("shows each accepted event to onAccepted, and deliverAgain hands the same envelope (same id) to its targets once more", async () => {
    const target = recordingTarget();
    const accepted: BusEnvelope[] = [];
    const bus = busWith(target, { onAccepted: (e) => accepted.push(e) });
    bus.putEvents([leadCaptured, { ...leadCaptured, Source: "" }]);
    await bus.idle();
    expect(accepted).toHaveLength(1);
    expect(accepted[0]).toEqual(target.calls[0]);
    bus.deliverAgain(accepted[0] as BusEnvelope);
    await bus.idle();
    expect(target.calls.map((e) => e.id)).toEqual([accepted[0]?.id, accepted[0]?.id]);
    expect(accepted).toHaveLength(1);
  });

  it("delivers a matching event to the rule's target as an AWS envelope, after PutEvents returns", async () => {
    const target = recordingTarget();
    const bus = busWith(target, { clock: { now: () => new Date("2030-01-02T03:04:05.678Z") } });

    const result = bus.putEvents([leadCaptured]);
    expect(target.calls).toHaveLength(0);
    await bus.idle();

    expect(result.FailedEntryCount).toBe(0);
    const [entry] = result.Entries;
    expect(entry && "EventId" in entry ? entry.EventId : "").toMatch(/^[0-9a-f-]{36}$/);
    expect(target.calls).toEqual([
      {
        version: "0",
        id: entry && "EventId" in entry ? entry.EventId : "",
        "detail-type": "Lead Captured",
        source: "marketing.hubspot",
        account: "000000000000",
        time: "2030-01-02T03:04:05Z",
        region: "us-east-1",
        resources: [],
        detail: { email: "ada@example.com", company: "Analytical Engines" },
      },
    ]);
    expect(bus.stats).toMatchObject({ accepted: 1, deliveries: 1, delivered: 1, deadLettered: 0 });
  });

  it("does not deliver events the rule's pattern does not match", async () => {
    const target = recordingTarget();
    const bus = busWith(target);

    const result = bus.putEvents([
      { ...leadCaptured, Source: "dealflow" },
      { ...leadCaptured, DetailType: "Lead Updated" },
    ]);
    await bus.idle();

    expect(result.FailedEntryCount).toBe(0);
    expect(target.calls).toHaveLength(0);
    expect(bus.stats.deliveries).toBe(0);
  });

  it("retries a failing target and stops once it succeeds", async () => {
    const target = recordingTarget(2);
    const records: DeliveryRecord[] = [];
    const bus = busWith(target, { onDelivery: (r) => records.push(r) });

    bus.putEvents([leadCaptured]);
    await bus.idle();

    expect(target.calls).toHaveLength(3);
    expect(new Set(target.calls.map((c) => c.id)).size).toBe(1);
    expect(bus.dlq()).toEqual([]);
    expect(records).toEqual([expect.objectContaining({ outcome: "delivered", attempts: 3, rule: "MarketingLeadCaptured" })]);
  });

  it("dead-letters a delivery after the last attempt, in memory and in the DLQ file", async () => {
    const target = recordingTarget(Number.POSITIVE_INFINITY);
    const dlqFile = join(dir, "nested", "dlq.jsonl");
    const bus = busWith(target, { dlqFile });

    const result = bus.putEvents([leadCaptured]);
    await bus.idle();

    expect(target.calls).toHaveLength(3);
    const letters = bus.dlq();
    expect(letters).toEqual([
      expect.objectContaining({ rule: "MarketingLeadCaptured", target: "lead-captured", error: "boom 3", attempts: 3 }),
    ]);
    expect(letters[0]?.event.id).toBe(result.Entries[0] && "EventId" in result.Entries[0] ? result.Entries[0].EventId : "");
    const lines = (await readFile(dlqFile, "utf8")).trim().split("\n");
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual(letters);
    expect(bus.stats).toMatchObject({ retries: 2, deadLettered: 1, delivered: 0 });
  });

  it("rejects invalid entries one by one and still delivers the valid ones", async () => {
    const target = recordingTarget();
    const bus = busWith(target);

    const result = bus.putEvents([
      { ...leadCaptured, Source: undefined },
      { ...leadCaptured, DetailType: "" },
      { ...leadCaptured, Detail: "[1,2]" },
      { ...leadCaptured, Detail: "{not json" },
      { ...leadCaptured, EventBusName: "someone-elses-bus" },
      { ...leadCaptured, Source: "aws.ec2" },
      leadCaptured,
    ]);
    await bus.idle();

    expect(result.FailedEntryCount).toBe(6);
    expect(result.Entries.map((e) => ("ErrorCode" in e ? e.ErrorCode : "ok"))).toEqual([
      "InvalidArgument", "InvalidArgument", "MalformedDetail", "MalformedDetail",
      "ResourceNotFoundException", "NotAuthorizedForSourceException", "ok",
    ]);
    expect(result.Entries[0]).toMatchObject({ ErrorMessage: expect.stringContaining("Source") });
    expect(target.calls).toHaveLength(1);
  });

  it("maps an omitted or default bus onto itself unless told not to", async () => {
    const { EventBusName: _omitted, ...onDefaultBus } = leadCaptured;
    const lenient = busWith(recordingTarget());
    const strict = busWith(recordingTarget(), { acceptDefaultBus: false });

    expect(lenient.putEvents([onDefaultBus, { ...onDefaultBus, EventBusName: "default" }]).FailedEntryCount).toBe(0);
    expect(strict.putEvents([onDefaultBus]).Entries[0]).toMatchObject({ ErrorCode: "ResourceNotFoundException" });
    expect(
      strict.putEvents([{ ...leadCaptured, EventBusName: "arn:aws:events:us-east-1:000000000000:event-bus/dealflow-test" }])
        .FailedEntryCount,
    ).toBe(0);
    await Promise.all([lenient.idle(), strict.idle()]);
  });

  it("refuses calls with no entries or more than ten", () => {
    const bus = busWith(recordingTarget());
    expect(() => bus.putEvents([])).toThrow(BusValidationError);
    expect(() => bus.putEvents(Array.from({ length: 11 }, () => leadCaptured))).toThrow(/length between 1 and 10/);
  });

  it("refuses the whole call when no entry has Source, DetailType and Detail", () => {
    const bus = busWith(recordingTarget());
    expect(() => bus.putEvents([{ ...leadCaptured, Detail: undefined }, { ...leadCaptured, Source: "" }])).toThrow(
      /no entry has all three/,
    );
  });

  it("refuses rules without a target or with an invalid pattern", () => {
    const bad: RuleSpec = { name: "Bad", description: "", pattern: { source: "x" }, target: { kind: "lambda", handler: "h" } };
    expect(() => new LocalBus({ busName: "b", rules, targets: {} })).toThrow(/lead-captured/);
    expect(() => new LocalBus({ busName: "b", rules: [bad], targets: { h: recordingTarget() } })).toThrow(
      /Rule Bad has an invalid event pattern: source: must be an object or an array/,
    );
  });
});

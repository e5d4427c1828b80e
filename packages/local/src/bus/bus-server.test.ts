import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EventBridgeClient, ListRulesCommand, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { rules as allRules } from "@dealflow/infra";
import type { BusEnvelope } from "@dealflow/core/ports/bus";
import { createEventBridgePublisher, EventPublishError } from "@dealflow/core/bus/index";
import { LocalBus } from "./local-bus.ts";
import { startBusServer, type BusServer } from "./bus-server.ts";

// The rule under test: marketing Lead Captured → the lead-captured consumer (the other rules have other targets).
const rules = allRules.filter((r) => r.target.handler === "lead-captured");

const busName = "dealflow-e2e";
const received: BusEnvelope[] = [];

describe("bus server, driven by the real EventBridgeClient", () => {
  let server: BusServer;
  let client: EventBridgeClient;
  let bus: LocalBus;

  beforeAll(async () => {
    bus = new LocalBus({
      busName,
      rules,
      retry: { maxAttempts: 2, baseDelayMs: 1 },
      targets: {
        "lead-captured": async (event) => {
          received.push(event);
          const detail = event.detail as { data?: { fail?: boolean } };
          if (detail.data?.fail) throw new Error("lead store unavailable");
        },
      },
    });
    server = await startBusServer(bus);
    client = new EventBridgeClient({
      endpoint: server.url,
      region: "us-east-1",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
  });

  afterAll(async () => {
    client.destroy();
    await server.close();
  });

  const newEvents = () => received.splice(0, received.length);

  it("delivers a raw PutEvents entry to the target of the infra rule that matches it", async () => {
    const result = await client.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: busName,
            Source: "marketing.hubspot",
            DetailType: "Lead Captured",
            Detail: JSON.stringify({ email: "grace@example.com" }),
            Time: new Date("2031-05-06T07:08:09Z"),
            Resources: ["arn:aws:hubspot:form/42"],
          },
        ],
      }),
    );
    await bus.idle();

    expect(result.FailedEntryCount).toBe(0);
    expect(newEvents()).toEqual([
      {
        version: "0",
        id: result.Entries?.[0]?.EventId,
        "detail-type": "Lead Captured",
        source: "marketing.hubspot",
        account: "000000000000",
        time: "2031-05-06T07:08:09Z",
        region: "us-east-1",
        resources: ["arn:aws:hubspot:form/42"],
        detail: { email: "grace@example.com" },
      },
    ]);
  });

  it("reports invalid entries per entry in the SDK response", async () => {
    const result = await client.send(
      new PutEventsCommand({
        Entries: [
          { Source: "marketing.hubspot", DetailType: "Lead Captured", Detail: "not json" },
          { Source: "marketing.hubspot", DetailType: "Lead Captured", Detail: "{}" },
        ],
      }),
    );
    await bus.idle();

    expect(result.FailedEntryCount).toBe(1);
    expect(result.Entries?.[0]).toMatchObject({ ErrorCode: "MalformedDetail", ErrorMessage: "Detail is malformed." });
    expect(result.Entries?.[1]?.EventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(newEvents()).toHaveLength(1);
  });

  it("publishes domain events through createEventBridgePublisher in batches of ten", async () => {
    const publisher = createEventBridgePublisher({ client, busName, source: "marketing.webform" });
    const events = Array.from({ length: 12 }, (_, i) => ({
      id: `evt-${i}`,
      name: "Lead Captured",
      version: 1,
      occurredAt: "2031-01-01T00:00:00.000Z",
      actorId: "user-1",
      data: { email: `lead${i}@example.com` },
    }));

    await publisher.publish(events);
    await bus.idle();

    const delivered = newEvents();
    expect(delivered).toHaveLength(12);
    expect(delivered.map((e) => e.detail)).toEqual(
      events.map(({ id, version, occurredAt, actorId, data }) => ({ id, version, occurredAt, actorId, data })),
    );
    expect(delivered[0]).toMatchObject({ source: "marketing.webform", "detail-type": "Lead Captured", time: "2031-01-01T00:00:00Z" });
  });

  it("makes the publisher throw, after one retry, when entries keep failing", async () => {
    const publisher = createEventBridgePublisher({ client, busName: "no-such-bus" });
    const rejectedBefore = bus.stats.rejected;
    const event = { id: "evt-x", name: "lead.created", version: 1, occurredAt: "2031-01-01T00:00:00Z", data: {} };

    const attempt = publisher.publish([event]);

    await expect(attempt).rejects.toThrow(EventPublishError);
    await expect(attempt).rejects.toThrow(/lead\.created evt-x \(ResourceNotFoundException: Event bus no-such-bus does not exist\.\)/);
    expect(bus.stats.rejected - rejectedBefore).toBe(2);
  });

  it("lists dead-lettered deliveries on GET /dlq", async () => {
    const publisher = createEventBridgePublisher({ client, busName, source: "marketing.hubspot" });
    await publisher.publish([
      { id: "evt-dead", name: "Lead Captured", version: 1, occurredAt: "2031-01-01T00:00:00Z", data: { fail: true } },
    ]);
    await bus.idle();
    newEvents();

    const response = await fetch(`${server.url}/dlq`);
    const letters: unknown = await response.json();

    expect(response.status).toBe(200);
    expect(letters).toEqual([
      expect.objectContaining({
        rule: "MarketingLeadCaptured",
        target: "lead-captured",
        error: "lead store unavailable",
        attempts: 2,
        event: expect.objectContaining({ detail: expect.objectContaining({ id: "evt-dead" }) }),
      }),
    ]);
  });

  it("rejects more than ten entries with a ValidationException", async () => {
    const entry = { Source: "marketing.hubspot", DetailType: "Lead Captured", Detail: "{}" };
    const call = client.send(new PutEventsCommand({ Entries: Array.from({ length: 11 }, () => entry) }));
    await expect(call).rejects.toMatchObject({ name: "ValidationException", $metadata: { httpStatusCode: 400 } });
  });

  it("answers operations other than PutEvents with a clear UnknownOperationException", async () => {
    const call = client.send(new ListRulesCommand({}));
    await expect(call).rejects.toMatchObject({
      name: "UnknownOperationException",
      message: expect.stringContaining("only AWSEvents.PutEvents is served"),
    });
  });

  it("answers malformed requests with 400 and an AWS-shaped body", async () => {
    const post = (body: string, contentType = "application/x-amz-json-1.1") =>
      fetch(server.url, {
        method: "POST",
        headers: { "content-type": contentType, "x-amz-target": "AWSEvents.PutEvents" },
        body,
      });

    const notJson = await post("{oops");
    const wrongType = await post(JSON.stringify({ Entries: [{ Source: 5 }] }));
    const wrongMedia = await post("{}", "text/plain");

    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ __type: "SerializationException", message: "Request body is not valid JSON" });
    expect(wrongType.status).toBe(400);
    expect(await wrongType.json()).toMatchObject({ __type: "SerializationException", field: "Entries.0.Source" });
    expect(wrongMedia.status).toBe(400);
    expect(await wrongMedia.json()).toMatchObject({ code: "SerializationException", field: "Content-Type" });
  });
});

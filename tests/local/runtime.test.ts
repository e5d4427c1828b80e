import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { startLocalRuntime, type LocalRuntime } from "@dealflow/local/runtime/local-runtime";

const dataDir = mkdtempSync(join(tmpdir(), "dealflow-runtime-"));
let runtime: LocalRuntime | undefined;
afterAll(async () => {
  await runtime?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("the local runtime", () => {
  it("starts every part on loopback, seeds demo data once, and keeps it across a restart", async () => {
    runtime = await startLocalRuntime({ dataDir, seed: true });
    expect(runtime.seeded).toMatchObject({ teams: 2, leads: 300, opportunities: 100 });
    expect(runtime.seeded?.users).toHaveLength(11);
    for (const url of Object.values(runtime.endpoints)) expect(url).toMatch(/^(http|smtp):\/\/127\.0\.0\.1:\d+$/);
    expect(Object.keys(runtime.endpoints).sort()).toEqual(["api", "dynamodb", "events", "mail", "smtp", "states"]);
    const health = await fetch(`${runtime.endpoints.api}/health`);
    expect(health.status).toBe(200);
    const inbox = await fetch(`${runtime.endpoints.mail}/api/email`);
    expect(inbox.status).toBe(200);
    const sfn = await fetch(`${runtime.endpoints.states}/`, { method: "POST", headers: { "x-amz-target": "AWSStepFunctions.ListExecutions", "content-type": "application/x-amz-json-1.0" }, body: JSON.stringify({ stateMachineArn: "arn:aws:states:us-east-1:000000000000:stateMachine:none" }) });
    expect(sfn.status).toBe(400);
    expect(((await sfn.json()) as { __type: string }).__type).toMatch(/StateMachineDoesNotExist/);
    await runtime.stop();

    runtime = await startLocalRuntime({ dataDir, seed: true });
    expect(runtime.seeded).toBeUndefined();
    const login = await fetch(`${runtime.endpoints.api}/auth/dev-login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "zhang.wei@dealflow.dev" }) });
    const { token } = (await login.json()) as { token: string };
    const deals = await fetch(`${runtime.endpoints.api}/opportunities?limit=200`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await deals.json()) as { items: unknown[] }).items.length).toBeGreaterThan(10);
  }, 300_000);

  it("turns a marketing system's Lead Captured event, sent with the plain AWS SDK, into a lead", async () => {
    if (!runtime) throw new Error("runtime not started");
    const client = new EventBridgeClient({ endpoint: runtime.endpoints.events, region: "us-east-1", credentials: { accessKeyId: "any", secretAccessKey: "any" } });
    const detail = { name: "Grace Hopper", email: "Grace@Navy.example", company: { name: "US Navy", region: "NA" }, campaign: "Webinar" };
    const out = await client.send(new PutEventsCommand({ Entries: [{ Source: "marketing.hubspot", DetailType: "Lead Captured", Detail: JSON.stringify(detail), EventBusName: "dealflow-local" }] }));
    const eventId = out.Entries?.[0]?.EventId;
    expect(eventId).toBeTruthy();
    const lead = await waitFor(async () => (await runtime?.db.entities.lead.get({ leadId: `evt-${eventId}` }).go())?.data ?? undefined);
    expect(lead).toMatchObject({ name: "Grace Hopper", email: "grace@navy.example", source: "marketing_event", status: "new", campaign: "Webinar" });
    client.destroy();
  });

  it("dead-letters a malformed marketing event with the reason and writes no lead", async () => {
    if (!runtime) throw new Error("runtime not started");
    const client = new EventBridgeClient({ endpoint: runtime.endpoints.events, region: "us-east-1", credentials: { accessKeyId: "any", secretAccessKey: "any" } });
    const out = await client.send(new PutEventsCommand({ Entries: [{ Source: "marketing.form", DetailType: "Lead Captured", Detail: JSON.stringify({ name: "No Contact Details" }) }] }));
    const eventId = out.Entries?.[0]?.EventId;
    await runtime.bus.idle();
    const dlq = (await (await fetch(`${runtime.endpoints.events}/dlq`)).json()) as { event: { id: string }; error: string }[];
    const letter = dlq.find((d) => d.event.id === eventId);
    expect(letter?.error).toMatch(/email or a phone/);
    expect((await runtime.db.entities.lead.get({ leadId: `evt-${eventId}` }).go()).data).toBeNull();
    client.destroy();
  }, 60_000);
});

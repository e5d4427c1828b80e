import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { rules as allRules } from "@dealflow/infra";
import { Team, systemPrincipal } from "@dealflow/core";
import type { BusEnvelope } from "@dealflow/core/ports/bus";
import { listMarketingActivities, listTouches } from "@dealflow/core/lead/capture/index";
import { eventHandlers } from "@dealflow/functions/events/index";
import { LocalBus } from "@dealflow/local/bus/local-bus";
import { startBusServer, type BusServer } from "@dealflow/local/bus/bus-server";
import { testRuntimeDeps } from "../support/runtime-deps.ts";

type Deps = Awaited<ReturnType<typeof testRuntimeDeps>>;
let t: Deps;
let bus: LocalBus;
let server: BusServer;
let client: EventBridgeClient;
const run = Date.now().toString(36);
const handlers = ["lead-captured", "lead-activity"] as const;

beforeAll(async () => {
  t = await testRuntimeDeps();
  await Team.createTeam({ ...t.deps, actor: systemPrincipal }, { name: "Inbound", regions: ["华东"], timezone: "Asia/Shanghai" });
  const targets = Object.fromEntries(handlers.map((h) => [h, eventHandlers[h]?.(t.deps) ?? (async () => { throw new Error(`no handler ${h}`); })]));
  bus = new LocalBus({ busName: "dealflow-local", rules: allRules.filter((r) => (handlers as readonly string[]).includes(r.target.handler)), targets, retry: { maxAttempts: 2, baseDelayMs: 1 } });
  server = await startBusServer(bus);
  // What an outside marketing tool does: the plain SDK client, pointed at the local events endpoint.
  client = new EventBridgeClient({ endpoint: server.url, region: "us-east-1", credentials: { accessKeyId: "any", secretAccessKey: "any" } });
});

afterAll(async () => {
  client.destroy();
  await server.close();
});

async function put(detailType: "Lead Captured" | "Lead Activity", detail: unknown, source = "marketing.hubspot"): Promise<string> {
  const out = await client.send(new PutEventsCommand({ Entries: [{ Source: source, DetailType: detailType, Detail: JSON.stringify(detail), EventBusName: "dealflow-local" }] }));
  await bus.idle();
  const id = out.Entries?.[0]?.EventId;
  if (!id) throw new Error(`PutEvents refused the entry: ${JSON.stringify(out.Entries)}`);
  return id;
}

const envelope = (id: string, detailType: string, detail: unknown): BusEnvelope => ({
  version: "0", id, "detail-type": detailType, source: "marketing.form", account: "000000000000", time: "2026-03-04T05:06:07.000Z", region: "us-east-1", resources: [], detail,
});
const leadOf = async (leadId: string) => (await t.deps.db.entities.lead.get({ leadId }).go()).data;
const published = (name: string, leadId: string) => t.events.filter((e) => e.name === name && e.data.leadId === leadId);
const letterOf = (eventId: string) => bus.dlq().find((d) => d.event.id === eventId);

describe("marketing events from an outside program", () => {
  it("turns Lead Captured into a lead and Lead Activity into a recorded behaviour of that lead", async () => {
    const captured = await put("Lead Captured", { name: "Grace Hopper", email: `Grace@Navy-${run}.example`, phone: "139 1234 5678", company: { name: "US Navy", region: "华东" }, campaign: "Webinar" });
    const leadId = `evt-${captured}`;
    expect(await leadOf(leadId)).toMatchObject({ name: "Grace Hopper", email: `grace@navy-${run}.example`, phone: "+8613912345678", source: "marketing_event", campaign: "Webinar", status: "new" });
    const activity = await put("Lead Activity", { email: `grace@navy-${run}.example`, activityType: "demo_request", url: "https://navy.example/demo", at: "2026-03-01T09:00:00+08:00" }, "marketing.marketo");
    expect(await listMarketingActivities({ ...t.deps, actor: systemPrincipal }, leadId)).toMatchObject([{ eventId: activity, activityType: "demo_request", at: "2026-03-01T01:00:00.000Z", source: "marketing.marketo", matchedBy: "email" }]);
    expect(published("lead.activity_recorded", leadId)).toMatchObject([{ data: { teamId: expect.any(String), activity: { activityType: "demo_request", eventId: activity } } }]);
    expect(letterOf(captured) ?? letterOf(activity)).toBeUndefined();
  });

  it("dead-letters invalid events and activities of unknown leads with the reason, writing nothing", async () => {
    const unknown = await put("Lead Activity", { email: `nobody@${run}.example`, activityType: "page_visit" });
    expect(letterOf(unknown)?.error).toMatch(/No lead has email nobody@/);
    const badType = await put("Lead Activity", { email: `grace@navy-${run}.example`, activityType: "telepathy" });
    expect(letterOf(badType)?.error).toMatch(/activityType/);
    const badPhone = await put("Lead Captured", { name: "Bad Phone", phone: "12345" });
    expect(letterOf(badPhone)?.error).toMatch(/phone/);
    expect(await leadOf(`evt-${badPhone}`)).toBeNull();
    expect(t.events.filter((e) => e.name === "lead.activity_recorded" && [unknown, badType].includes(String((e.data.activity as { eventId: string }).eventId)))).toHaveLength(0);
  });
});

describe("redelivery and repeats", () => {
  it("creates one lead for an event delivered twice, and a touch for a second event about the same person", async () => {
    const captured = eventHandlers["lead-captured"]?.(t.deps);
    if (!captured) throw new Error("lead-captured handler missing");
    const first = envelope(`m1-${run}`, "Lead Captured", { name: "Ada Lovelace", email: `ada@engines-${run}.example`, company: { name: "Analytical Engines" } });
    await captured(first);
    await captured(first);
    await captured(envelope(`m2-${run}`, "Lead Captured", { name: "Ada Lovelace", email: `ADA@engines-${run}.example`, campaign: "Retargeting" }));
    const leadId = `evt-m1-${run}`;
    expect(await leadOf(leadId)).toMatchObject({ touchCount: 1, companyName: "Analytical Engines" });
    expect(await leadOf(`evt-m2-${run}`)).toBeNull();
    expect(published("lead.created", leadId)).toHaveLength(1);
    expect(await listTouches({ ...t.deps, actor: systemPrincipal }, leadId)).toMatchObject([{ channel: "marketing_event", campaign: "Retargeting", matchedBy: "email" }]);
  });

  it("records a Lead Activity once per event id, however often it is delivered", async () => {
    const activity = eventHandlers["lead-activity"]?.(t.deps);
    if (!activity) throw new Error("lead-activity handler missing");
    const event = envelope(`a1-${run}`, "Lead Activity", { email: `ada@engines-${run}.example`, activityType: "pricing_page" });
    await Promise.all([activity(event), activity(event)]);
    await activity(event);
    const leadId = `evt-m1-${run}`;
    expect(await listMarketingActivities({ ...t.deps, actor: systemPrincipal }, leadId)).toMatchObject([{ eventId: `a1-${run}`, activityType: "pricing_page", at: "2026-03-04T05:06:07.000Z" }]);
    expect(published("lead.activity_recorded", leadId)).toHaveLength(1);
  });
});

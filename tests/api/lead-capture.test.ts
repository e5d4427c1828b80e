import { beforeAll, describe, expect, it } from "vitest";
import { startTestApi } from "../support/api.ts";

let api: Awaited<ReturnType<typeof startTestApi>>;
let rep: string; // li.na, East
let otherRep: string; // tom.baker, Global
const run = Date.now().toString(36);

beforeAll(async () => {
  api = await startTestApi();
  rep = await api.login("li.na@dealflow.dev");
  otherRep = await api.login("tom.baker@dealflow.dev");
});

const post = (body: Record<string, unknown>, opts: { token?: string; key?: string } = {}) =>
  fetch(`${api.url}/leads`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${opts.token ?? rep}`, ...(opts.key && { "idempotency-key": opts.key }) },
    body: JSON.stringify({ source: "api", ...body }),
  }).then(async (res) => ({ status: res.status, body: (await res.json()) as Record<string, any> }));

const touches = async (leadId: string) => (await api.call("GET", `/leads/${leadId}/touches`, { token: rep })).body.items as Record<string, any>[];

describe("POST /leads capture", () => {
  it("normalises the person: trimmed, email lowercase, phone E.164 in the team's country", async () => {
    const res = await post({ name: "  周 杰  ", email: ` Zhou.Jie@Norm-${run}.CN `, phone: "138 0013 0001", companyName: ` 北辰  制造 ${run} ` });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ outcome: "created", name: "周 杰", email: `zhou.jie@norm-${run}.cn`, phone: "+8613800130001", companyName: `北辰  制造 ${run}` });
  });

  it.each([
    ["email", { name: "Ada Key", email: `DUP.Email@Key-${run}.example` }, { email: `dup.email@key-${run}.example`, name: "Someone Else" }],
    ["phone", { name: "Ada Key", phone: "+86 139 0000 0001" }, { phone: "13900000001", name: "Phone Again" }],
    ["company+name", { companyName: `Key Co ${run}`, name: "Ada Key" }, { companyName: `KEY  co ${run}`, name: "ada key" }],
  ])("turns a repeat on %s into a touch on the existing lead (200, outcome touched)", async (_kind, first, again) => {
    const created = await post({ ...first, campaign: "Launch" });
    expect(created.status).toBe(201);
    const repeat = await post({ ...again, campaign: "Webinar", title: "CTO" });
    expect(repeat.status).toBe(200);
    expect(repeat.body).toMatchObject({ outcome: "touched", leadId: created.body.leadId, title: "CTO", touchCount: 1 });
    expect(await touches(created.body.leadId)).toMatchObject([{ channel: "api", campaign: "Webinar", filled: ["title"] }]);
    const stored = (await api.call("GET", `/leads/${created.body.leadId}`, { token: rep })).body;
    expect(stored).toMatchObject({ name: "Ada Key", campaign: "Launch", title: "CTO", touchCount: 1 });
    expect(api.events.filter((e) => e.name === "lead.touched" && e.data.leadId === created.body.leadId)).toHaveLength(1);
  });

  it("gives one lead and 49 touches for 50 concurrent captures of one person", async () => {
    const person = { name: "Race Runner", email: `race@race-${run}.example`, phone: "+86 137 0000 0050", companyName: `Race ${run}` };
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => post({ ...person, campaign: `wave-${i}` })));
    expect(results.map((r) => r.status).sort()).toEqual([...Array(49).fill(200), 201]);
    const ids = new Set(results.map((r) => r.body.leadId));
    expect(ids.size).toBe(1);
    const [leadId] = [...ids];
    const stored = (await api.call("GET", `/leads/${leadId}`, { token: rep })).body;
    expect(stored.touchCount).toBe(49);
    expect(await touches(String(leadId))).toHaveLength(49);
    const list = (await api.call("GET", "/leads?limit=200", { token: rep })).body.items as { email?: string }[];
    expect(list.filter((l) => l.email === person.email)).toHaveLength(1);
  }, 120_000);

  it("replays a request with the same Idempotency-Key without changing anything", async () => {
    const body = { name: "Replay Me", email: `replay@idem-${run}.example` };
    const first = await post(body, { key: `k-${run}` });
    const again = await post(body, { key: `k-${run}` });
    expect(first).toMatchObject({ status: 201, body: { outcome: "created" } });
    expect(again).toMatchObject({ status: 200, body: { outcome: "replayed", leadId: first.body.leadId, version: 1 } });
    expect(await touches(first.body.leadId)).toHaveLength(0);
    expect(api.events.filter((e) => e.data.leadId === first.body.leadId).map((e) => e.name)).toEqual(["lead.created"]);
  });

  it("names, but does not show, a person who is already another team's lead", async () => {
    const east = await post({ name: "Shared Person", email: `shared@teams-${run}.example`, title: "CEO" });
    const global = await post({ name: "Shared Person", email: `shared@teams-${run}.example` }, { token: otherRep });
    expect(global).toMatchObject({ status: 200, body: { outcome: "touched", leadId: east.body.leadId, visible: false } });
    expect(global.body.title).toBeUndefined();
  });

  it("refuses malformed input with 400 {code, message, field} and writes nothing", async () => {
    const before = (await api.call("GET", "/leads?limit=200", { token: rep })).body.items.length;
    const cases: [Record<string, unknown>, string][] = [
      [{ name: "Bad Phone", phone: "12345" }, "phone"],
      [{ name: "Bad Mail", email: "not-an-email" }, "email"],
      [{ name: "" }, "name"],
      [{ name: "Odd", source: "carrier_pigeon" }, "source"],
    ];
    for (const [body, field] of cases) {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: "validation_failed", field, message: expect.any(String) });
    }
    expect((await post({ name: "Bad Key" }, { key: "has space" })).body).toMatchObject({ code: "validation_failed", field: "Idempotency-Key" });
    expect((await api.call("GET", "/leads?limit=200", { token: rep })).body.items.length).toBe(before);
  });
});

describe("keys follow edits", () => {
  it("frees an edited-away email for another lead and refuses taking one another lead has", async () => {
    const a = (await post({ name: "Edit A", email: `a@edit-${run}.example` })).body;
    const b = (await post({ name: "Edit B", email: `b@edit-${run}.example` })).body;
    const taken = await api.call("PATCH", `/leads/${b.leadId}`, { token: rep, body: { version: b.version, email: `a@edit-${run}.example` } });
    expect(taken).toMatchObject({ status: 409, body: { field: "email" } });
    const moved = await api.call("PATCH", `/leads/${a.leadId}`, { token: rep, body: { version: a.version, email: `a2@edit-${run}.example`, phone: "021 5555 0199" } });
    expect(moved).toMatchObject({ status: 200, body: { email: `a2@edit-${run}.example`, phone: "+862155550199" } });
    expect((await post({ name: "New Owner", email: `a@edit-${run}.example` })).status).toBe(201);
    expect((await post({ name: "Edit A", phone: "+86 21 5555 0199" })).body).toMatchObject({ outcome: "touched", leadId: a.leadId });
  });
});

describe("GET /events/schemas", () => {
  it("publishes the JSON schema of every event without sign-in, marketing inputs included", async () => {
    const res = await fetch(`${api.url}/events/schemas`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, { source: string; detail: { properties: Record<string, unknown> } }>;
    expect(body["Lead Captured"]).toMatchObject({ source: "marketing.*", detail: { properties: { name: expect.any(Object), company: expect.any(Object) } } });
    expect(body["Lead Activity"]?.detail.properties.activityType).toBeTruthy();
    expect(body["lead.touched"]?.source).toBe("dealflow");
    const doc = (await api.call("GET", "/openapi.json")).body;
    expect(doc.info.description).toMatch(/\/events\/schemas/);
    expect(doc.paths["/events/schemas"].get).toBeTruthy();
    expect(Object.keys(doc.paths["/leads"].post.responses)).toEqual(expect.arrayContaining(["200", "201"]));
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { startTestApi } from "../support/api.ts";

const api = await startTestApi();
const { call, login, events } = api;
let manager: string;
let rep: string;
let otherManager: string;
let admin: string;

const fields = [{ key: "name", required: true }, { key: "email", required: true }, { key: "phone" }, { key: "companyName", labelEn: "Your company", labelZh: "贵公司" }];
const newForm = (overrides: Record<string, unknown> = {}) => ({ name: "Expo 2025 sign-up", campaign: "expo-2025", sourceTags: ["expo", "booth-12"], fields, rateLimitMax: 1000, ...overrides });

async function createForm(overrides: Record<string, unknown> = {}) {
  const res = await call("POST", "/web-forms", { token: manager, body: newForm(overrides) });
  expect(res.status).toBe(201);
  return res.body as { formId: string; version: number; teamId: string };
}

function post(formId: string, body: string, headers: Record<string, string>) {
  return fetch(`${api.url}/f/${formId}`, { method: "POST", headers, body, redirect: "manual" });
}
const postJson = (formId: string, body: unknown) => post(formId, JSON.stringify(body), { "content-type": "application/json" });
const created = (email: string) => events.filter((e) => e.name === "lead.created" && (e.data.record as { email?: string }).email === email);

beforeAll(async () => {
  [manager, rep, otherManager, admin] = await Promise.all(["zhang.wei@dealflow.dev", "li.na@dealflow.dev", "sarah.lee@dealflow.dev", "admin@dealflow.dev"].map(login)) as [string, string, string, string];
});

describe("web form definitions", () => {
  it("a manager creates, reads, lists and changes the team's forms; defaults fill what was not given", async () => {
    const form = await createForm();
    const read = await call("GET", `/web-forms/${form.formId}`, { token: manager });
    expect(read.body).toMatchObject({ name: "Expo 2025 sign-up", active: true, thankYouEn: expect.any(String), thankYouZh: expect.any(String), rateLimitWindowSeconds: 60 });
    expect(read.body.fields[0]).toEqual({ key: "name", labelEn: "Name", labelZh: "姓名", required: true });
    const list = await call("GET", "/web-forms", { token: manager });
    expect(list.body.items.map((f: { formId: string }) => f.formId)).toContain(form.formId);
    const changed = await call("PATCH", `/web-forms/${form.formId}`, { token: manager, body: { version: form.version, thankYouEn: "Thanks, see you at booth 12!", redirectUrl: "https://example.org/thanks" } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ version: form.version + 1, thankYouEn: "Thanks, see you at booth 12!", redirectUrl: "https://example.org/thanks" });
    const stale = await call("PATCH", `/web-forms/${form.formId}`, { token: manager, body: { version: form.version, name: "x" } });
    expect(stale.status).toBe(409);
    const unset = await call("PATCH", `/web-forms/${form.formId}`, { token: manager, body: { version: form.version + 1, redirectUrl: null } });
    expect(unset.body.redirectUrl).toBeUndefined();
  });

  it("reps may not manage forms; another team's manager does not see them; admins do", async () => {
    const form = await createForm();
    expect((await call("POST", "/web-forms", { token: rep, body: newForm() })).status).toBe(403);
    expect((await call("GET", `/web-forms/${form.formId}`, { token: otherManager })).status).toBe(404);
    expect((await call("GET", `/web-forms/${form.formId}`, { token: admin })).status).toBe(200);
  });

  it("refuses a form nobody could follow up, duplicate fields and a javascript: redirect, naming the field", async () => {
    const noContact = await call("POST", "/web-forms", { token: manager, body: newForm({ fields: [{ key: "name" }, { key: "title" }] }) });
    expect(noContact.status).toBe(400);
    expect(noContact.body.field).toBe("fields");
    const twice = await call("POST", "/web-forms", { token: manager, body: newForm({ fields: [{ key: "name" }, { key: "email" }, { key: "email" }] }) });
    expect(twice.status).toBe(400);
    const script = await call("POST", "/web-forms", { token: manager, body: newForm({ redirectUrl: "javascript:alert(1)" }) });
    expect(script).toMatchObject({ status: 400, body: { field: "redirectUrl" } });
  });

  it("gives an embed snippet posting to this API and the hosted page's link", async () => {
    const form = await createForm();
    const res = await call("GET", `/web-forms/${form.formId}/embed`, { token: manager });
    expect(res.status).toBe(200);
    expect(res.body.link).toBe(`${api.url}/f/${form.formId}`);
    expect(res.body.snippet).toContain(`action="${api.url}/f/${form.formId}" method="post"`);
    expect(res.body.snippet).toContain('name="website"');
    expect(res.body.snippet).toContain("Your company");
    const zh = await call("GET", `/web-forms/${form.formId}/embed?lang=zh-CN`, { token: manager });
    expect(zh.body.snippet).toContain("贵公司");
    expect(zh.body.link).toBe(`${api.url}/f/${form.formId}?lang=zh-CN`);
  });
});

describe("the public form", () => {
  it("serves a self-contained page in English or Chinese, and 404 once the form is inactive", async () => {
    const form = await createForm();
    const en = await fetch(`${api.url}/f/${form.formId}`);
    expect(en.status).toBe(200);
    expect(en.headers.get("content-type")).toMatch(/text\/html/);
    const html = await en.text();
    expect(html).toContain("Expo 2025 sign-up");
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)=/);
    expect(await (await fetch(`${api.url}/f/${form.formId}?lang=zh-CN`)).text()).toContain("姓名");
    await call("PATCH", `/web-forms/${form.formId}`, { token: manager, body: { version: form.version, active: false } });
    expect((await fetch(`${api.url}/f/${form.formId}`)).status).toBe(404);
    expect((await postJson(form.formId, { name: "Late", email: "late@example.com" })).status).toBe(404);
    expect((await postJson("wf_nosuchform", { name: "Nobody", email: "nobody@example.com" })).status).toBe(404);
  });

  it("a JSON post creates a lead of the form's team with its source, campaign and tags; a repeat is a touch", async () => {
    const form = await createForm();
    const res = await postJson(form.formId, { name: "Zhou Xun", email: "Zhou.Xun@Example.com", phone: "138 0013 8000", companyName: "Xun Tech" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, message: expect.any(String) });
    const [lead] = created("zhou.xun@example.com");
    expect(lead?.data.record).toMatchObject({ teamId: form.teamId, source: "web_form", campaign: "expo-2025", phone: "+8613800138000" });
    expect((lead?.data.record as { tags: string[] }).tags.sort()).toEqual(["booth-12", "expo"]);
    expect((await postJson(form.formId, { name: "Zhou Xun", email: "zhou.xun@example.com" })).status).toBe(200);
    expect(created("zhou.xun@example.com")).toHaveLength(1);
    expect(events.some((e) => e.name === "lead.touched" && e.data.leadId === lead?.data.leadId)).toBe(true);
  });

  it("a browser post without JavaScript gets the thank-you page, or a 303 to the form's redirect", async () => {
    const form = await createForm({ thankYouEn: "Merci, see you soon." });
    const html = { "content-type": "application/x-www-form-urlencoded", accept: "text/html" };
    const page = await post(form.formId, new URLSearchParams({ name: "Ana Lima", email: "ana@example.com", website: "" }).toString(), html);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Merci, see you soon.");
    expect(created("ana@example.com")).toHaveLength(1);
    const redirecting = await createForm({ redirectUrl: "https://example.org/thanks" });
    const res = await post(redirecting.formId, new URLSearchParams({ name: "Bo Chen", email: "bo@example.com" }).toString(), html);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("https://example.org/thanks");
  });

  it("a filled honeypot gets the same 200 and nothing is stored", async () => {
    const form = await createForm();
    const before = events.length;
    const res = await postJson(form.formId, { name: "Spam Bot", email: "bot@spam.example", website: "http://spam.example" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true });
    expect(events.length).toBe(before);
  });

  it("the same submissionId twice (a double click, a retry) captures once", async () => {
    const form = await createForm();
    const body = { name: "Retry Ren", email: "ren@example.com", submissionId: "sub-0001-abcdef" };
    expect((await postJson(form.formId, body)).status).toBe(200);
    expect((await postJson(form.formId, body)).status).toBe(200);
    expect(created("ren@example.com")).toHaveLength(1);
    expect(events.filter((e) => e.name === "lead.touched" && e.data.leadId === created("ren@example.com")[0]?.data.leadId)).toHaveLength(0);
  });

  it("over the per-address limit answers 429 with Retry-After, and stores nothing", async () => {
    const form = await createForm({ rateLimitMax: 2, rateLimitWindowSeconds: 3600 });
    for (const n of [1, 2]) expect((await postJson(form.formId, { name: `Rate ${n}`, email: `rate${n}@example.com` })).status).toBe(200);
    const res = await postJson(form.formId, { name: "Rate 3", email: "rate3@example.com" });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await res.json()).toMatchObject({ code: "rate_limited", message: expect.any(String), field: "ip" });
    expect(created("rate3@example.com")).toHaveLength(0);
  });

  it("malformed posts get a clear 4xx naming the field, and nothing is written", async () => {
    const form = await createForm();
    const before = events.length;
    const cases: [string, Record<string, string>, string][] = [
      ["{not json", { "content-type": "application/json" }, "body"],
      ["[1,2]", { "content-type": "application/json" }, "body"],
      ["name=x", { "content-type": "text/plain" }, "content-type"],
      [JSON.stringify({ email: "noname@example.com" }), { "content-type": "application/json" }, "name"],
      [JSON.stringify({ name: "Bad Mail", email: "not-an-email" }), { "content-type": "application/json" }, "email"],
      [JSON.stringify({ name: "Bad Phone", email: "bp@example.com", phone: "12" }), { "content-type": "application/json" }, "phone"],
      [JSON.stringify({ name: "Extra", email: "ex@example.com", budget: "1M" }), { "content-type": "application/json" }, "budget"],
      [JSON.stringify({ name: 42, email: "num@example.com" }), { "content-type": "application/json" }, "name"],
    ];
    for (const [body, headers, field] of cases) {
      const res = await post(form.formId, body, headers);
      expect(res.status, body).toBe(400);
      expect(await res.json(), body).toMatchObject({ code: "validation_failed", message: expect.any(String), field });
    }
    expect(events.length).toBe(before);
  });

  it("answers a cross-origin preflight from any site, so the snippet can post JSON", async () => {
    const form = await createForm();
    const res = await fetch(`${api.url}/f/${form.formId}`, { method: "OPTIONS", headers: { origin: "https://shop.example.org", "access-control-request-method": "POST", "access-control-request-headers": "content-type" } });
    expect(res.status).toBeLessThan(300);
    expect(res.headers.get("access-control-allow-origin")).toBe("https://shop.example.org");
  });
});

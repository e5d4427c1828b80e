import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalRuntime, type LocalRuntime } from "@dealflow/local/runtime/local-runtime";
import { collabWorld } from "./collab-fixtures.ts";

type Row = Record<string, any>;
let runtime: LocalRuntime;
let world: Awaited<ReturnType<typeof collabWorld>>;

beforeAll(async () => {
  runtime = await startLocalRuntime();
  world = await collabWorld(runtime.deps);
});
afterAll(() => runtime?.stop());

async function call(method: string, path: string, email: string, body?: unknown): Promise<{ status: number; body: Row }> {
  const api = runtime.endpoints.api ?? "";
  const login = await fetch(`${api}/auth/dev-login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email }) });
  const { token } = (await login.json()) as { token: string };
  const res = await fetch(`${api}${path}`, { method, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, ...(body !== undefined && { body: JSON.stringify(body) }) });
  return { status: res.status, body: (await res.json()) as Row };
}

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

async function inboxMessage(to: string, subject: string): Promise<Row | undefined> {
  const mails = (await (await fetch(`${runtime.endpoints.mail}/api/email`)).json()) as Row[];
  return mails.find((m) => m.subject === subject && (m.to as { address: string }[]).some((t) => t.address === to));
}

describe("collaboration on the whole local runtime (bus, consumers, Step Functions, mail inbox)", () => {
  it("delivers a mention made through the API as an in-app notification and an email", async () => {
    const posted = await call("POST", "/activities", "li@dealflow.test", { subjectType: "opportunity", subjectId: world.deal.opportunityId, type: "meeting", title: "Kick-off agenda", mentions: ["wang"] });
    expect(posted.status).toBe(201);

    const inbox = await eventually("wang's notification", async () => (await call("GET", "/notifications?unread=true", "wang@dealflow.test")).body.items?.[0] as Row | undefined);
    const message = await eventually("the mention email", () => inboxMessage("wang@dealflow.test", "李娜 mentioned you on Tea ERP rollout"));

    expect(inbox).toMatchObject({ kind: "mention", text: "李娜 mentioned you on Tea ERP rollout: Kick-off agenda" });
    expect(message.text).toContain(`/#/deals/${world.deal.opportunityId}`);
  });

  it("reminds the author of a task through the task-reminder machine when it falls due", async () => {
    const dueAt = new Date(Date.now() + 1500).toISOString();
    const posted = await call("POST", "/activities", "wang@dealflow.test", { subjectType: "opportunity", subjectId: world.deal.opportunityId, type: "task", title: "Prepare the pilot plan", dueAt });
    expect(posted.status).toBe(201);

    const message = await eventually("the task-due email", () => inboxMessage("wang@dealflow.test", "Task due: Prepare the pilot plan"));
    const notifications = (await call("GET", "/notifications", "wang@dealflow.test")).body.items as Row[];

    expect(message.text).toContain(new Date(dueAt).toISOString());
    expect(notifications.filter((n) => n.kind === "task_due")).toHaveLength(1);
  });
});

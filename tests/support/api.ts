import { afterAll } from "vitest";
import { createDb } from "@dealflow/core/db/service";
import type { DomainEvent } from "@dealflow/core/ports/bus";
import { assertValidEvents } from "@dealflow/core/events/index";
import { systemClock } from "@dealflow/core/ports/clock";
import { startApiServer } from "@dealflow/local/api/api-server";
import { seedDemo } from "@dealflow/local/seed/demo-seed";
import { testTable } from "./table.ts";

/**
 * A real API over HTTP on loopback, backed by a fresh table on DynamoDB Local with a small demo data set.
 * `events` collects every domain event the API publishes; one whose data breaks its catalogued schema fails the call.
 */
export async function startTestApi() {
  const { client, tableName } = await testTable("api");
  const db = createDb(client, tableName);
  const events: DomainEvent[] = [];
  const publisher = {
    publish: async (batch: DomainEvent[]) => {
      assertValidEvents(batch);
      events.push(...batch);
    },
  };
  const seeded = await seedDemo({ db, publisher, leadsPerTeam: 12, dealsPerTeam: 6 });
  const api = await startApiServer({ db, publisher, clock: systemClock }, { devTokenSecret: "test-secret-not-for-production" });
  afterAll(() => api.close());
  events.length = 0;

  async function call(method: string, path: string, opts: { token?: string; body?: unknown; raw?: string } = {}) {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    const body = opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
    const res = await fetch(`${api.url}${path}`, { method, headers, ...(body !== undefined && { body }) });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as Record<string, any> };
  }
  async function login(email: string) {
    const res = await call("POST", "/auth/dev-login", { body: { email } });
    if (res.status !== 200) throw new Error(`login ${email} failed: ${JSON.stringify(res.body)}`);
    return res.body.token as string;
  }
  return { url: api.url, db, events, seeded, call, login };
}

import { describe, expect, it } from "vitest";
import { testTable } from "../../../../tests/support/table.ts";
import { createDb } from "../db/service.ts";
import { RateLimitedError, takeSubmissionSlot } from "./rate-limit.ts";

const { client, tableName } = await testTable("rate");
const db = createDb(client, tableName);
const limit = { max: 5, windowSeconds: 60 };
const at = new Date("2025-03-03T10:00:10Z");

async function outcomes(n: number, ip: string, when: Date) {
  return Promise.all(Array.from({ length: n }, () => takeSubmissionSlot(db, "wf_a", ip, limit, when).then(() => "ok", (e: unknown) => e)));
}

describe("per-address submission limit", () => {
  it("lets exactly the limit through when twenty posts race, and tells the rest when the window ends", async () => {
    const results = await outcomes(20, "10.0.0.1", at);
    expect(results.filter((r) => r === "ok")).toHaveLength(5);
    const refused = results.filter((r): r is RateLimitedError => r instanceof RateLimitedError);
    expect(refused).toHaveLength(15);
    expect(refused[0]).toMatchObject({ status: 429, code: "rate_limited", retryAfterSeconds: 50 });
  });

  it("counts each address and form apart, and starts afresh in the next window", async () => {
    expect(await outcomes(5, "10.0.0.2", at)).toEqual(Array(5).fill("ok"));
    await expect(takeSubmissionSlot(db, "wf_b", "10.0.0.1", limit, at)).resolves.toBeUndefined();
    await expect(takeSubmissionSlot(db, "wf_a", "10.0.0.1", limit, new Date("2025-03-03T10:01:00Z"))).resolves.toBeUndefined();
  });

  it("lets the counters expire by TTL soon after their window", async () => {
    const { data } = await db.entities.webFormHits.get({ formId: "wf_a", ip: "10.0.0.1", windowStart: Math.floor(at.getTime() / 1000) - 10 }).go();
    expect(data).toMatchObject({ count: 5, expiresAt: Math.floor(at.getTime() / 1000) + 50 + 60 });
  });
});

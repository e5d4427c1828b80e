import { beforeAll, describe, expect, it } from "vitest";
import { testTable } from "../../../../tests/support/table.ts";
import { createDb } from "../db/service.ts";
import { ConflictError, UnprocessableError } from "../errors.ts";
import type { DomainEvent } from "../ports/bus.ts";
import type { Ctx } from "../records/context.ts";
import { Lead, Team, User } from "../index.ts";
import { claimFromPool } from "./pool-claim.ts";
import { releaseToPool } from "./pool-release.ts";
import { updatePoolSettings } from "./pool-settings.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let now = Date.parse("2026-06-01T09:00:00Z");
const clock = { now: () => new Date(now) };
let manager: Ctx;
let repA: Ctx;
let repB: Ctx;

beforeAll(async () => {
  const { client, tableName } = await testTable("pool");
  const db = createDb(client, tableName);
  const base = { db, clock, publisher: { publish: async (_: DomainEvent[]) => {} } };
  const admin: Ctx = { ...base, actor: { userId: "root", email: "root@x.io", role: "admin", teamId: "hq" } };
  const teamId = (await Team.createTeam(admin, { name: "Pool team" })).teamId;
  const as = async (email: string, role: "rep" | "manager"): Promise<Ctx> => {
    const u = await User.createUser(admin, { email, name: email, role, teamId });
    return { ...base, actor: { userId: u.userId, email: u.email, role, teamId } };
  };
  [manager, repA, repB] = [await as("m@pool.io", "manager"), await as("a@pool.io", "rep"), await as("b@pool.io", "rep")];
});

/** A lead owned by `owner`, recycled and released to the pool by the manager. */
async function pooledLead(owner: Ctx, name: string) {
  const lead = await Lead.createLead(owner, { source: "ad", name });
  const recycled = await Lead.updateLead(owner, lead.leadId, { version: lead.version, status: "recycled" });
  await releaseToPool(manager, "lead", recycled.leadId);
  return recycled.leadId;
}

const code = async (p: Promise<unknown>) => p.then(() => "ok", (e: unknown) => (e instanceof UnprocessableError ? e.code : e instanceof ConflictError ? "conflict" : String(e)));

describe("claiming from the pool over time", () => {
  it("lets the rep who lost a lead claim it back only after the cool-down", async () => {
    const id = await pooledLead(repA, "Cool Down");
    now += 6 * DAY;
    expect(await code(claimFromPool(repA, { type: "lead", id }))).toBe("claim_cooldown");
    now += DAY + HOUR;
    const claimed = await claimFromPool(repA, { type: "lead", id });
    expect(claimed).toMatchObject({ ownerId: repA.actor.userId, status: "assigned", pooled: false });
  });

  it("frees a claim slot once the rolling window has passed", async () => {
    await updatePoolSettings(manager, { claimLimit: 1, claimWindowHours: 24 });
    const [first, second] = [await pooledLead(repA, "Window 1"), await pooledLead(repA, "Window 2")];
    await claimFromPool(repB, { type: "lead", id: first });
    now += 23 * HOUR;
    const refused = claimFromPool(repB, { type: "lead", id: second });
    await expect(refused).rejects.toMatchObject({ code: "claim_limit_reached", details: { limit: 1, nextClaimAt: new Date(now + HOUR).toISOString() } });
    now += 2 * HOUR;
    expect(await code(claimFromPool(repB, { type: "lead", id: second }))).toBe("ok");
  });

  it("holds the limit when one rep sends two claims at the same moment", async () => {
    now += 2 * DAY;
    const ids = [await pooledLead(repA, "Burst 1"), await pooledLead(repA, "Burst 2")];
    const outcomes = await Promise.all(ids.map((id) => code(claimFromPool(repB, { type: "lead", id }))));
    expect(outcomes.filter((o) => o === "ok")).toHaveLength(1);
    expect(["conflict", "claim_limit_reached"]).toContain(outcomes.find((o) => o !== "ok"));
  });
});

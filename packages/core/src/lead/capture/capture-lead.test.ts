import { beforeAll, describe, expect, it } from "vitest";
import { testTable } from "../../../../../tests/support/table.ts";
import { createDb } from "../../db/service.ts";
import type { DomainEvent } from "../../ports/bus.ts";
import { systemClock } from "../../ports/clock.ts";
import { systemPrincipal, type Ctx } from "../../records/context.ts";
import { Team } from "../../index.ts";
import { captureLead } from "./capture-lead.ts";
import { listTouches } from "./lead-touch.ts";
import { backfillLeadKeys } from "./key-backfill.ts";

const published: DomainEvent[] = [];
let sys: Ctx;
let teamId: string;

beforeAll(async () => {
  const { client, tableName } = await testTable("capture");
  const db = createDb(client, tableName);
  sys = { db, clock: systemClock, publisher: { publish: async (e: DomainEvent[]) => void published.push(...e) }, actor: systemPrincipal };
  teamId = (await Team.createTeam(sys, { name: "Inbound", timezone: "Asia/Shanghai" })).teamId;
});

const lead = async (leadId: string) => (await sys.db.entities.lead.get({ leadId }).go()).data;

describe("captureLead", () => {
  it("creates a normalised lead, then turns a repeat on any key into a touch that fills empty fields", async () => {
    const first = await captureLead(sys, { name: " Ada Lovelace ", email: "ADA@Engines.example", companyName: "Analytical  Engines" }, { channel: "api", teamId });
    expect(first).toMatchObject({ outcome: "created", lead: { name: "Ada Lovelace", email: "ada@engines.example", status: "new", source: "api" } });
    const byCompany = await captureLead(sys, { name: "ada lovelace", companyName: "ANALYTICAL ENGINES", phone: "138 0013 8000", campaign: "Spring" }, { channel: "web_form", teamId });
    expect(byCompany.outcome).toBe("touched");
    expect(byCompany.lead.leadId).toBe(first.lead.leadId);
    const byPhone = await captureLead(sys, { name: "A. Lovelace", phone: "+86 138-0013-8000", title: "CTO" }, { channel: "ad", teamId });
    expect(byPhone).toMatchObject({ outcome: "touched", lead: { leadId: first.lead.leadId } });
    const stored = await lead(first.lead.leadId);
    expect(stored).toMatchObject({ name: "Ada Lovelace", phone: "+8613800138000", title: "CTO", touchCount: 2, email: "ada@engines.example" });
    const touches = await listTouches(sys, first.lead.leadId);
    expect(touches.map((t) => [t.channel, t.matchedBy, t.filled])).toEqual([["web_form", "company_name", ["phone"]], ["ad", "phone", ["title"]]]);
    expect(published.filter((e) => e.name === "lead.touched" && e.data.leadId === first.lead.leadId)).toHaveLength(2);
  });

  it("keeps two people of one name at one company apart when their emails differ", async () => {
    const a = await captureLead(sys, { name: "Wang Wei", companyName: "Beichen", email: "wang.wei@beichen.example" }, { channel: "api", teamId });
    const b = await captureLead(sys, { name: "Wang Wei", companyName: "Beichen", email: "wei.wang@beichen.example" }, { channel: "api", teamId });
    expect([a.outcome, b.outcome]).toEqual(["created", "created"]);
    expect(a.lead.leadId).not.toBe(b.lead.leadId);
  });

  it("replays an idempotency key without changing anything", async () => {
    const first = await captureLead(sys, { name: "Grace", email: "grace@navy.example" }, { channel: "import", teamId, idempotencyKey: "row-1" });
    const again = await captureLead(sys, { name: "Grace", email: "grace@navy.example" }, { channel: "import", teamId, idempotencyKey: "row-1" });
    expect(again).toMatchObject({ outcome: "replayed", lead: { leadId: first.lead.leadId, version: 1 } });
    expect((await lead(first.lead.leadId))?.touchCount).toBeUndefined();
  });

  it("gives one lead and the rest touches when many capture one person at once", async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => captureLead(sys, { name: "Race Person", email: "race@people.example", campaign: `c${i}` }, { channel: "api", teamId })));
    expect(results.filter((r) => r.outcome === "created")).toHaveLength(1);
    expect(new Set(results.map((r) => r.lead.leadId)).size).toBe(1);
    const id = results[0]?.lead.leadId ?? "";
    expect((await lead(id))?.touchCount).toBe(19);
    expect(await listTouches(sys, id)).toHaveLength(19);
  });

  it("refuses an invalid phone with a 400 on phone and writes nothing", async () => {
    await expect(captureLead(sys, { name: "Bad Phone", phone: "12345" }, { channel: "api", teamId })).rejects.toMatchObject({ status: 400, field: "phone" });
    const { data } = await sys.db.entities.lead.query.byTeamStatus({ teamId }).go({ pages: "all" });
    expect(data.some((l) => l.name === "Bad Phone")).toBe(false);
  });

  it("backfills keys of leads written without them, so a later capture finds them", async () => {
    await sys.db.entities.lead.create({ leadId: "legacy-1", teamId, version: 1, createdAt: "2025-01-01T00:00:00.000Z", updatedAt: "2025-01-01T00:00:00.000Z", createdBy: "system", source: "import", name: "Old Timer", email: "old@legacy.example", status: "new" }).go();
    expect((await backfillLeadKeys(sys)).keysTaken).toBeGreaterThanOrEqual(1);
    expect((await backfillLeadKeys(sys)).keysTaken).toBe(0);
    const again = await captureLead(sys, { name: "Old Timer", email: "OLD@legacy.example" }, { channel: "api", teamId });
    expect(again).toMatchObject({ outcome: "touched", lead: { leadId: "legacy-1" } });
  });
});

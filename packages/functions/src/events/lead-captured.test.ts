import { beforeAll, describe, expect, it } from "vitest";
import { createDb, Team, systemPrincipal, Audit } from "@dealflow/core";
import type { BusEnvelope, DomainEvent } from "@dealflow/core/ports/bus";
import { systemClock } from "@dealflow/core/ports/clock";
import { testTable } from "../../../../tests/support/table.ts";
import { leadCapturedHandler } from "./lead-captured.ts";

const published: DomainEvent[] = [];
let deps: Parameters<typeof leadCapturedHandler>[0];

beforeAll(async () => {
  const { client, tableName } = await testTable("capture");
  deps = { db: createDb(client, tableName), clock: systemClock, publisher: { publish: async (e) => void published.push(...e) } };
  await Team.createTeam({ ...deps, actor: systemPrincipal }, { name: "Inbound" });
});

const envelope = (id: string, detail: unknown): BusEnvelope => ({
  version: "0", id, "detail-type": "Lead Captured", source: "marketing.hubspot", account: "000000000000", time: new Date().toISOString(), region: "us-east-1", resources: [], detail,
});

describe("lead-captured consumer", () => {
  it("creates one lead however often the same event is delivered", async () => {
    const handle = leadCapturedHandler(deps);
    const event = envelope("e-1", { name: "Ada Lovelace", email: "ada@analytical.example", company: { name: "Analytical Engines" } });
    await handle(event);
    await handle(event);
    const lead = (await deps.db.entities.lead.get({ leadId: "evt-e-1" }).go()).data;
    expect(lead).toMatchObject({ name: "Ada Lovelace", companyName: "Analytical Engines", status: "new" });
    expect(published.filter((e) => e.name === "lead.created")).toHaveLength(1);
    const trail = await Audit.listAudit({ ...deps, actor: systemPrincipal }, { recordType: "lead", recordId: "evt-e-1", limit: 10 });
    expect(trail.items).toHaveLength(1);
  });

  it("rejects a detail without email or phone so the bus dead-letters it", async () => {
    await expect(leadCapturedHandler(deps)(envelope("e-2", { name: "Nobody" }))).rejects.toMatchObject({ status: 400, field: "email" });
    expect((await deps.db.entities.lead.get({ leadId: "evt-e-2" }).go()).data).toBeNull();
  });
});

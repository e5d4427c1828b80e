import { beforeAll, describe, expect, it } from "vitest";
import { Team, systemPrincipal, Audit } from "@dealflow/core";
import type { BusEnvelope, DomainEvent } from "@dealflow/core/ports/bus";
import { testRuntimeDeps } from "../../../../tests/support/runtime-deps.ts";
import type { RuntimeDeps } from "../runtime/deps.ts";
import { leadCapturedHandler } from "./lead-captured.ts";

let published: DomainEvent[];
let deps: RuntimeDeps;

beforeAll(async () => {
  ({ deps, events: published } = await testRuntimeDeps());
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

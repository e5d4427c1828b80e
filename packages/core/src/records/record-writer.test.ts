import { beforeAll, describe, expect, it } from "vitest";
import { testTable } from "../../../../tests/support/table.ts";
import { createDb } from "../db/service.ts";
import type { DomainEvent } from "../ports/bus.ts";
import { systemClock } from "../ports/clock.ts";
import type { Ctx, Principal } from "./context.ts";
import { Team, Account, Lead, Opportunity, Pipeline, User, Audit, ConflictError } from "../index.ts";

const published: DomainEvent[] = [];
let admin: Ctx;
let rep: Ctx;
let teamId: string;

beforeAll(async () => {
  const { client, tableName } = await testTable("core");
  const db = createDb(client, tableName);
  const base = { db, clock: systemClock, publisher: { publish: async (e: DomainEvent[]) => void published.push(...e) } };
  admin = { ...base, actor: { userId: "root", email: "root@x.io", role: "admin", teamId: "hq" } };
  teamId = (await Team.createTeam(admin, { name: "East" })).teamId;
  const repUser = await User.createUser(admin, { email: "Li.Na@Example.com", name: "李娜", role: "rep", teamId });
  const actor: Principal = { userId: repUser.userId, email: repUser.email, role: "rep", teamId };
  rep = { ...base, actor };
  await Pipeline.createPipeline(admin, { ...Pipeline.defaultB2bPipeline, teamId });
});

describe("audited writes", () => {
  it("creates a record, its audit entry and a created event", async () => {
    const lead = await Lead.createLead(rep, { source: "manual", name: "王伟", email: "WANG@acme.cn" });
    expect(lead).toMatchObject({ teamId, ownerId: rep.actor.userId, status: "assigned", email: "wang@acme.cn", version: 1 });
    const trail = await Audit.listAudit(rep, { recordType: "lead", recordId: lead.leadId, limit: 10 });
    expect(trail.items).toHaveLength(1);
    expect(trail.items[0]).toMatchObject({ action: "create", actorId: rep.actor.userId });
    expect(published.some((e) => e.name === "lead.created" && e.data.leadId === lead.leadId)).toBe(true);
  });

  it("refuses a stale version with 409 and writes nothing", async () => {
    const lead = await Lead.createLead(rep, { source: "phone", name: "Jane Roe" });
    await Lead.updateLead(rep, lead.leadId, { version: 1, title: "CTO" });
    await expect(Lead.updateLead(rep, lead.leadId, { version: 1, title: "CEO" })).rejects.toBeInstanceOf(ConflictError);
    const after = await Lead.getLead(rep, lead.leadId);
    expect(after).toMatchObject({ title: "CTO", version: 2 });
    const trail = await Audit.listAudit(rep, { recordType: "lead", recordId: lead.leadId, limit: 10 });
    expect(trail.items.map((a) => a.action)).toEqual(["create", "update"]);
  });

  it("refuses a duplicate user email with 409", async () => {
    await expect(User.createUser(admin, { email: "li.na@example.com", name: "Other", role: "rep", teamId })).rejects.toMatchObject({ status: 409, field: "email" });
  });

  it("moves a deal and records stage history in the deal's partition", async () => {
    const account = await Account.createAccount(rep, { name: "阿里云" });
    const deal = await Opportunity.createOpportunity(rep, { name: "ERP rollout", accountId: account.accountId, amount: 100000 });
    expect(deal).toMatchObject({ stage: "initial_contact", probability: 10, stageSeq: 1 });
    const moved = await Opportunity.updateOpportunity(rep, deal.opportunityId, { version: 1, stage: "needs_analysis" });
    expect(moved).toMatchObject({ stage: "needs_analysis", probability: 25, version: 2 });
    const full = await Opportunity.getOpportunityWithHistory(rep, deal.opportunityId);
    expect(full.stageHistory.map((h) => [h.stage, Boolean(h.leftAt)])).toEqual([["initial_contact", true], ["needs_analysis", false]]);
    const board = await Opportunity.listOpportunities(rep, { status: "open", pipelineId: deal.pipelineId, stage: "needs_analysis", limit: 10 });
    expect(board.items.map((o) => o.opportunityId)).toContain(deal.opportunityId);
  });
});

describe("records without an owner", () => {
  it("updates an unowned lead (no owner index key) and then assigns it", async () => {
    const lead = await Lead.createLead(admin, { source: "web_form", name: "Pool Lead", teamId });
    expect(lead.ownerId).toBeUndefined();
    const contacted = await Lead.updateLead(admin, lead.leadId, { version: 1, status: "contacted" });
    expect(contacted.status).toBe("contacted");
    const assigned = await Lead.updateLead(admin, lead.leadId, { version: 2, ownerId: rep.actor.userId });
    expect(assigned.ownerId).toBe(rep.actor.userId);
    const mine = await Lead.listLeads(rep, { ownerId: rep.actor.userId, limit: 50 });
    expect(mine.items.map((l) => l.leadId)).toContain(lead.leadId);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { startTestApi } from "../support/api.ts";

let api: Awaited<ReturnType<typeof startTestApi>>;
let rep: string; // li.na, East
let rep2: string; // wang.fang, East
let rep3: string; // chen.jie, East
let rep4: string; // liu.yang, East
let manager: string; // zhang.wei, East
const run = Date.now().toString(36);

beforeAll(async () => {
  api = await startTestApi();
  const as = (u: string) => api.login(`${u}@dealflow.dev`);
  [rep, rep2, rep3, rep4, manager] = [await as("li.na"), await as("wang.fang"), await as("chen.jie"), await as("liu.yang"), await as("zhang.wei")];
});

async function qualifiedLead(body: Record<string, unknown>) {
  const lead = await api.call("POST", "/leads", { token: rep, body: { source: "trade_show", ...body } });
  expect(lead.status).toBe(201);
  const qualified = await api.call("PATCH", `/leads/${lead.body.leadId}`, { token: rep, body: { version: 1, status: "qualified" } });
  expect(qualified.status).toBe(200);
  return qualified.body;
}

const auditActions = async (type: string, id: string) =>
  (await api.call("GET", `/audit?recordType=${type}&recordId=${id}`, { token: manager })).body.items.map((e: { action: string }) => e.action);

describe("lead conversion", () => {
  it("turns a qualified lead into a new account, contact and deal, and links the lead", async () => {
    const lead = await qualifiedLead({ name: "周明", email: `zhou.ming@newco-${run}.cn`, title: "CIO", phone: "+86 21 5555 0101", companyName: `新科技 NewCo ${run}`, industry: "Manufacturing" });
    const res = await api.call("POST", `/leads/${lead.leadId}/convert`, { token: rep, body: { version: lead.version, opportunity: { name: "NewCo CRM rollout", amount: 480000, expectedCloseDate: "2027-03-31" } } });
    expect(res.status).toBe(201);
    const { account, contact, opportunity, matched } = res.body;
    expect(matched).toEqual({ account: null, contact: false });
    expect(account).toMatchObject({ name: `新科技 NewCo ${run}`, domain: `newco-${run}.cn`, industry: "Manufacturing", version: 1 });
    expect(contact).toMatchObject({ accountId: account.accountId, name: "周明", email: lead.email, title: "CIO", phone: "+862155550101" }); // capture stores E.164
    expect(opportunity).toMatchObject({ accountId: account.accountId, sourceLeadId: lead.leadId, amount: 480000, status: "open", contacts: [{ contactId: contact.contactId, role: "influencer" }] });
    const reread = await api.call("GET", `/leads/${lead.leadId}`, { token: rep });
    expect(reread.body).toMatchObject({ status: "converted", convertedOpportunityId: opportunity.opportunityId, convertedAccountId: account.accountId, convertedContactId: contact.contactId });
    const deal = await api.call("GET", `/opportunities/${opportunity.opportunityId}`, { token: rep });
    expect(deal.body.stageHistory).toHaveLength(1);
    expect(await auditActions("lead", lead.leadId)).toEqual(["create", "update", "convert"]);
    expect(await auditActions("account", account.accountId)).toEqual(["create"]);
    expect(await auditActions("contact", contact.contactId)).toEqual(["create"]);
    const names = api.events.filter((e) => e.occurredAt === reread.body.convertedAt).map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(["account.created", "contact.created", "opportunity.created", "lead.updated", "lead.converted"]));
  });

  it("offers and uses the team's account with the lead's email domain, reusing the contact with the same email", async () => {
    const account = (await api.call("POST", "/accounts", { token: rep, body: { name: `Matchco ${run}`, domain: `matchco-${run}.com` } })).body;
    const known = (await api.call("POST", "/contacts", { token: rep, body: { accountId: account.accountId, name: "Ann Buyer", email: `ann@matchco-${run}.com` } })).body;
    const lead = await qualifiedLead({ name: "Ann Buyer", email: `ann@matchco-${run}.com`, companyName: "Matchco Holdings" });
    const preview = await api.call("GET", `/leads/${lead.leadId}/conversion`, { token: rep });
    expect(preview.body).toMatchObject({ convertible: true, account: { accountId: account.accountId, matchedBy: "domain" }, contact: { contactId: known.contactId } });
    const res = await api.call("POST", `/leads/${lead.leadId}/convert`, { token: rep, body: { version: lead.version, contact: { role: "decision_maker", attitude: "positive" }, opportunity: { name: "Matchco expansion" } } });
    expect(res.status).toBe(201);
    expect(res.body.matched).toEqual({ account: "domain", contact: true });
    expect(res.body.opportunity).toMatchObject({ accountId: account.accountId, contacts: [{ contactId: known.contactId, role: "decision_maker", attitude: "positive" }] });
    const contacts = await api.call("GET", `/contacts?accountId=${account.accountId}`, { token: rep });
    expect(contacts.body.items).toHaveLength(1);
  });

  it("matches by exact company name when the email is a free mailbox", async () => {
    const account = (await api.call("POST", "/accounts", { token: rep, body: { name: `Namematch ${run}` } })).body;
    const lead = await qualifiedLead({ name: "Bo Li", email: `bo.li.${run}@gmail.com`, companyName: `Namematch ${run}` });
    const res = await api.call("POST", `/leads/${lead.leadId}/convert`, { token: rep, body: { version: lead.version } });
    expect(res.status).toBe(201);
    expect(res.body.matched.account).toBe("name");
    expect(res.body.opportunity).toMatchObject({ accountId: account.accountId, name: `Namematch ${run} · Bo Li` });
  });

  it("refuses converting twice and converting a lead that is not qualified", async () => {
    const lead = await qualifiedLead({ name: "Twice", email: `t@twice-${run}.io`, companyName: `Twice ${run}` });
    expect((await api.call("POST", `/leads/${lead.leadId}/convert`, { token: rep, body: { version: lead.version } })).status).toBe(201);
    const again = await api.call("POST", `/leads/${lead.leadId}/convert`, { token: rep, body: { version: lead.version + 1 } });
    expect(again).toMatchObject({ status: 422, body: { code: "lead_already_converted", field: "status" } });
    const fresh = (await api.call("POST", "/leads", { token: rep, body: { source: "phone", name: "Not yet", companyName: `Notyet ${run}` } })).body;
    const early = await api.call("POST", `/leads/${fresh.leadId}/convert`, { token: rep, body: { version: fresh.version } });
    expect(early).toMatchObject({ status: 422, body: { code: "lead_not_qualified" } });
    expect((await api.call("GET", `/accounts?q=Notyet ${run}`, { token: rep })).body.items).toHaveLength(0);
  });

  it("leaves nothing behind when the transaction fails, and lets only one of two racing conversions through", async () => {
    const lead = await qualifiedLead({ name: "Stale Sam", email: `sam@atomic-${run}.io`, companyName: `Atomic ${run}` });
    const before = api.events.length;
    const stale = await api.call("POST", `/leads/${lead.leadId}/convert`, { token: rep, body: { version: lead.version - 1 } });
    expect(stale).toMatchObject({ status: 409, body: { code: "conflict", field: "version" } });
    expect(api.events.length).toBe(before);
    expect((await api.call("GET", `/accounts?q=Atomic ${run}`, { token: rep })).body.items).toHaveLength(0);
    expect((await api.call("GET", `/contacts?q=Stale Sam`, { token: rep })).body.items).toHaveLength(0);
    expect((await api.call("GET", `/leads/${lead.leadId}`, { token: rep })).body).toMatchObject({ status: "qualified", version: lead.version });

    const body = { version: lead.version };
    const results = await Promise.all([1, 2].map(() => api.call("POST", `/leads/${lead.leadId}/convert`, { token: rep, body })));
    // The loser is refused either by the version condition (409) or, if it read after the winner wrote, as converted (422).
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect([409, 422]).toContain(results.find((r) => r.status !== 201)?.status);
    expect((await api.call("GET", `/accounts?q=Atomic ${run}`, { token: rep })).body.items).toHaveLength(1);
    expect(api.events.filter((e) => e.name === "opportunity.created" && (e.data.record as { sourceLeadId?: string }).sourceLeadId === lead.leadId)).toHaveLength(1);
  });
});

describe("buying committee and competitors", () => {
  let deal: Record<string, any>;
  const people: Record<string, string> = {};

  beforeAll(async () => {
    const account = (await api.call("POST", "/accounts", { token: rep, body: { name: `Graph ${run}` } })).body;
    const add = async (name: string, title: string, boss?: string) =>
      (await api.call("POST", "/contacts", { token: rep, body: { accountId: account.accountId, name, title, ...(boss && { reportsToContactId: boss }) } })).body.contactId as string;
    people.ceo = await add("CEO Chen", "CEO");
    people.cto = await add("CTO Tang", "CTO", people.ceo);
    people.eng = await add("Eng Wu", "Engineer", people.cto);
    deal = (await api.call("POST", "/opportunities", { token: rep, body: { name: `Graph deal ${run}`, accountId: account.accountId, contacts: [{ contactId: people.eng, role: "user" }] } })).body;
  });

  it("shows the decision chain above a single-threaded deal and flags it", async () => {
    const res = await api.call("GET", `/opportunities/${deal.opportunityId}/committee`, { token: rep });
    expect(res.status).toBe(200);
    expect(res.body.flags).toMatchObject({ singleThreaded: true, noDecisionMaker: true });
    expect(res.body.nodes).toEqual(expect.arrayContaining([
      { contactId: people.eng, name: "Eng Wu", title: "Engineer", role: "user", attitude: null, onDeal: true },
      expect.objectContaining({ contactId: people.cto, role: null, onDeal: false }),
      expect.objectContaining({ contactId: people.ceo, role: null, onDeal: false }),
    ]));
    expect(res.body.edges).toEqual(expect.arrayContaining([{ from: people.eng, to: people.cto, kind: "reports_to" }, { from: people.cto, to: people.ceo, kind: "reports_to" }]));
    const read = await api.call("GET", `/opportunities/${deal.opportunityId}`, { token: rep });
    expect(read.body.flags).toEqual(res.body.flags);
  });

  it("edits membership with the deal's version and clears the flags once a decision maker joins", async () => {
    const contacts = [{ contactId: people.ceo, role: "decision_maker", attitude: "positive" }, { contactId: people.cto, role: "influencer" }, { contactId: people.eng, role: "user" }];
    const res = await api.call("PUT", `/opportunities/${deal.opportunityId}/committee`, { token: rep, body: { version: deal.version, contacts } });
    expect(res.status).toBe(200);
    expect(res.body.flags).toMatchObject({ singleThreaded: false, noDecisionMaker: false });
    expect(res.body.nodes.every((n: { onDeal: boolean }) => n.onDeal)).toBe(true);
    expect((await api.call("GET", `/opportunities/${deal.opportunityId}`, { token: rep })).body.flags).toMatchObject({ singleThreaded: false, noDecisionMaker: false });
    const stale = await api.call("PUT", `/opportunities/${deal.opportunityId}/committee`, { token: rep, body: { version: deal.version, contacts } });
    expect(stale.status).toBe(409);
    const outsider = (await api.call("GET", "/contacts?limit=1", { token: rep })).body.items[0].contactId;
    const wrong = await api.call("PUT", `/opportunities/${deal.opportunityId}/committee`, { token: rep, body: { version: res.body.version, contacts: [{ contactId: outsider, role: "user" }] } });
    expect(wrong).toMatchObject({ status: 422, body: { code: "invalid_contact" } });
    const twice = await api.call("PUT", `/opportunities/${deal.opportunityId}/committee`, { token: rep, body: { version: res.body.version, contacts: [contacts[0], contacts[0]] } });
    expect(twice).toMatchObject({ status: 422, body: { code: "duplicate_contact", field: "contacts.1.contactId" } });
  });

  it("sets, changes and clears a reports-to link (null removes it, audited); a bad value is still refused", async () => {
    const intern = (await api.call("POST", "/contacts", { token: rep, body: { accountId: deal.accountId, name: "Intern Li", title: "Intern" } })).body;
    expect(intern.reportsToContactId).toBeUndefined();
    const set = await api.call("PATCH", `/contacts/${intern.contactId}`, { token: rep, body: { version: intern.version, reportsToContactId: people.eng } });
    expect(set).toMatchObject({ status: 200, body: { reportsToContactId: people.eng } });
    const changed = await api.call("PATCH", `/contacts/${intern.contactId}`, { token: rep, body: { version: set.body.version, reportsToContactId: people.cto } });
    expect(changed).toMatchObject({ status: 200, body: { reportsToContactId: people.cto } });

    const cleared = await api.call("PATCH", `/contacts/${intern.contactId}`, { token: rep, body: { version: changed.body.version, reportsToContactId: null } });
    expect(cleared.status).toBe(200);
    expect(cleared.body.version).toBe(changed.body.version + 1);
    expect(cleared.body).not.toHaveProperty("reportsToContactId");
    const read = await api.call("GET", `/contacts/${intern.contactId}`, { token: rep });
    expect(read.body).not.toHaveProperty("reportsToContactId");
    expect(read.body).toMatchObject({ name: "Intern Li", title: "Intern", version: cleared.body.version });
    const graph = (await api.call("GET", `/opportunities/${deal.opportunityId}/committee`, { token: rep })).body;
    expect(graph.edges.filter((e: { from: string }) => e.from === intern.contactId)).toEqual([]);

    const audit = (await api.call("GET", `/audit?recordType=contact&recordId=${intern.contactId}`, { token: manager })).body.items as { action: string; changes: unknown[] }[];
    expect(audit.flatMap((e) => e.changes)).toContainEqual({ field: "reportsToContactId", old: people.cto, new: null });
    const updated = api.events.filter((e) => e.name === "contact.updated" && e.data.contactId === intern.contactId);
    expect(updated.at(-1)?.data.changes).toEqual([{ field: "reportsToContactId", old: people.cto, new: null }]);

    // Clearing again changes nothing; a stale version, an empty id, a wrong type and another account's contact are refused.
    const again = await api.call("PATCH", `/contacts/${intern.contactId}`, { token: rep, body: { version: cleared.body.version, reportsToContactId: null } });
    expect(again).toMatchObject({ status: 200, body: { version: cleared.body.version } });
    expect((await api.call("PATCH", `/contacts/${intern.contactId}`, { token: rep, body: { version: changed.body.version, reportsToContactId: null } })).status).toBe(409);
    const empty = await api.call("PATCH", `/contacts/${intern.contactId}`, { token: rep, body: { version: cleared.body.version, reportsToContactId: "" } });
    expect(empty).toMatchObject({ status: 400, body: { field: "reportsToContactId" } });
    const wrongType = await api.call("PATCH", `/contacts/${intern.contactId}`, { token: rep, body: { version: cleared.body.version, reportsToContactId: 42 } });
    expect(wrongType).toMatchObject({ status: 400, body: { field: "reportsToContactId" } });
    const elsewhere = (await api.call("POST", "/accounts", { token: rep, body: { name: `Elsewhere ${run}` } })).body;
    const stranger = (await api.call("POST", "/contacts", { token: rep, body: { accountId: elsewhere.accountId, name: "Stranger Zhou" } })).body;
    const foreign = await api.call("PATCH", `/contacts/${intern.contactId}`, { token: rep, body: { version: cleared.body.version, reportsToContactId: stranger.contactId } });
    expect(foreign).toMatchObject({ status: 422, body: { code: "invalid_reports_to" } });
    // Only the record's writers may clear it: chen.jie neither owns nor works on li.na's contact.
    expect((await api.call("PATCH", `/contacts/${people.cto}`, { token: rep3, body: { version: 1, reportsToContactId: null } })).status).toBe(403);
    expect((await api.call("POST", "/contacts", { token: rep, body: { accountId: deal.accountId, name: "No boss", reportsToContactId: null } })).status).toBe(400);

    const doc = (await api.call("GET", "/openapi.json")).body;
    const body = doc.paths["/contacts/{id}"].patch.requestBody.content["application/json"].schema;
    const field = (body.$ref ? doc.components.schemas[body.$ref.split("/").pop()] : body).properties.reportsToContactId;
    expect(field).toMatchObject({ type: ["string", "null"], description: expect.stringMatching(/null removes the link/) });
  });

  it("adds, replaces and removes competitors by name", async () => {
    let current = (await api.call("GET", `/opportunities/${deal.opportunityId}`, { token: rep })).body;
    const added = await api.call("POST", `/opportunities/${deal.opportunityId}/competitors`, { token: rep, body: { version: current.version, name: "Salesforce", pricePosition: "higher" } });
    expect(added.status).toBe(200);
    const replaced = await api.call("POST", `/opportunities/${deal.opportunityId}/competitors`, { token: rep, body: { version: added.body.version, name: "salesforce", strengths: "Brand", pricePosition: "higher" } });
    expect(replaced.body.competitors).toEqual([{ name: "salesforce", strengths: "Brand", pricePosition: "higher" }]);
    current = replaced.body;
    const removed = await api.call("DELETE", `/opportunities/${deal.opportunityId}/competitors/SALESFORCE?version=${current.version}`, { token: rep });
    expect(removed.body.competitors).toEqual([]);
    expect((await api.call("DELETE", `/opportunities/${deal.opportunityId}/competitors/Nobody?version=${removed.body.version}`, { token: rep })).status).toBe(404);
  });
});

describe("recycling pool (公海)", () => {
  async function recycledLead(name: string) {
    const lead = (await api.call("POST", "/leads", { token: rep, body: { source: "ad", name } })).body;
    return (await api.call("PATCH", `/leads/${lead.leadId}`, { token: rep, body: { version: lead.version, status: "recycled" } })).body;
  }

  it("releases a stale deal, lists it, and lets exactly one of two racing reps claim it", async () => {
    const account = (await api.call("POST", "/accounts", { token: rep, body: { name: `Pool ${run}` } })).body;
    const deal = (await api.call("POST", "/opportunities", { token: rep, body: { name: `Pool deal ${run}`, accountId: account.accountId } })).body;
    expect((await api.call("POST", `/opportunities/${deal.opportunityId}/release`, { token: rep })).body.code).toBe("not_releasable");
    await api.db.entities.opportunity.patch({ opportunityId: deal.opportunityId }).set({ stale: true }).go();
    expect((await api.call("POST", `/opportunities/${deal.opportunityId}/release`, { token: rep2 })).status).toBe(403);
    const released = await api.call("POST", `/opportunities/${deal.opportunityId}/release`, { token: rep, body: { reason: "No budget this year" } });
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({ pooled: true, lastOwnerId: deal.ownerId });
    expect(released.body.ownerId).toBeUndefined();
    expect(api.events.some((e) => e.name === "opportunity.released" && e.data.opportunityId === deal.opportunityId)).toBe(true);
    const grab = await api.call("PATCH", `/opportunities/${deal.opportunityId}`, { token: rep2, body: { version: released.body.version, ownerId: (await api.call("GET", "/me", { token: rep2 })).body.userId } });
    expect(grab).toMatchObject({ status: 422, body: { code: "pooled", field: "ownerId" } });
    const pool = await api.call("GET", "/pool?type=opportunity", { token: rep2 });
    expect(pool.body.items).toEqual([expect.objectContaining({ id: deal.opportunityId, lastOwnerId: deal.ownerId, reason: "No budget this year", record: expect.objectContaining({ pooled: true }) })]);

    const claims = await Promise.all([rep2, rep3].map((token) => api.call("POST", "/pool/claim", { token, body: { type: "opportunity", id: deal.opportunityId } })));
    expect(claims.map((c) => c.status).sort()).toEqual([200, 409]);
    const winner = claims.find((c) => c.status === 200)?.body;
    expect(winner).toMatchObject({ pooled: false, stale: false, ownerId: expect.any(String) });
    expect((await api.call("GET", `/opportunities/${deal.opportunityId}`, { token: manager })).body.ownerId).toBe(winner?.ownerId);
    expect((await api.call("GET", "/pool?type=opportunity", { token: rep2 })).body.items).toHaveLength(0);
    expect(await auditActions("opportunity", deal.opportunityId)).toEqual(["create", "release", "claim"]);
  });

  it("keeps the rep who lost a lead from re-claiming it during the cool-down; another rep may", async () => {
    const lead = await recycledLead(`Cooldown ${run}`);
    expect((await api.call("POST", `/leads/${lead.leadId}/release`, { token: manager })).status).toBe(200);
    const own = await api.call("POST", "/pool/claim", { token: rep, body: { type: "lead", id: lead.leadId } });
    expect(own).toMatchObject({ status: 422, body: { code: "claim_cooldown" } });
    const other = await api.call("POST", "/pool/claim", { token: rep4, body: { type: "lead", id: lead.leadId } });
    expect(other.status).toBe(200);
    expect(other.body).toMatchObject({ status: "assigned", pooled: false, lastOwnerId: lead.ownerId });
    expect(api.events.some((e) => e.name === "lead.claimed" && e.data.leadId === lead.leadId)).toBe(true);
  });

  it("enforces the team's per-rep claim limit, which only managers change", async () => {
    expect((await api.call("PUT", "/pool/settings", { token: rep, body: { claimLimit: 1 } })).status).toBe(403);
    const settings = await api.call("PUT", "/pool/settings", { token: manager, body: { claimLimit: 2 } });
    expect(settings.body).toMatchObject({ claimLimit: 2, claimWindowHours: 24, cooldownDays: 7, version: 1 });
    const [first, second] = [await recycledLead(`Limit 1 ${run}`), await recycledLead(`Limit 2 ${run}`)];
    for (const l of [first, second]) expect((await api.call("POST", `/leads/${l.leadId}/release`, { token: rep })).status).toBe(200);
    // rep4 already claimed one lead in the previous test: one more fits in the limit of two.
    expect((await api.call("POST", "/pool/claim", { token: rep4, body: { type: "lead", id: first.leadId } })).status).toBe(200);
    const over = await api.call("POST", "/pool/claim", { token: rep4, body: { type: "lead", id: second.leadId } });
    expect(over).toMatchObject({ status: 422, body: { code: "claim_limit_reached" } });
    expect((await api.call("GET", "/pool?type=lead", { token: rep4 })).body.items.map((i: { id: string }) => i.id)).toContain(second.leadId);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Notification } from "@dealflow/core";
import { createSmtpMailer } from "@dealflow/core/mail/index";
import { systemClock } from "@dealflow/core/ports/clock";
import { startSmtpCapture, type SmtpCapture } from "@dealflow/local/mail/smtp-capture";
import { startTestApi } from "../support/api.ts";

type Row = Record<string, any>;
let api: Awaited<ReturnType<typeof startTestApi>>;
let mail: SmtpCapture;
const token: Record<"li" | "wang" | "zhang" | "tom", string> = { li: "", wang: "", zhang: "", tom: "" };
const id: Record<keyof typeof token, string> = { li: "", wang: "", zhang: "", tom: "" };
let deal: Row;

beforeAll(async () => {
  api = await startTestApi();
  mail = await startSmtpCapture();
  for (const [who, email] of [["li", "li.na"], ["wang", "wang.fang"], ["zhang", "zhang.wei"], ["tom", "tom.baker"]] as const) {
    token[who] = await api.login(`${email}@dealflow.dev`);
    id[who] = (await api.call("GET", "/me", { token: token[who] })).body.userId;
  }
  const [account] = (await api.call("GET", "/accounts?limit=1", { token: token.li })).body.items;
  const created = await api.call("POST", "/opportunities", { token: token.li, body: { name: "Collab deal", accountId: account.accountId, amount: 120000, expectedCloseDate: "2026-12-31" } });
  expect(created.status).toBe(201);
  deal = created.body;
});
afterAll(() => mail.close());

const members = (dealId: string, body: unknown, who: keyof typeof token) => api.call("POST", `/opportunities/${dealId}/members`, { token: token[who], body });
const current = async () => (await api.call("GET", `/opportunities/${deal.opportunityId}`, { token: token.li })).body;

describe("team members (协作人)", () => {
  it("are chosen only by the owner or a manager, and only among active users of the deal's team", async () => {
    const v = deal.version;
    expect((await members(deal.opportunityId, { version: v, userId: id.wang }, "wang")).status).toBe(403);
    expect((await members(deal.opportunityId, { version: v, userId: id.wang }, "tom")).status).toBe(404);
    expect((await members(deal.opportunityId, { version: v, userId: id.tom }, "li")).body).toMatchObject({ code: "invalid_member", field: "userId" });
    expect((await members(deal.opportunityId, { version: v, userId: id.li }, "li")).body).toMatchObject({ code: "owner_is_member" });
    expect((await members(deal.opportunityId, { version: v + 3, userId: id.wang }, "li")).status).toBe(409);
    expect((await members(deal.opportunityId, { userId: id.wang }, "li")).body).toMatchObject({ code: "validation_failed", field: "version" });
    const viaPatch = await api.call("PATCH", `/opportunities/${deal.opportunityId}`, { token: token.li, body: { version: v, teamMemberIds: [id.tom] } });
    expect(viaPatch.body).toMatchObject({ code: "validation_failed", field: "teamMemberIds" });

    const added = await members(deal.opportunityId, { version: v, userId: id.wang }, "li");

    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ teamMemberIds: [id.wang], version: v + 1 });
    const trail = (await api.call("GET", `/audit?recordType=opportunity&recordId=${deal.opportunityId}`, { token: token.li })).body.items as Row[];
    expect(trail.at(-1)).toMatchObject({ actorId: id.li, changes: [{ field: "teamMemberIds", old: [], new: [id.wang] }] });
    expect(api.events.some((e) => e.name === "opportunity.member_added" && e.data.userId === id.wang)).toBe(true);
  });

  it("may edit the deal while on it, and no longer once a manager removes them", async () => {
    const edited = await api.call("PATCH", `/opportunities/${deal.opportunityId}`, { token: token.wang, body: { version: (await current()).version, nextStep: "Send the reference list" } });
    expect(edited.status).toBe(200);

    const removed = await api.call("DELETE", `/opportunities/${deal.opportunityId}/members/${id.wang}?version=${edited.body.version}`, { token: token.zhang });

    expect(removed.status).toBe(200);
    expect(removed.body.teamMemberIds ?? []).toEqual([]);
    expect((await current()).teamMemberIds ?? []).toEqual([]);
    const refused = await api.call("PATCH", `/opportunities/${deal.opportunityId}`, { token: token.wang, body: { version: removed.body.version, nextStep: "Sneaky" } });
    expect(refused.status).toBe(403);
    expect((await api.call("DELETE", `/opportunities/${deal.opportunityId}/members/${id.wang}?version=${removed.body.version}`, { token: token.zhang })).status).toBe(404);
    expect((await api.call("DELETE", `/opportunities/${deal.opportunityId}/members/${id.wang}`, { token: token.zhang })).body).toMatchObject({ field: "version" });
  });
});

describe("the deal timeline and notifications", () => {
  beforeAll(async () => {
    const activity = await api.call("POST", "/activities", { token: token.li, body: { subjectType: "opportunity", subjectId: deal.opportunityId, type: "call", title: "Discovery call", mentions: [id.wang] } });
    expect(activity.status).toBe(201);
    const event = api.events.find((e) => e.name === "activity.created" && e.data.activityId === activity.body.activityId);
    if (!event) throw new Error("activity.created was not published");
    // What the activity-mentions consumer does with this event on the bus.
    const mailer = createSmtpMailer({ url: mail.smtpUrl, from: "noreply@dealflow.test" });
    await Notification.notifyMentions({ db: api.db, mailer, clock: systemClock, appUrl: "http://127.0.0.1:5173" }, event);
    const moved = await api.call("PATCH", `/opportunities/${deal.opportunityId}`, { token: token.li, body: { version: (await current()).version, stage: "needs_analysis" } });
    expect(moved.status).toBe(200);
    expect((await api.call("PATCH", `/opportunities/${deal.opportunityId}`, { token: token.li, body: { version: moved.body.version, amount: 150000 } })).status).toBe(200);
  });

  it("mixes activities, stage moves, field changes and emails, newest first, without the creation", async () => {
    const res = await api.call("GET", `/opportunities/${deal.opportunityId}/timeline`, { token: token.wang });

    expect(res.status).toBe(200);
    const items = res.body.items as Row[];
    const at = items.map((i) => i.at);
    expect(at).toEqual([...at].sort().reverse());
    const index = (match: (i: Row) => boolean) => items.findIndex(match);
    const amount = index((i) => i.kind === "field" && i.summary === "Changed amount");
    const move = index((i) => i.kind === "stage" && i.summary === "Moved from initial_contact to needs_analysis");
    const email = index((i) => i.kind === "email" && i.data.to === id.wang);
    const call = index((i) => i.kind === "activity" && i.summary === "call: Discovery call");
    const members = index((i) => i.kind === "field" && i.data.changes[0].field === "teamMemberIds");
    const start = index((i) => i.kind === "stage" && i.summary === "Started in initial_contact");
    expect([amount, move, email, call, members, start].every((i) => i >= 0)).toBe(true);
    expect(amount < move && move < email && email < call && call < members && members < start).toBe(true);
    expect(items[email]).toMatchObject({ actor: id.li, data: { subject: "李娜 在「Collab deal」中提到了你" } });
    expect(items.some((i) => i.data.action === "create")).toBe(false);
    expect(items[move]?.data.changes).toBeUndefined();
  });

  it("pages back in time with `before` without losing or repeating an item", async () => {
    const all = (await api.call("GET", `/opportunities/${deal.opportunityId}/timeline`, { token: token.li })).body.items as Row[];
    const seen: Row[] = [];
    let before: string | null = null;
    for (let pages = 0; pages < 20; pages++) {
      const res = await api.call("GET", `/opportunities/${deal.opportunityId}/timeline?limit=2${before ? `&before=${encodeURIComponent(before)}` : ""}`, { token: token.li });
      seen.push(...res.body.items);
      before = res.body.before;
      if (!before) break;
    }
    expect(seen).toEqual(all);
    expect((await api.call("GET", `/opportunities/${deal.opportunityId}/timeline?before=yesterday`, { token: token.li })).body).toMatchObject({ field: "before" });
    expect((await api.call("GET", `/opportunities/${deal.opportunityId}/timeline`, { token: token.tom })).status).toBe(404);
  });

  it("lists my unread notifications in my language and marks one read (others' are not mine to mark)", async () => {
    const unread = await api.call("GET", "/notifications?unread=true", { token: token.wang });
    expect(unread.body.items).toHaveLength(1);
    const [mention] = unread.body.items as Row[];
    expect(mention).toMatchObject({ kind: "mention", read: false, link: `/#/deals/${deal.opportunityId}`, text: "李娜 在「Collab deal」中提到了你：Discovery call" });
    expect(mail.messages().filter((m) => m.to.includes("wang.fang@dealflow.dev"))).toHaveLength(1);

    expect((await api.call("POST", `/notifications/${mention?.notificationId}/read`, { token: token.li })).status).toBe(404);
    const read = await api.call("POST", `/notifications/${mention?.notificationId}/read`, { token: token.wang });

    expect(read.body).toMatchObject({ read: true, readAt: expect.any(String) });
    expect((await api.call("GET", "/notifications?unread=true", { token: token.wang })).body.items).toHaveLength(0);
    expect((await api.call("GET", "/notifications", { token: token.wang })).body.items).toHaveLength(1);
    expect((await api.call("GET", "/notifications?unread=maybe", { token: token.wang })).body).toMatchObject({ field: "unread" });
  });
});

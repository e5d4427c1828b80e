import { beforeAll, describe, expect, it } from "vitest";
import { Activity, Notification } from "@dealflow/core";
import type { DomainEvent } from "@dealflow/core/ports/bus";
import type { RuntimeDeps } from "@dealflow/functions/runtime/deps";
import { activityMentionsHandler } from "@dealflow/functions/events/activity-mentions";
import type { SmtpCapture } from "@dealflow/local/mail/smtp-capture";
import { testRuntimeDeps } from "../support/runtime-deps.ts";
import { collabWorld, envelopeOf, lastEvent } from "./collab-fixtures.ts";

let deps: RuntimeDeps;
let events: DomainEvent[];
let mail: SmtpCapture;
let world: Awaited<ReturnType<typeof collabWorld>>;

beforeAll(async () => {
  ({ deps, events, mail } = await testRuntimeDeps());
  world = await collabWorld(deps);
});

const mentionOn = async (title: string, mentions: string[]) => {
  const activity = await Activity.createActivity(world.as(world.li), { subjectType: "opportunity", subjectId: world.deal.opportunityId, type: "note", title, body: "Price list attached", mentions });
  return { activity, event: lastEvent(events, "activity.created", (e) => (e.data as { activityId: string }).activityId === activity.activityId) };
};

describe("activity-mentions consumer", () => {
  it("notifies a mentioned teammate in the app and by email, with a link to the deal", async () => {
    const { event } = await mentionOn("Quote ready for review", [world.wang.userId]);

    await activityMentionsHandler(deps)(envelopeOf(event));

    const message = await mail.waitFor((m) => m.to.includes("wang@dealflow.test"));
    expect(message.subject).toBe("李娜 mentioned you on Tea ERP rollout");
    expect(message.text).toContain("Quote ready for review");
    expect(message.text).toContain(`http://127.0.0.1:5173/#/deals/${world.deal.opportunityId}`);
    const inbox = await Notification.listMyNotifications(world.as(world.wang), { unread: true, limit: 10 });
    expect(inbox.items).toHaveLength(1);
    expect(inbox.items[0]).toMatchObject({ kind: "mention", read: false, actorId: world.li.userId, link: `/#/deals/${world.deal.opportunityId}` });
  });

  it("creates nothing and sends nothing more when the same event is delivered again", async () => {
    const { event } = await mentionOn("Call the CFO", [world.zhang.userId]);
    const handle = activityMentionsHandler(deps);

    await handle(envelopeOf(event));
    await mail.waitFor((m) => m.to.includes("zhang@dealflow.test"));
    await Promise.all([handle(envelopeOf(event)), handle(envelopeOf(event))]);

    expect(mail.messages().filter((m) => m.to.includes("zhang@dealflow.test"))).toHaveLength(1);
    expect((await Notification.listMyNotifications(world.as(world.zhang), { limit: 10 })).items).toHaveLength(1);
  });

  it("skips users who cannot read the deal (other team), inactive users and the author, but tells an admin", async () => {
    const { event } = await mentionOn("Heads-up for everyone", [world.tom.userId, world.gone.userId, world.li.userId, world.admin.userId]);

    await activityMentionsHandler(deps)(envelopeOf(event));

    await mail.waitFor((m) => m.to.includes("admin@dealflow.test"));
    for (const skipped of ["tom", "gone", "li"]) expect(mail.messages().some((m) => m.to.includes(`${skipped}@dealflow.test`))).toBe(false);
    expect((await Notification.listMyNotifications(world.as(world.tom), { limit: 10 })).items).toHaveLength(0);
  });

  it("writes in the recipient's language", async () => {
    const wangCtx = world.as(world.wang);
    const activity = await Activity.createActivity(wangCtx, { subjectType: "opportunity", subjectId: world.deal.opportunityId, type: "call", title: "客户确认预算", mentions: [world.li.userId] });
    const event = lastEvent(events, "activity.created", (e) => (e.data as { activityId: string }).activityId === activity.activityId);

    await activityMentionsHandler(deps)(envelopeOf(event));

    const message = await mail.waitFor((m) => m.to.includes("li@dealflow.test"));
    expect(message.subject).toBe("Wang Fang 在「Tea ERP rollout」中提到了你");
    expect(message.text).toContain("在 Dealflow 中打开");
  });

  it("lets the user mark a notification read, once, and only their own", async () => {
    const wangCtx = world.as(world.wang);
    const [first] = (await Notification.listMyNotifications(wangCtx, { unread: true, limit: 10 })).items;
    if (!first) throw new Error("wang has no unread notification");

    await expect(Notification.markNotificationRead(world.as(world.zhang), first.notificationId)).rejects.toMatchObject({ status: 404 });
    const read = await Notification.markNotificationRead(wangCtx, first.notificationId);
    const again = await Notification.markNotificationRead(wangCtx, first.notificationId);

    expect(read.read).toBe(true);
    expect(again.readAt).toBe(read.readAt);
    expect((await Notification.listMyNotifications(wangCtx, { unread: true, limit: 10 })).items).toHaveLength(0);
    expect((await Notification.listMyNotifications(wangCtx, { limit: 10 })).items).toHaveLength(1);
  });
});

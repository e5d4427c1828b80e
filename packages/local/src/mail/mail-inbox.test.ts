import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createSmtpMailer } from "@dealflow/core/mail/index";
import { freePort } from "../net.ts";
import { startMailInbox, type MailInbox } from "./mail-inbox.ts";

interface InboxEmail {
  subject: string;
  text: string;
  to: { address: string }[];
  from: { address: string }[];
  headers: Record<string, string>;
}

async function inboxEmails(webUrl: string): Promise<InboxEmail[]> {
  const response = await fetch(`${webUrl}/api/email`);
  expect(response.status).toBe(200);
  return (await response.json()) as InboxEmail[];
}

function portFromUrl(url: string): number {
  return Number(new URL(url).port);
}

/** True when this process can bind the port on loopback, i.e. nothing listens there any more. */
function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
  });
}

describe("mail inbox (MailDev in-process)", () => {
  const open: MailInbox[] = [];
  const dirs: string[] = [];

  afterAll(async () => {
    for (const inbox of open) await inbox.close();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it("shows a mail sent by the SMTP adapter in its REST API, Chinese intact, then frees both ports", async () => {
    const inbox = await startMailInbox();
    open.push(inbox);
    expect(inbox.smtpUrl).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
    expect(inbox.webUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const mailer = createSmtpMailer({ url: inbox.smtpUrl, from: "crm@dealflow.example" });

    await mailer.send({
      to: ["zhang.wei@example.cn"],
      subject: "商机跟进提醒",
      text: "请在周五前联系「上海云帆」的采购负责人。",
      idempotencyKey: "reminder-7",
    });
    const emails = await inboxEmails(inbox.webUrl);

    expect(emails).toHaveLength(1);
    expect(emails[0]?.subject).toBe("商机跟进提醒");
    expect(emails[0]?.to.map((a) => a.address)).toEqual(["zhang.wei@example.cn"]);
    expect(emails[0]?.from.map((a) => a.address)).toEqual(["crm@dealflow.example"]);
    expect(emails[0]?.text.trim()).toBe("请在周五前联系「上海云帆」的采购负责人。");
    expect(emails[0]?.headers["x-dealflow-idempotency-key"]).toBe("reminder-7");

    await inbox.close();
    open.pop();
    expect(await canBind(portFromUrl(inbox.smtpUrl))).toBe(true);
    expect(await canBind(portFromUrl(inbox.webUrl))).toBe(true);
  });

  it("serves the web inbox page", async () => {
    const inbox = await startMailInbox();
    open.push(inbox);

    const response = await fetch(inbox.webUrl, { headers: { accept: "text/html" } });

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/text\/html/);
    expect(await response.text()).toMatch(/<title>[^<]*MailDev/i);
  });

  it("keeps mail in dataDir across a restart", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "dealflow-inbox-test-"));
    dirs.push(dataDir);
    const first = await startMailInbox({ dataDir });
    await createSmtpMailer({ url: first.smtpUrl, from: "crm@dealflow.example" }).send({
      to: ["ada@example.com"],
      subject: "Persisted",
      text: "still here",
    });
    await first.close();

    const second = await startMailInbox({ dataDir });
    open.push(second);

    expect((await inboxEmails(second.webUrl)).map((e) => e.subject)).toEqual(["Persisted"]);
  });

  it("fails with EADDRINUSE when the web port is taken, leaving no SMTP server behind", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const address = blocker.address();
    const webPort = typeof address === "object" && address ? address.port : 0;
    const smtpPort = await freePort();

    const starting = startMailInbox({ smtpPort, webPort });

    await expect(starting).rejects.toThrow(/EADDRINUSE/);
    await new Promise<void>((resolve) => blocker.close(() => resolve()));
    expect(await canBind(smtpPort)).toBe(true);
  });
});

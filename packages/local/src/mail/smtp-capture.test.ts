import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSmtpMailer, type Mailer } from "@dealflow/core/mail/index";
import { startSmtpCapture, type SmtpCapture } from "./smtp-capture.ts";

describe("SMTP capture", () => {
  let capture: SmtpCapture;
  let mailer: Mailer;

  beforeAll(async () => {
    capture = await startSmtpCapture();
    mailer = createSmtpMailer({ url: capture.smtpUrl, from: "crm@dealflow.example" });
  });

  afterAll(async () => {
    await capture.close();
  });

  beforeEach(() => capture.clear());

  it("listens on a loopback SMTP url", () => {
    expect(capture.smtpUrl).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
  });

  it("keeps two messages in arrival order, parsed", async () => {
    await mailer.send({ to: ["owner@example.com"], subject: "跟进提醒", text: "请联系客户。", idempotencyKey: "r-1" });
    await mailer.send({ to: ["manager@example.com"], subject: "升级通知", text: "商机已超时。", html: "<p>商机已超时。</p>" });

    const [first, second] = capture.messages();
    expect(capture.messages()).toHaveLength(2);
    expect(first).toMatchObject({ to: ["owner@example.com"], subject: "跟进提醒", text: "请联系客户。" });
    expect(first?.html).toBeUndefined();
    expect(first?.headers["x-dealflow-idempotency-key"]).toBe("r-1");
    expect(second).toMatchObject({ to: ["manager@example.com"], subject: "升级通知", html: "<p>商机已超时。</p>" });
    expect(second?.from).toBe("crm@dealflow.example");
  });

  it("waitFor resolves with a message that arrives later", async () => {
    const waiting = capture.waitFor((m) => m.to.includes("manager@example.com"), 5_000);
    await mailer.send({ to: ["owner@example.com"], subject: "Reminder", text: "first" });
    await mailer.send({ to: ["manager@example.com"], subject: "Escalation", text: "second" });

    await expect(waiting).resolves.toMatchObject({ subject: "Escalation", text: "second" });
  });

  it("waitFor resolves at once with a message already received", async () => {
    await mailer.send({ to: ["owner@example.com"], subject: "Reminder", text: "already here" });

    await expect(capture.waitFor((m) => m.subject === "Reminder", 50)).resolves.toMatchObject({
      text: "already here",
    });
  });

  it("waitFor rejects after the timeout and lists what did arrive", async () => {
    await mailer.send({ to: ["owner@example.com"], subject: "Reminder", text: "x" });

    await expect(capture.waitFor((m) => m.subject === "Escalation", 100)).rejects.toThrow(
      'No matching mail within 100 ms; received: "Reminder" to owner@example.com',
    );
  });

  it("clear forgets earlier messages", async () => {
    await mailer.send({ to: ["owner@example.com"], subject: "Old", text: "x" });

    capture.clear();

    expect(capture.messages()).toEqual([]);
  });
});

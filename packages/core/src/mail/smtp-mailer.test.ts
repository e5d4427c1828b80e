import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSmtpCapture, type SmtpCapture } from "@dealflow/local/mail/smtp-capture";
import { freePort } from "@dealflow/local/net";
import { ValidationError } from "../errors.ts";
import { createSmtpMailer } from "./smtp-mailer.ts";
import { MailDeliveryError } from "./mail-message.ts";

describe("SMTP mailer, sending to a real SMTP server on loopback", () => {
  let capture: SmtpCapture;

  beforeAll(async () => {
    capture = await startSmtpCapture();
  });

  afterAll(async () => {
    await capture.close();
  });

  beforeEach(() => capture.clear());

  it("delivers a Chinese subject, text and html intact, with the idempotency header", async () => {
    const mailer = createSmtpMailer({ url: capture.smtpUrl, from: "crm@dealflow.example" });

    const { messageId } = await mailer.send({
      to: ["wang.fang@example.cn"],
      subject: "商机跟进提醒：华东区续约",
      text: "请在今天之前联系客户。",
      html: "<p>请在今天之前联系<b>客户</b>。</p>",
      idempotencyKey: "reminder-deal-42-stage-3",
    });

    const [mail] = capture.messages();
    expect(mail).toMatchObject({
      from: "crm@dealflow.example",
      to: ["wang.fang@example.cn"],
      subject: "商机跟进提醒：华东区续约",
      text: "请在今天之前联系客户。",
      html: "<p>请在今天之前联系<b>客户</b>。</p>",
      messageId,
    });
    expect(mail?.headers["x-dealflow-idempotency-key"]).toBe("reminder-deal-42-stage-3");
  });

  it("sends one message to every recipient and no idempotency header when no key is given", async () => {
    const mailer = createSmtpMailer({ url: capture.smtpUrl, from: "crm@dealflow.example" });

    await mailer.send({ to: ["ada@example.com", "grace@example.com"], subject: "Stage moved", text: "Won!" });

    expect(capture.messages()).toHaveLength(1);
    expect(capture.messages()[0]?.to).toEqual(["ada@example.com", "grace@example.com"]);
    expect(capture.messages()[0]?.headers).not.toHaveProperty("x-dealflow-idempotency-key");
  });

  it("rejects a subject with a line break (header injection) without sending anything", async () => {
    const mailer = createSmtpMailer({ url: capture.smtpUrl, from: "crm@dealflow.example" });

    const sending = mailer.send({ to: ["ada@example.com"], subject: "Hi\r\nBcc: eve@example.com", text: "x" });

    await expect(sending).rejects.toBeInstanceOf(ValidationError);
    await expect(sending).rejects.toMatchObject({ field: "subject" });
    expect(capture.messages()).toHaveLength(0);
  });

  it("reports an unreachable server as a MailDeliveryError that does not leak the password", async () => {
    const port = await freePort();
    const mailer = createSmtpMailer({ url: `smtp://mailer:s3cret@127.0.0.1:${port}`, from: "crm@dealflow.example" });

    const sending = mailer.send({ to: ["ada@example.com"], subject: "Hi", text: "x" });

    await expect(sending).rejects.toBeInstanceOf(MailDeliveryError);
    await expect(sending).rejects.toThrow(`smtp://127.0.0.1:${port}`);
    await expect(sending).rejects.not.toThrow(/s3cret/);
  });

  it("refuses a URL that is not smtp:// when the mailer is created", () => {
    expect(() => createSmtpMailer({ url: "http://127.0.0.1:1025", from: "crm@dealflow.example" })).toThrow(
      /must start with smtp:\/\//,
    );
    expect(() => createSmtpMailer({ url: "127.0.0.1:1025", from: "crm@dealflow.example" })).toThrow(/not a URL/);
  });
});

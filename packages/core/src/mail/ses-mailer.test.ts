import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { ValidationError } from "../errors.ts";
import { createSesMailer } from "./ses-mailer.ts";
import { MailDeliveryError } from "./mail-message.ts";

interface Recorded {
  method: string;
  url: string;
  body: unknown;
}

interface Reply {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}

/** Stands in for the SES v2 endpoint: records each request and answers with the next queued reply. */
describe("SES mailer, driven by the real SESv2Client against a loopback endpoint", () => {
  const requests: Recorded[] = [];
  const replies: Reply[] = [];
  let server: Server;
  let client: SESv2Client;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        requests.push({ method: req.method ?? "", url: req.url ?? "", body: raw ? JSON.parse(raw) : undefined });
        const reply = replies.shift() ?? { status: 200, body: { MessageId: "ses-default-id" } };
        res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
        res.end(JSON.stringify(reply.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    client = new SESv2Client({
      endpoint: `http://127.0.0.1:${port}`,
      region: "us-east-1",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
      maxAttempts: 1,
    });
  });

  afterAll(async () => {
    client.destroy();
    await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
  });

  beforeEach(() => {
    requests.length = 0;
    replies.length = 0;
  });

  it("sends a Chinese subject and both bodies as UTF-8 Simple content and returns SES's MessageId", async () => {
    replies.push({ status: 200, body: { MessageId: "0100018f-ses-id" } });
    const mailer = createSesMailer({ client, from: "crm@dealflow.example" });

    const result = await mailer.send({
      to: ["wang.fang@example.cn", "li.lei@example.cn"],
      subject: "商机跟进提醒：华东区续约",
      text: "请在今天之前联系客户。",
      html: "<p>请在今天之前联系客户。</p>",
      idempotencyKey: "reminder-deal-42-stage-3",
    });

    expect(result).toEqual({ messageId: "0100018f-ses-id" });
    expect(requests).toHaveLength(1);
    expect(requests[0]?.method).toBe("POST");
    expect(requests[0]?.url).toBe("/v2/email/outbound-emails");
    expect(requests[0]?.body).toEqual({
      FromEmailAddress: "crm@dealflow.example",
      Destination: { ToAddresses: ["wang.fang@example.cn", "li.lei@example.cn"] },
      Content: {
        Simple: {
          Subject: { Data: "商机跟进提醒：华东区续约", Charset: "UTF-8" },
          Body: {
            Text: { Data: "请在今天之前联系客户。", Charset: "UTF-8" },
            Html: { Data: "<p>请在今天之前联系客户。</p>", Charset: "UTF-8" },
          },
          Headers: [{ Name: "X-Dealflow-Idempotency-Key", Value: "reminder-deal-42-stage-3" }],
        },
      },
    });
  });

  it("omits Html, Headers and the configuration set when they are not given", async () => {
    const mailer = createSesMailer({ client, from: "crm@dealflow.example" });

    await mailer.send({ to: ["ada@example.com"], subject: "Lead assigned", text: "A new lead is yours." });

    expect(requests[0]?.body).toEqual({
      FromEmailAddress: "crm@dealflow.example",
      Destination: { ToAddresses: ["ada@example.com"] },
      Content: {
        Simple: {
          Subject: { Data: "Lead assigned", Charset: "UTF-8" },
          Body: { Text: { Data: "A new lead is yours.", Charset: "UTF-8" } },
        },
      },
    });
  });

  it("names the configuration set when one is configured", async () => {
    const mailer = createSesMailer({ client, from: "crm@dealflow.example", configurationSetName: "dealflow-prod" });

    await mailer.send({ to: ["ada@example.com"], subject: "Hi", text: "Hello" });

    expect(requests[0]?.body).toMatchObject({ ConfigurationSetName: "dealflow-prod" });
  });

  it("turns an SES rejection into a MailDeliveryError that names the SES error", async () => {
    replies.push({
      status: 400,
      headers: { "x-amzn-errortype": "MessageRejected" },
      body: { message: "Email address is not verified: crm@dealflow.example" },
    });
    const mailer = createSesMailer({ client, from: "crm@dealflow.example" });

    const sending = mailer.send({ to: ["ada@example.com"], subject: "Hi", text: "Hello" });

    await expect(sending).rejects.toBeInstanceOf(MailDeliveryError);
    await expect(sending).rejects.toThrow(/ses: MessageRejected: Email address is not verified/);
  });

  it("rejects bad input before calling SES", async () => {
    const mailer = createSesMailer({ client, from: "crm@dealflow.example" });

    await expect(mailer.send({ to: [], subject: "Hi", text: "x" })).rejects.toMatchObject({ field: "to" });
    await expect(mailer.send({ to: ["not-an-address"], subject: "Hi", text: "x" })).rejects.toMatchObject({
      field: "to[0]",
    });
    await expect(
      mailer.send({ to: ["ada@example.com"], subject: "Hi", text: "x", idempotencyKey: "键" }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(requests).toHaveLength(0);
  });

  it("refuses a sender that is not an email address when the mailer is created", () => {
    expect(() => createSesMailer({ client, from: "Dealflow" })).toThrow(/from must be an email address/);
  });
});

import { createTransport } from "nodemailer";
import type { Mailer } from "../ports/mailer.ts";
import { IDEMPOTENCY_HEADER, MailDeliveryError, assertAddress, validateMailMessage } from "./mail-message.ts";

export interface SmtpMailerOptions {
  /** e.g. `smtp://127.0.0.1:1025` (the local mail inbox) or `smtp://user:pass@host:587`. */
  url: string;
  from: string;
}

/**
 * Sends mail over SMTP; the local runtime points it at the mail inbox, tests at the SMTP capture.
 * @example
 * const mailer = createSmtpMailer({ url: readEnv("smtpUrl"), from: readEnv("mailFrom") });
 * await mailer.send({ to: ["owner@example.com"], subject: "跟进提醒", text: "..." });
 */
export function createSmtpMailer(options: SmtpMailerOptions): Mailer {
  assertAddress(options.from, "from");
  const target = describeUrl(options.url);
  // No pool: each send opens and closes its own connection, so nothing is left to close when the app stops.
  const transport = createTransport(options.url);
  return {
    async send(message) {
      validateMailMessage(message);
      try {
        const info = await transport.sendMail({
          from: options.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          ...(message.html === undefined ? {} : { html: message.html }),
          ...(message.idempotencyKey ? { headers: { [IDEMPOTENCY_HEADER]: message.idempotencyKey } } : {}),
        });
        return { messageId: info.messageId };
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new MailDeliveryError("smtp", `${target}: ${reason}`, { cause: error });
      }
    },
  };
}

/** The URL without credentials, safe for error messages. */
function describeUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`SMTP url is not a URL: "${url}" (expected e.g. smtp://127.0.0.1:1025)`);
  }
  if (parsed.protocol !== "smtp:" && parsed.protocol !== "smtps:") {
    throw new TypeError(`SMTP url must start with smtp:// or smtps://, got "${parsed.protocol}//"`);
  }
  return `${parsed.protocol}//${parsed.host}`;
}

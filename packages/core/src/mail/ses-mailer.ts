import { SendEmailCommand, type SESv2Client } from "@aws-sdk/client-sesv2";
import type { Mailer, MailMessage } from "../ports/mailer.ts";
import { IDEMPOTENCY_HEADER, MailDeliveryError, assertAddress, validateMailMessage } from "./mail-message.ts";

export interface SesMailerOptions {
  client: SESv2Client;
  /** A verified SES identity (address or an address on a verified domain). */
  from: string;
  configurationSetName?: string;
}

/**
 * Sends mail through SES v2 `SendEmail` with Simple content, so SES builds the MIME message and encodes
 * non-ASCII subjects itself.
 * @example
 * const mailer = createSesMailer({ client: new SESv2Client({}), from: readEnv("mailFrom") });
 */
export function createSesMailer(options: SesMailerOptions): Mailer {
  assertAddress(options.from, "from");
  return {
    async send(message) {
      validateMailMessage(message);
      let messageId: string | undefined;
      try {
        ({ MessageId: messageId } = await options.client.send(new SendEmailCommand(toRequest(message, options))));
      } catch (error) {
        const name = error instanceof Error ? error.name : "Error";
        const reason = error instanceof Error ? error.message : String(error);
        throw new MailDeliveryError("ses", `${name}: ${reason}`, { cause: error });
      }
      if (!messageId) throw new MailDeliveryError("ses", "SES answered without a MessageId");
      return { messageId };
    },
  };
}

function toRequest(message: MailMessage, options: SesMailerOptions) {
  const utf8 = (data: string) => ({ Data: data, Charset: "UTF-8" });
  return {
    FromEmailAddress: options.from,
    Destination: { ToAddresses: message.to },
    ...(options.configurationSetName ? { ConfigurationSetName: options.configurationSetName } : {}),
    Content: {
      Simple: {
        Subject: utf8(message.subject),
        Body: {
          Text: utf8(message.text),
          ...(message.html === undefined ? {} : { Html: utf8(message.html) }),
        },
        ...(message.idempotencyKey ? { Headers: [{ Name: IDEMPOTENCY_HEADER, Value: message.idempotencyKey }] } : {}),
      },
    },
  };
}

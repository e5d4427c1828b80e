import { ValidationError } from "../errors.ts";
import type { MailMessage } from "../ports/mailer.ts";

/** Both adapters put the idempotency key in this header, so a retried send can be spotted in any inbox. */
export const IDEMPOTENCY_HEADER = "X-Dealflow-Idempotency-Key";

/** The transport refused or failed the send; `cause` keeps the transport's own error. */
export class MailDeliveryError extends Error {
  constructor(
    readonly transport: "smtp" | "ses",
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`Mail could not be sent through ${transport}: ${detail}`, options);
    this.name = "MailDeliveryError";
  }
}

const ADDRESS = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/;
// SES accepts only printable ASCII in header values; SMTP is held to the same rule so keys look alike everywhere.
const HEADER_VALUE = /^[\x21-\x7e]{1,256}$/;

export function assertAddress(address: string, field: string): void {
  if (!ADDRESS.test(address)) throw new ValidationError(`${field} must be an email address, got "${address}"`, field);
}

/** Rejects what a transport would reject later with a vaguer error, or worse, accept: header injection. */
export function validateMailMessage(message: MailMessage): void {
  if (!Array.isArray(message.to) || message.to.length === 0) {
    throw new ValidationError("to must list at least one recipient", "to");
  }
  message.to.forEach((address, i) => assertAddress(address, `to[${i}]`));
  if (typeof message.subject !== "string" || message.subject.trim() === "") {
    throw new ValidationError("subject must not be empty", "subject");
  }
  if (/[\r\n]/.test(message.subject)) throw new ValidationError("subject must be a single line", "subject");
  if (typeof message.text !== "string") throw new ValidationError("text must be a string", "text");
  if (message.html !== undefined && typeof message.html !== "string") {
    throw new ValidationError("html must be a string when given", "html");
  }
  if (message.idempotencyKey !== undefined && !HEADER_VALUE.test(message.idempotencyKey)) {
    throw new ValidationError("idempotencyKey must be 1-256 printable ASCII characters without spaces", "idempotencyKey");
  }
}

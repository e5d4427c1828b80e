export { createSmtpMailer, type SmtpMailerOptions } from "./smtp-mailer.ts";
export { createSesMailer, type SesMailerOptions } from "./ses-mailer.ts";
export { composeMail, escapeHtml, type ComposeMailInput } from "./compose-mail.ts";
export { IDEMPOTENCY_HEADER, MailDeliveryError, validateMailMessage } from "./mail-message.ts";
export type { Mailer, MailMessage } from "../ports/mailer.ts";

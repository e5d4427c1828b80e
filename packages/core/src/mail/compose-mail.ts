import { ValidationError } from "../errors.ts";
import type { MailMessage } from "../ports/mailer.ts";

export interface ComposeMailInput {
  to: string[];
  subject: string;
  /** Plain text; each becomes one paragraph, HTML-escaped in the html part. */
  paragraphs: string[];
  /** A call to action, e.g. the deal's page in the web client. */
  link?: { label: string; url: string };
  idempotencyKey?: string;
}

/**
 * Builds the text and html parts of a notification from plain strings. There is deliberately no template
 * engine: messages are short, and escaping every value here is what keeps user data (deal names) out of markup.
 */
export function composeMail(input: ComposeMailInput): MailMessage {
  const link = input.link ? checkedLink(input.link) : undefined;
  const textParts = [...input.paragraphs, ...(link ? [`${link.label}: ${link.url}`] : [])];
  const htmlParts = [
    ...input.paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\r?\n/g, "<br>")}</p>`),
    ...(link ? [`<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p>`] : []),
  ];
  return {
    to: input.to,
    subject: input.subject,
    text: textParts.join("\n\n"),
    html: `<!doctype html><html><head><meta charset="utf-8"></head><body>${htmlParts.join("")}</body></html>`,
    ...(input.idempotencyKey ? { idempotencyKey: input.idempotencyKey } : {}),
  };
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

function checkedLink(link: { label: string; url: string }): { label: string; url: string } {
  let protocol: string;
  try {
    protocol = new URL(link.url).protocol;
  } catch {
    throw new ValidationError(`link.url is not a URL: "${link.url}"`, "link.url");
  }
  // Anything but http(s) in a mail link is either broken or a script injection.
  if (protocol !== "http:" && protocol !== "https:") {
    throw new ValidationError("link.url must be an http(s) URL", "link.url");
  }
  return link;
}

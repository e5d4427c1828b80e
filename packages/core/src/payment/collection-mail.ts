import { composeMail } from "../mail/compose-mail.ts";
import type { MailMessage } from "../ports/mailer.ts";
import { appLink } from "../notification/notification.ts";
import type { User } from "../user/user.ts";
import { formatMoney } from "./money.ts";
import type { Instalment } from "./order-facts.ts";

const dateOnly = /^\d{4}-\d{2}-\d{2}$/;

/** A due date as entered; a due time in the team's zone, with the zone named. */
export function dueText(i: Instalment, timeZone: string): string {
  if (dateOnly.test(i.dueDate)) return i.dueDate;
  return `${new Intl.DateTimeFormat("en-GB", { timeZone, dateStyle: "medium", timeStyle: "medium" }).format(new Date(i.dueAt))} (${timeZone})`;
}

const orderPath = (orderId: string) => `/#/orders/${orderId}`;
const owed = (i: Instalment) => formatMoney(i.amountCents - i.paidCents, i.currency);

/** To the deal owner, before the due time. */
export function reminderMail(i: Instalment, owner: User, timeZone: string, appUrl: string): MailMessage {
  return composeMail({
    to: [owner.email],
    subject: `Payment due soon: ${i.orderNumber} instalment ${i.seq}, ${owed(i)} due ${dueText(i, timeZone)}`,
    paragraphs: [
      `Hello ${owner.name},`,
      `Instalment ${i.seq} of order ${i.orderNumber} falls due ${dueText(i, timeZone)}: ${owed(i)} of ${formatMoney(i.amountCents, i.currency)} is still to be paid.`,
      "Please remind the customer. If it is not paid in full by then, it is marked overdue and finance is told.",
    ],
    link: { label: "Open the order", url: appLink(appUrl, orderPath(i.orderId)) },
    idempotencyKey: `instalment-reminder-${i.instalmentId}`,
  });
}

/** To the deal owner and the finance contact, once the instalment is late. */
export function overdueMail(i: Instalment, to: string[], owner: User | undefined, finance: string | undefined, timeZone: string, appUrl: string): MailMessage {
  return composeMail({
    to,
    subject: `Overdue: ${i.orderNumber} instalment ${i.seq}, ${owed(i)} outstanding`,
    paragraphs: [
      "Hello,",
      `Instalment ${i.seq} of order ${i.orderNumber} was due ${dueText(i, timeZone)} and is not paid in full: ${owed(i)} of ${formatMoney(i.amountCents, i.currency)} is outstanding.`,
      `Deal owner: ${owner ? `${owner.name} <${owner.email}>` : i.ownerId}. Finance contact: ${finance ?? "none set (team collection settings)"}.`,
      "Chase the customer and record the payment in Dealflow when it arrives.",
    ],
    link: { label: "Open the order", url: appLink(appUrl, orderPath(i.orderId)) },
    idempotencyKey: `instalment-overdue-${i.instalmentId}`,
  });
}

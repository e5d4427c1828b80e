import type { Db } from "../db/service.ts";
import { composeMail } from "../mail/compose-mail.ts";
import type { MailMessage } from "../ports/mailer.ts";
import type { Opportunity } from "../opportunity/opportunity.ts";
import type { Stage } from "../pipeline/pipeline.ts";
import { findUser, type User } from "../user/user.ts";

export interface SlaMailContext {
  deal: Opportunity;
  stage: Stage | undefined;
  owner: User | undefined;
  appUrl: string;
  now: Date;
}

export const dealUrl = (appUrl: string, opportunityId: string) => `${appUrl.replace(/\/+$/, "")}/deals/${encodeURIComponent(opportunityId)}`;

const daysIn = (c: SlaMailContext) => Math.max(0, (c.now.getTime() - Date.parse(c.deal.stageEnteredAt)) / 86_400_000);
const fmtDays = (days: number) => (days >= 1 ? `${Math.floor(days)} day(s)` : `${Math.round(days * 24 * 60)} minute(s)`);
const stageName = (c: SlaMailContext) => c.stage?.name ?? c.deal.stage;
const idempotencyKey = (c: SlaMailContext, kind: string) => `deal-flow:${c.deal.opportunityId}:${c.deal.stageSeq}:${kind}`;

export function reminderMail(c: SlaMailContext & { owner: User }): MailMessage {
  const sla = c.stage?.slaDays === undefined ? [] : [`The stage allows ${fmtDays(c.stage.slaDays)}.`];
  return composeMail({
    to: [c.owner.email],
    subject: `Reminder: "${c.deal.name}" is overdue in ${stageName(c)}`,
    paragraphs: [
      `Hello ${c.owner.name},`,
      `Your deal "${c.deal.name}" has been in the stage ${stageName(c)} for ${fmtDays(daysIn(c))}. ${sla.join("")}`.trim(),
      "Move it to its next stage, or log what is blocking it. Without progress it is escalated to your manager.",
    ],
    link: { label: "Open the deal", url: dealUrl(c.appUrl, c.deal.opportunityId) },
    idempotencyKey: idempotencyKey(c, "reminder"),
  });
}

export function escalationMail(c: SlaMailContext & { manager: User }): MailMessage {
  const owner = c.owner ? `${c.owner.name} <${c.owner.email}>` : "nobody (unowned)";
  return composeMail({
    to: [c.manager.email],
    subject: `Escalation: "${c.deal.name}" is stuck in ${stageName(c)}`,
    paragraphs: [
      `Hello ${c.manager.name},`,
      `The deal "${c.deal.name}" (${c.deal.amount} ${c.deal.currency}) has been in ${stageName(c)} for ${fmtDays(daysIn(c))}, past its stage SLA, and its owner was reminded without result.`,
      `Owner: ${owner}.`,
      "It is now flagged stale and offered for recycling to the team pool.",
    ],
    link: { label: "Open the deal", url: dealUrl(c.appUrl, c.deal.opportunityId) },
    idempotencyKey: idempotencyKey(c, "escalation"),
  });
}

/** The manager of the deal's team, if the team has one who can receive mail. */
export async function managerOf(db: Db, teamId: string): Promise<User | undefined> {
  const team = (await db.entities.team.get({ teamId }).go()).data;
  if (!team?.managerId) return undefined;
  return (await findUser(db, team.managerId)) ?? undefined;
}

export async function ownerOf(db: Db, deal: Opportunity): Promise<User | undefined> {
  return deal.ownerId ? ((await findUser(db, deal.ownerId)) ?? undefined) : undefined;
}

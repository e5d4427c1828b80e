import { z } from "zod";
import { deliverNotification, notificationId, type NotifyDeps } from "../notification/notification.ts";
import { subjectName, subjectPath } from "../notification/notification-text.ts";
import { parse } from "../records/schema.ts";
import { formatMoney } from "../payment/money.ts";
import { managerOf } from "../deal-flow/sla-mail.ts";
import { findUser, type User } from "../user/user.ts";

const eventData = z.object({
  quoteId: z.string().min(1),
  quoteNumber: z.string().min(1),
  quoteVersion: z.number().int().positive(),
  teamId: z.string().min(1),
  opportunityId: z.string().min(1),
  authorId: z.string().min(1),
  totalCents: z.number().int(),
  currency: z.string(),
  maxDiscountPct: z.number(),
  thresholdPct: z.number(),
  decidedBy: z.string().optional(),
  comment: z.string().nullable().optional(),
});
type QuoteEventData = z.infer<typeof eventData>;

export type QuoteMailEvent = "quote.approval_requested" | "quote.approved" | "quote.rejected";
export interface QuoteMailOutcome {
  recipient: string | null;
  mailed: boolean;
}

const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();
const label = (d: QuoteEventData) => `${d.quoteNumber} v${d.quoteVersion}`;

function requestMail(d: QuoteEventData, deal: string, author: string, zh: boolean) {
  if (zh) {
    return {
      subject: oneLine(`折扣待审批：「${deal}」的报价 ${label(d)}（${d.maxDiscountPct}% > ${d.thresholdPct}%）`),
      paragraphs: [
        `${author} 请你审批商机「${deal}」的报价 ${label(d)} 的折扣。`,
        `总额 ${formatMoney(d.totalCents, d.currency)}；最高折扣 ${d.maxDiscountPct}%，超过团队阈值 ${d.thresholdPct}%。`,
        "请在 Dealflow 中批准，或填写意见后驳回。审批前该报价不能设为主报价，也不能下单。",
      ],
    };
  }
  return {
    subject: oneLine(`Discount approval needed: ${label(d)} on "${deal}" (${d.maxDiscountPct}% > ${d.thresholdPct}%)`),
    paragraphs: [
      `${author} asks you to approve the discount on quote ${label(d)} for the deal "${deal}".`,
      `Total ${formatMoney(d.totalCents, d.currency)}; highest discount ${d.maxDiscountPct}%, above the team's ${d.thresholdPct}% threshold.`,
      "Approve it, or reject it with a comment, in Dealflow. Until then it cannot be made primary or ordered.",
    ],
  };
}

function decisionMail(d: QuoteEventData, approved: boolean, deal: string, decider: string, zh: boolean) {
  if (zh) {
    const verdict = approved ? "已批准" : "已驳回";
    return {
      subject: oneLine(`「${deal}」的报价 ${label(d)} ${verdict}（${decider}）`),
      paragraphs: [
        `${decider}${verdict}商机「${deal}」的报价 ${label(d)} 的 ${d.maxDiscountPct}% 折扣（总额 ${formatMoney(d.totalCents, d.currency)}）。`,
        ...(d.comment ? [`意见：${d.comment}`] : []),
        approved ? "现在可以发送该报价、设为主报价并下单。" : "修改报价后可再次提交审批，或降低折扣。",
      ],
    };
  }
  const verdict = approved ? "approved" : "rejected";
  return {
    subject: oneLine(`Quote ${label(d)} on "${deal}" ${verdict} by ${decider}`),
    paragraphs: [
      `${decider} ${verdict} the discount of ${d.maxDiscountPct}% on quote ${label(d)} for the deal "${deal}" (total ${formatMoney(d.totalCents, d.currency)}).`,
      ...(d.comment ? [`Comment: ${d.comment}`] : []),
      approved ? "You can now send it, make it the primary quote and order it." : "Edit the quote to ask again, or lower the discount.",
    ],
  };
}

/**
 * Mails the approval request to the team's manager, and the decision to the quote's author, each as an in-app
 * notification with its email, in the recipient's language (en or zh-CN). Same event, same notification id: a
 * redelivered event mails nobody twice.
 */
export async function sendQuoteApprovalMail(deps: NotifyDeps, event: { id: string; name: string; data: unknown }): Promise<QuoteMailOutcome> {
  const d = parse(eventData, event.data);
  const requested = event.name === "quote.approval_requested";
  const author = await findUser(deps.db, d.authorId);
  const recipient: User | null | undefined = requested ? await managerOf(deps.db, d.teamId) : author;
  if (!recipient || recipient.active === false) return { recipient: null, mailed: false };
  const deal = await subjectName(deps.db, "opportunity", d.opportunityId);
  const decider = d.decidedBy ? ((await findUser(deps.db, d.decidedBy))?.name ?? d.decidedBy) : "";
  const zh = recipient.locale === "zh-CN";
  const mail = requested ? requestMail(d, deal, author?.name ?? d.authorId, zh) : decisionMail(d, event.name === "quote.approved", deal, decider, zh);
  const delivered = await deliverNotification(
    deps,
    {
      notificationId: notificationId("quote-approval", event.id, recipient.userId), userId: recipient.userId, teamId: d.teamId,
      kind: "task_due", text: mail.subject, link: subjectPath("opportunity", d.opportunityId), subjectType: "opportunity", subjectId: d.opportunityId,
      ...(requested ? { actorId: d.authorId } : d.decidedBy ? { actorId: d.decidedBy } : {}),
    },
    { to: recipient.email, subject: mail.subject, paragraphs: [zh ? `${recipient.name}，你好：` : `Hello ${recipient.name},`, ...mail.paragraphs], linkLabel: zh ? "打开商机" : "Open the deal" },
  );
  return { recipient: recipient.userId, mailed: delivered.mailed };
}

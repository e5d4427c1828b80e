import { z } from "zod";
import { ForbiddenError, UnprocessableError } from "../errors.ts";
import type { Ctx } from "../records/context.ts";
import { domainEvent } from "../records/record-writer.ts";
import { longText, parse, versionField } from "../records/schema.ts";
import { getQuote } from "./quote.ts";
import { approvalData, assertLatest, commitQuoteUpdate, openDealFor, type Quote } from "./quote-store.ts";

const comment = longText.max(2000);
export const approveQuoteSchema = z.object({ ...versionField, comment: comment.optional() }).strict();
export const rejectQuoteSchema = z.object({ ...versionField, comment: comment.min(1, "Say why the quote is rejected") }).strict();
export const sendQuoteSchema = z.object(versionField).strict();

/** A manager of the quote's team decides (admins too); never a rep, never another team's manager. */
function assertDecider(ctx: Ctx, q: Quote): void {
  const { role, teamId } = ctx.actor;
  if (role === "admin" || (role === "manager" && teamId === q.teamId)) return;
  throw new ForbiddenError("Only a manager of the quote's team can approve or reject its discount");
}

async function decide(ctx: Ctx, quoteId: string, version: number, outcome: "approved" | "rejected", text: string | undefined): Promise<Quote> {
  const current = await getQuote(ctx, quoteId);
  assertDecider(ctx, current);
  if (current.status !== "pending_approval") throw new UnprocessableError("not_pending", `This quote is ${current.status}; only a quote pending approval can be approved or rejected`, "status");
  const at = ctx.clock.now().toISOString();
  const patch = { status: outcome, decidedBy: ctx.actor.userId, decidedAt: at, ...(text && { approvalComment: text }) };
  return commitQuoteUpdate(ctx, current, version, patch, {
    action: outcome === "approved" ? "approve" : "reject",
    remove: text ? [] : ["approvalComment"],
    events: (record, when) => [domainEvent(ctx, `quote.${outcome}`, { ...approvalData(record), decidedBy: ctx.actor.userId, comment: text ?? null }, when)],
  });
}

/** Approves the discount of a pending quote: it may now be sent, made primary and ordered. */
export async function approveQuote(ctx: Ctx, quoteId: string, raw: z.input<typeof approveQuoteSchema>): Promise<Quote> {
  const input = parse(approveQuoteSchema, raw);
  return decide(ctx, quoteId, input.version, "approved", input.comment);
}

/** Rejects the discount with a reason; the author may edit the quote, which asks again if still over the threshold. */
export async function rejectQuote(ctx: Ctx, quoteId: string, raw: z.input<typeof rejectQuoteSchema>): Promise<Quote> {
  const input = parse(rejectQuoteSchema, raw);
  return decide(ctx, quoteId, input.version, "rejected", input.comment);
}

/** What stops a version from going to the customer, being primary or ordered. */
export function assertUsable(q: Quote): void {
  if (q.status === "pending_approval") throw new UnprocessableError("approval_pending", `${q.quoteNumber} v${q.quoteVersion} waits for a manager to approve its discount`, "status");
  if (q.status === "rejected") throw new UnprocessableError("quote_rejected", `${q.quoteNumber} v${q.quoteVersion} was rejected; edit it first`, "status");
}

/** Marks the latest version as sent to the customer; from now on an edit makes a new version. */
export async function sendQuote(ctx: Ctx, quoteId: string, raw: z.input<typeof sendQuoteSchema>): Promise<Quote> {
  const input = parse(sendQuoteSchema, raw);
  const current = await getQuote(ctx, quoteId);
  assertLatest(current);
  await openDealFor(ctx, current.opportunityId);
  assertUsable(current);
  if (current.status === "sent") return current;
  return commitQuoteUpdate(ctx, current, input.version, { status: "sent", sentAt: ctx.clock.now().toISOString() }, { action: "send" });
}

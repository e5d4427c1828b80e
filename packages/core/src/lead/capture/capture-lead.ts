import { transact } from "../../db/transact.ts";
import { ConflictError } from "../../errors.ts";
import type { Ctx } from "../../records/context.ts";
import { getRecord } from "../../records/record-writer.ts";
import { plannedCreate } from "../../records/record-plan.ts";
import { parse } from "../../records/schema.ts";
import { assertAssignableOwner } from "../../user/user.ts";
import { leadKind, type Lead } from "../lead.ts";
import { captureInputSchema, type CaptureFields, type CaptureInput, type CaptureOptions, type CaptureOutcome } from "./capture.schema.ts";
import { captureTeam } from "./capture-team.ts";
import { readReceipt, receiptWrite, ReceiptTakenError } from "./capture-receipt.ts";
import { KeyTakenError, readKeys, takeKey, type KeyHolder } from "./lead-keys.ts";
import { touchLead } from "./lead-touch.ts";
import { dedupeKeys, keyLabel, toE164 } from "./normalise.ts";
import type { LeadKeyKind } from "./lead-key.entity.ts";

export interface CaptureResult {
  lead: Lead;
  outcome: CaptureOutcome;
}

const maxAttempts = 12;
const pause = (attempt: number) => new Promise((r) => setTimeout(r, 5 + Math.random() * 15 * (attempt + 1)));

/**
 * Company+name is the weakest key: two people of one name at one company are told apart by a different email
 * or phone, so such a match is not a repeat.
 */
function contradicts(lead: Lead, p: CaptureFields): boolean {
  return (!!p.email && !!lead.email && p.email !== lead.email) || (!!p.phone && !!lead.phone && p.phone !== lead.phone);
}

/** The known lead this person is, by the strongest key that matches. */
async function findMatch(ctx: Ctx, holders: KeyHolder[], p: CaptureFields): Promise<{ lead: Lead; matchedBy: LeadKeyKind } | null> {
  for (const h of holders) {
    if (!h.leadId) continue;
    const lead = (await getRecord(ctx.db, leadKind, h.leadId)) as Lead | null;
    if (!lead || (h.key.kind === "company_name" && contradicts(lead, p))) continue;
    return { lead, matchedBy: h.key.kind };
  }
  return null;
}

async function createCaptured(ctx: Ctx, p: CaptureFields, teamId: string, opts: CaptureOptions, holders: KeyHolder[]): Promise<Lead> {
  const at = ctx.clock.now().toISOString();
  const { ownerId, ...person } = p;
  const [strongest] = holders;
  const fields = { ...person, leadId: opts.leadId, teamId, ownerId, status: ownerId ? "assigned" : "new", source: opts.channel, ...(strongest && { dedupeKey: keyLabel(strongest.key) }) };
  const plan = plannedCreate(ctx, leadKind, fields, at);
  const leadId = String(plan.record.leadId);
  const takes = holders.filter((h) => h.leadId === null).map((h) => takeKey(ctx, h.key, leadId, teamId, at));
  const receipt = opts.idempotencyKey ? [receiptWrite(ctx, opts.idempotencyKey, leadId, "created", opts.channel, at)] : [];
  await transact(ctx.db, [...plan.writes, ...takes, ...receipt]);
  await ctx.publisher.publish(plan.events);
  return plan.record as Lead;
}

async function replayed(ctx: Ctx, leadId: string): Promise<CaptureResult> {
  const lead = (await getRecord(ctx.db, leadKind, leadId)) as Lead | null;
  if (!lead) throw new ConflictError(`The capture was applied to lead ${leadId}, which no longer exists`, "idempotencyKey");
  return { lead, outcome: "replayed" };
}

/** Retry after losing a race: a key or receipt taken meanwhile, a stale version, or a transaction conflict. */
const lostRace = (err: unknown) => err instanceof KeyTakenError || (err instanceof ConflictError && err.field === "version");

/**
 * The one way a lead enters Dealflow, whatever the channel. Normalises the person, then either creates a lead
 * (claiming its dedupe keys in the same transaction) or, when any key is known, records a touch on that lead.
 * With an idempotency key, a replay changes nothing. Concurrent captures of one person give one lead: the
 * losers of the key race re-read the winner and touch it.
 */
export async function captureLead(ctx: Ctx, raw: CaptureInput, opts: CaptureOptions): Promise<CaptureResult> {
  const input = parse(captureInputSchema, raw);
  const { teamId, country } = await captureTeam(ctx, opts.teamId, input.region);
  const p: CaptureFields = { ...input, ...(input.phone && { phone: toE164(input.phone, country) }) };
  if (opts.idempotencyKey) {
    const receipt = await readReceipt(ctx, opts.idempotencyKey);
    if (receipt) return replayed(ctx, receipt.leadId);
  }
  const keys = dedupeKeys(p);
  for (let attempt = 0; ; attempt++) {
    try {
      const holders = await readKeys(ctx, keys);
      const match = await findMatch(ctx, holders, p);
      if (match) return { lead: await touchLead(ctx, match.lead, p, opts, match.matchedBy), outcome: "touched" };
      if (p.ownerId) await assertAssignableOwner(ctx, teamId, p.ownerId);
      return { lead: await createCaptured(ctx, p, teamId, opts, holders), outcome: "created" };
    } catch (err) {
      if (err instanceof ReceiptTakenError) return replayed(ctx, (await readReceipt(ctx, err.key))?.leadId ?? "");
      // A lead id given by the channel (evt-<eventId>) that exists already: the same event, seen before receipts.
      if (opts.leadId && err instanceof ConflictError && err.field === "leadId") return replayed(ctx, opts.leadId);
      if (!lostRace(err) || attempt + 1 >= maxAttempts) throw err;
      await pause(attempt);
    }
  }
}

import { z } from "zod";
import { createAccountSchema, type Account } from "../account/account.ts";
import { createContactSchema, type Contact } from "../contact/contact.ts";
import { transact } from "../db/transact.ts";
import { UnprocessableError } from "../errors.ts";
import { committeeRoles } from "../opportunity/opportunity.entity.ts";
import { createOpportunitySchema } from "../opportunity/opportunity.schema.ts";
import type { Opportunity } from "../opportunity/opportunity.ts";
import { plannedUpdate, type Planned } from "../records/record-plan.ts";
import { assertWritable } from "../records/access.ts";
import type { Ctx } from "../records/context.ts";
import { initialOwner } from "../records/owned-record.ts";
import { domainEvent, getRecord } from "../records/record-writer.ts";
import { parse, versionField } from "../records/schema.ts";
import { matchAccount, matchContact, type AccountMatch } from "./convert-match.ts";
import { assertReportsTo, partRecord, plannedAccount, plannedContact, plannedOpportunity, type Part } from "./convert-plan.ts";
import { leadKind, type Lead } from "./lead.ts";

const existingAccount = z.object({ accountId: z.string().min(1) }).strict();
const newAccount = createAccountSchema.pick({ name: true, domain: true, industry: true, size: true, region: true, website: true, phone: true, address: true }).strict();
const contactOverrides = createContactSchema
  .pick({ name: true, email: true, phone: true, title: true, reportsToContactId: true })
  .partial()
  .extend({ role: z.enum(committeeRoles).optional(), attitude: z.enum(["positive", "neutral", "negative"]).optional() })
  .strict();
const opportunityFields = createOpportunitySchema
  .pick({ amount: true, currency: true, expectedCloseDate: true, pipelineId: true, priority: true, needs: true, budget: true, nextStep: true })
  .extend({ name: createOpportunitySchema.shape.name.optional() })
  .strict();

/**
 * `account`: `{accountId}` to use an existing account, `{name, ...}` to create one; omitted, the team's account
 * with the lead's email domain or exact company name is used, else one is created from the lead's company.
 * `contact.role` is the person's place on the buying committee (default influencer).
 */
export const convertLeadSchema = z
  .object({ ...versionField, account: z.union([existingAccount, newAccount]).optional(), contact: contactOverrides.optional(), opportunity: opportunityFields.default({}) })
  .strict();
export type ConvertLeadInput = z.infer<typeof convertLeadSchema>;

export interface Conversion {
  lead: Lead;
  account: Account;
  contact: Contact;
  opportunity: Opportunity;
  /** How the account and contact were found: matched ones were reused, not created. */
  matched: { account: "given" | "domain" | "name" | null; contact: boolean };
}

function assertConvertible(lead: Lead): void {
  if (lead.status === "converted") {
    throw new UnprocessableError("lead_already_converted", `Lead ${lead.leadId} was already converted`, "status", { convertedOpportunityId: lead.convertedOpportunityId });
  }
  if (lead.status !== "qualified") throw new UnprocessableError("lead_not_qualified", `Only a qualified lead converts; this one is ${lead.status}`, "status");
}

async function accountPart(ctx: Ctx, lead: Lead, input: ConvertLeadInput, ownerId: string | undefined, at: string): Promise<[Part<Account>, Conversion["matched"]["account"]]> {
  const given = input.account;
  if (given && "accountId" in given) {
    const account = (await getRecord(ctx.db, { type: "account", entity: "account", idField: "accountId" }, given.accountId)) as Account | null;
    if (!account || account.teamId !== lead.teamId) throw new UnprocessableError("unknown_account", `Account ${given.accountId} is not an account of the lead's team`, "account.accountId");
    return [{ existing: account }, "given"];
  }
  const match: AccountMatch = given ? null : await matchAccount(ctx, lead);
  if (match) return [{ existing: match.account }, match.matchedBy];
  return [{ planned: plannedAccount(ctx, lead, given, ownerId, at) }, null];
}

async function contactPart(ctx: Ctx, lead: Lead, account: Part<Account>, input: ConvertLeadInput, ownerId: string | undefined, at: string): Promise<Part<Contact>> {
  const target = partRecord(account);
  await assertReportsTo(ctx, target.accountId, input.contact?.reportsToContactId);
  const email = input.contact?.email ?? lead.email;
  const existing = account.existing ? await matchContact(ctx, target.accountId, email) : null;
  return existing ? { existing } : { planned: plannedContact(ctx, lead, target, input.contact, ownerId, at) };
}

/**
 * Converts a qualified lead into account (matched or new) + contact + opportunity in ONE transaction with the
 * lead's own update (version-checked): any failure, a stale lead version included, leaves nothing behind.
 */
export async function convertLead(ctx: Ctx, leadId: string, raw: z.input<typeof convertLeadSchema>): Promise<Conversion> {
  const input = parse(convertLeadSchema, raw);
  const lead = assertWritable(ctx.actor, "lead", leadId, (await getRecord(ctx.db, leadKind, leadId)) as Lead | null);
  assertConvertible(lead);
  const at = ctx.clock.now().toISOString();
  const ownerId = await initialOwner(ctx, lead.teamId, lead.ownerId ?? undefined);
  const [account, matchedBy] = await accountPart(ctx, lead, input, ownerId, at);
  const contact = await contactPart(ctx, lead, account, input, ownerId, at);
  const deal = await plannedOpportunity(ctx, lead, partRecord(account), partRecord(contact), input, ownerId, at);
  const opportunity = deal.record as Opportunity;
  const link = { status: "converted", convertedOpportunityId: opportunity.opportunityId, convertedAccountId: opportunity.accountId, convertedContactId: partRecord(contact).contactId, convertedAt: at };
  const leadUpdate = plannedUpdate(ctx, leadKind, lead, input.version, link, { at, keyFields: ["teamId", "status", "createdAt", "ownerId"], action: "convert" });
  const planned = [account.planned, contact.planned, deal, leadUpdate].filter((p): p is Planned => p !== undefined);
  // The lead's version condition is checked in the same transaction, so a stale or concurrent conversion cancels it all.
  await transact(ctx.db, planned.flatMap((p) => p.writes));
  const converted = domainEvent(ctx, "lead.converted", { leadId, teamId: lead.teamId, ...link, accountMatched: matchedBy, contactMatched: !!contact.existing }, at);
  await ctx.publisher.publish([...planned.flatMap((p) => p.events), converted]);
  return { lead: leadUpdate.record as Lead, account: partRecord(account), contact: partRecord(contact), opportunity, matched: { account: matchedBy, contact: !!contact.existing } };
}

/** What converting would do, for the UI to offer the match before the user confirms. */
export async function previewConversion(ctx: Ctx, leadId: string) {
  const lead = assertWritable(ctx.actor, "lead", leadId, (await getRecord(ctx.db, leadKind, leadId)) as Lead | null);
  const blocked = lead.status === "converted" ? "lead_already_converted" : lead.status !== "qualified" ? "lead_not_qualified" : null;
  const match = await matchAccount(ctx, lead);
  const contact = match ? await matchContact(ctx, match.account.accountId, lead.email) : null;
  return { leadId, convertible: blocked === null, blockedBy: blocked, account: match ? { ...match.account, matchedBy: match.matchedBy } : null, contact };
}

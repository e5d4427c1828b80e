import { accountKind, type Account } from "../account/account.ts";
import { contactKind, type Contact } from "../contact/contact.ts";
import { UnprocessableError } from "../errors.ts";
import { opportunityKind } from "../opportunity/opportunity.ts";
import { openStay } from "../opportunity/stage-history.ts";
import { pipelineForTeam, type Pipeline } from "../pipeline/pipeline.ts";
import { plannedCreate, type Planned } from "../records/record-plan.ts";
import { newId, type Ctx } from "../records/context.ts";
import { companyDomain } from "./convert-match.ts";
import type { ConvertLeadInput } from "./lead-convert.ts";
import type { Lead } from "./lead.ts";

/** What conversion does about one record: reuse an existing one, or create it in the transaction. */
export type Part<T> = { existing: T; planned?: undefined } | { existing?: undefined; planned: Planned };

export const partRecord = <T>(p: Part<T>) => (p.existing ?? p.planned?.record) as T;

/** A new account from the caller's fields, else from the lead's company fields. */
export function plannedAccount(ctx: Ctx, lead: Lead, given: Extract<ConvertLeadInput["account"], { name: string }> | undefined, ownerId: string | undefined, at: string): Planned {
  const name = given?.name ?? lead.companyName;
  if (!name) throw new UnprocessableError("account_needed", "The lead has no company name: name the account to create, or pick an existing one", "account");
  const fields = given ?? { name, domain: companyDomain(lead.email), industry: lead.industry, size: lead.companySize, region: lead.region };
  return plannedCreate(ctx, accountKind, { ...fields, accountId: newId(ctx), teamId: lead.teamId, ownerId }, at);
}

/** The lead's person as a contact at the account; the caller's overrides win. */
export function plannedContact(ctx: Ctx, lead: Lead, account: Account, overrides: ConvertLeadInput["contact"], ownerId: string | undefined, at: string): Planned {
  const { role: _role, attitude: _attitude, ...fields } = overrides ?? {};
  const person = { name: lead.name, email: lead.email, phone: lead.phone, title: lead.title, ...fields };
  return plannedCreate(ctx, contactKind, { ...person, contactId: newId(ctx), accountId: account.accountId, teamId: account.teamId, ownerId }, at);
}

/** Reports-to must stay inside the account, as for any contact. */
export async function assertReportsTo(ctx: Ctx, accountId: string, reportsTo: string | undefined): Promise<void> {
  if (!reportsTo) return;
  const { data } = await ctx.db.entities.contact.get({ contactId: reportsTo }).go();
  if (!data || data.accountId !== accountId) {
    throw new UnprocessableError("invalid_reports_to", "A contact can report only to another contact at the same account", "contact.reportsToContactId");
  }
}

async function pipelineFor(ctx: Ctx, teamId: string, pipelineId: string | undefined): Promise<Pipeline> {
  if (pipelineId) return pipelineForTeam(ctx, pipelineId, teamId);
  const { data } = await ctx.db.entities.pipeline.query.byTeamName({ teamId }).go({ pages: "all" });
  const chosen = data.find((p) => p.isDefault) ?? data[0];
  if (!chosen) throw new UnprocessableError("no_pipeline", "This team has no pipeline yet; an admin must create one", "opportunity.pipelineId");
  return chosen;
}

/** The deal in the pipeline's first stage, with the converted person on its buying committee. */
export async function plannedOpportunity(ctx: Ctx, lead: Lead, account: Account, contact: Contact, input: ConvertLeadInput, ownerId: string | undefined, at: string): Promise<Planned> {
  const pipeline = await pipelineFor(ctx, lead.teamId, input.opportunity.pipelineId);
  const stage = pipeline.stages[0];
  if (!stage) throw new UnprocessableError("no_stage", "The pipeline has no stages", "opportunity.pipelineId");
  const opportunityId = newId(ctx);
  const member = { contactId: contact.contactId, role: input.contact?.role ?? "influencer", ...(input.contact?.attitude && { attitude: input.contact.attitude }) };
  const { pipelineId: _p, name, ...rest } = input.opportunity;
  const fields = {
    ...rest, opportunityId, name: name ?? `${account.name} · ${lead.name}`, teamId: lead.teamId, ownerId, accountId: account.accountId, pipelineId: pipeline.pipelineId,
    stage: stage.key, status: "open", stageEnteredAt: at, stageSeq: 1, amount: rest.amount ?? 0, currency: rest.currency ?? "CNY",
    probability: stage.probability, forecastCategory: stage.forecastCategory, sourceLeadId: lead.leadId, contacts: [member],
  };
  const planned = plannedCreate(ctx, opportunityKind, fields, at);
  const stay = { opportunityId, seq: 1, teamId: lead.teamId, pipelineId: pipeline.pipelineId, stage: stage.key, kind: "created" as const, enteredAt: at, movedBy: ctx.actor.userId, amount: fields.amount, probability: fields.probability, expectedCloseDate: rest.expectedCloseDate };
  return { ...planned, writes: [...planned.writes, openStay(ctx, stay)] };
}

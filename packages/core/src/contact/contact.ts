import { z } from "zod";
import type { EntityItem } from "electrodb";
import { UnprocessableError } from "../errors.ts";
import type { Ctx } from "../records/context.ts";
import { page } from "../records/list.ts";
import { canRead, listTeam } from "../records/access.ts";
import { createRecord, getRecord, type RecordKind } from "../records/record-writer.ts";
import { initialOwner, readOwned, updateOwned, pageVisible } from "../records/owned-record.ts";
import { email, phone, shortText, versionField, parse } from "../records/schema.ts";
import { accountKind, type Account } from "../account/account.ts";
import type { ContactEntity } from "./contact.entity.ts";

export type Contact = EntityItem<typeof ContactEntity>;
export const contactKind: RecordKind = { type: "contact", entity: "contact", idField: "contactId" };

const contactFields = {
  name: shortText,
  email: email.optional(),
  phone: phone.optional(),
  title: shortText.optional(),
  reportsToContactId: z.string().min(1).optional(),
  ownerId: z.string().min(1).optional(),
};
export const createContactSchema = z.object({ ...contactFields, accountId: z.string().min(1) }).strict();
/** An update may also clear the reports-to link: `reportsToContactId: null` removes the attribute ("reports to nobody"). */
export const updateContactSchema = z
  .object({
    ...versionField,
    ...z.object(contactFields).partial().shape,
    reportsToContactId: z.string().min(1).nullable().optional().describe("The contact's manager at the same account; null removes the link"),
  })
  .strict();
export const listContactsQuery = z.object({ accountId: z.string().optional(), q: z.string().max(100).optional(), teamId: z.string().optional() });

/** A record that names an account must name one the caller can see; it then lives in that account's team. */
export async function accountFor(ctx: Ctx, accountId: string): Promise<Account> {
  const account = (await getRecord(ctx.db, accountKind, accountId)) as Account | null;
  if (!account || !canRead(ctx.actor, account)) throw new UnprocessableError("unknown_account", `Account ${accountId} does not exist or is not visible to you`, "accountId");
  return account;
}

async function assertReportsTo(ctx: Ctx, accountId: string, managerId: string | undefined, selfId?: string) {
  if (!managerId) return;
  const boss = (await getRecord(ctx.db, contactKind, managerId)) as Contact | null;
  if (!boss || boss.accountId !== accountId || managerId === selfId) {
    throw new UnprocessableError("invalid_reports_to", "A contact can report only to another contact at the same account", "reportsToContactId");
  }
}

export async function createContact(ctx: Ctx, raw: z.input<typeof createContactSchema>): Promise<Contact> {
  const input = parse(createContactSchema, raw);
  const account = await accountFor(ctx, input.accountId);
  await assertReportsTo(ctx, account.accountId, input.reportsToContactId);
  const ownerId = await initialOwner(ctx, account.teamId, input.ownerId ?? account.ownerId);
  return (await createRecord(ctx, contactKind, { ...input, teamId: account.teamId, ownerId })) as Contact;
}

export const getContact = (ctx: Ctx, contactId: string) => readOwned<Contact>(ctx, contactKind, contactId);

export async function updateContact(ctx: Ctx, contactId: string, raw: z.input<typeof updateContactSchema>): Promise<Contact> {
  const { reportsToContactId, ...rest } = parse(updateContactSchema, raw);
  return updateOwned<Contact>(ctx, contactKind, contactId, { ...rest, ...(reportsToContactId && { reportsToContactId }) }, {
    keyFields: ["accountId", "teamId", "name"],
    // null clears the link: the attribute is deleted, not stored as null.
    ...(reportsToContactId === null && { remove: ["reportsToContactId"] }),
    validate: (current, patch) => assertReportsTo(ctx, current.accountId, patch.reportsToContactId as string | undefined, contactId),
  });
}

export async function listContacts(ctx: Ctx, q: z.infer<typeof listContactsQuery> & { limit: number; cursor?: string | undefined }) {
  const { contact } = ctx.db.entities;
  if (q.accountId) {
    return pageVisible(ctx, contact.query.byAccount({ accountId: q.accountId }), q);
  }
  const teamId = listTeam(ctx.actor, q.teamId);
  return page(q.q ? contact.query.byTeamName({ teamId }).begins({ name: q.q }) : contact.query.byTeamName({ teamId }), q);
}

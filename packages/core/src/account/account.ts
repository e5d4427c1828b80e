import { z } from "zod";
import type { EntityItem } from "electrodb";
import { UnprocessableError } from "../errors.ts";
import type { Ctx } from "../records/context.ts";
import { page } from "../records/list.ts";
import { canRead, listTeam } from "../records/access.ts";
import { createRecord, getRecord, type RecordKind } from "../records/record-writer.ts";
import { creationTeam, initialOwner, readOwned, updateOwned, pageVisible } from "../records/owned-record.ts";
import { phone, shortText, versionField, parse } from "../records/schema.ts";
import type { AccountEntity } from "./account.entity.ts";

export type Account = EntityItem<typeof AccountEntity>;
export const accountKind: RecordKind = { type: "account", entity: "account", idField: "accountId" };

const accountFields = {
  name: shortText,
  domain: z.string().trim().toLowerCase().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, "A domain like example.com").optional(),
  industry: shortText.optional(),
  size: shortText.optional(),
  region: shortText.optional(),
  website: z.url().max(300).optional(),
  phone: phone.optional(),
  address: z.string().trim().max(500).optional(),
  parentAccountId: z.string().min(1).optional(),
  ownerId: z.string().min(1).optional(),
};
export const createAccountSchema = z.object({ ...accountFields, teamId: z.string().min(1).optional() }).strict();
export const updateAccountSchema = z.object({ ...versionField, ...z.object(accountFields).partial().shape }).strict();
export const listAccountsQuery = z.object({ q: z.string().max(100).optional(), ownerId: z.string().optional(), teamId: z.string().optional() });

async function assertParent(ctx: Ctx, teamId: string, parentId: string | undefined, selfId?: string) {
  if (!parentId) return;
  const parent = (await getRecord(ctx.db, accountKind, parentId)) as Account | null;
  if (!parent || !canRead(ctx.actor, parent) || parent.teamId !== teamId || parentId === selfId) {
    throw new UnprocessableError("invalid_parent", `Account ${parentId} cannot be the parent of this account`, "parentAccountId");
  }
}

export async function createAccount(ctx: Ctx, raw: z.input<typeof createAccountSchema>): Promise<Account> {
  const input = parse(createAccountSchema, raw);
  const teamId = creationTeam(ctx, input.teamId);
  await assertParent(ctx, teamId, input.parentAccountId);
  const ownerId = await initialOwner(ctx, teamId, input.ownerId);
  return (await createRecord(ctx, accountKind, { ...input, teamId, ownerId })) as Account;
}

export const getAccount = (ctx: Ctx, accountId: string) => readOwned<Account>(ctx, accountKind, accountId);

export async function updateAccount(ctx: Ctx, accountId: string, raw: z.input<typeof updateAccountSchema>): Promise<Account> {
  const input = parse(updateAccountSchema, raw);
  return updateOwned<Account>(ctx, accountKind, accountId, input, {
    keyFields: ["teamId", "name", "ownerId"],
    validate: (current, patch) => assertParent(ctx, current.teamId, patch.parentAccountId as string | undefined, accountId),
  });
}

/** The team's accounts alphabetically, or by name prefix; or one rep's. */
export async function listAccounts(ctx: Ctx, q: z.infer<typeof listAccountsQuery> & { limit: number; cursor?: string | undefined }) {
  const { account } = ctx.db.entities;
  if (q.ownerId) {
    return pageVisible(ctx, q.q ? account.query.byOwnerName({ ownerId: q.ownerId }).begins({ name: q.q }) : account.query.byOwnerName({ ownerId: q.ownerId }), q);
  }
  const teamId = listTeam(ctx.actor, q.teamId);
  return page(q.q ? account.query.byTeamName({ teamId }).begins({ name: q.q }) : account.query.byTeamName({ teamId }), q);
}

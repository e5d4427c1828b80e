import { z } from "zod";
import type { EntityItem } from "electrodb";
import { ConflictError, ForbiddenError, UnprocessableError } from "../errors.ts";
import { assertReadable, listTeam, requireRole } from "../records/access.ts";
import type { Ctx } from "../records/context.ts";
import type { Db } from "../db/service.ts";
import { page } from "../records/list.ts";
import { createRecord, entityOf, getRecord, updateRecord, type RecordKind } from "../records/record-writer.ts";
import { email, shortText, versionField, parse } from "../records/schema.ts";
import { assertTeamExists } from "../team/team.ts";
import { roles, type UserEntity } from "./user.entity.ts";

export type User = EntityItem<typeof UserEntity>;
export const userKind: RecordKind = { type: "user", entity: "user", idField: "userId" };

const profile = {
  name: shortText,
  role: z.enum(roles),
  teamId: z.string().min(1),
  active: z.boolean().optional(),
  capacity: z.number().int().min(0).max(10_000).optional(),
  regions: z.array(shortText).max(50).optional(),
  industries: z.array(shortText).max(50).optional(),
  locale: z.enum(["en", "zh-CN"]).optional(),
};
export const createUserSchema = z.object({ ...profile, email, userId: z.string().min(1).max(64).optional() }).strict();
export const updateUserSchema = z.object({ ...versionField, ...z.object(profile).partial().shape }).strict();

export async function createUser(ctx: Ctx, raw: z.input<typeof createUserSchema>): Promise<User> {
  const input = parse(createUserSchema, raw);
  requireRole(ctx.actor, "admin");
  await assertTeamExists(ctx, input.teamId);
  const userId = input.userId ?? crypto.randomUUID();
  const unique = {
    kind: "Put" as const,
    params: entityOf(ctx.db, "userEmail").create({ email: input.email, userId }).params(),
    onConditionFailed: () => new ConflictError(`A user with email ${input.email} already exists`, "email"),
  };
  return (await createRecord(ctx, userKind, { ...input, userId }, [unique])) as User;
}

export async function getUser(ctx: Ctx, userId: string): Promise<User> {
  return assertReadable(ctx.actor, "user", userId, (await getRecord(ctx.db, userKind, userId)) as User | null);
}

/** Admins change anyone; everyone may change their own name and language, nothing else about themselves. */
export async function updateUser(ctx: Ctx, userId: string, raw: z.input<typeof updateUserSchema>): Promise<User> {
  const input = parse(updateUserSchema, raw);
  const current = await getUser(ctx, userId);
  const { version, ...patch } = input;
  if (ctx.actor.role !== "admin") {
    const selfOnly = Object.keys(patch).every((k) => k === "name" || k === "locale");
    if (userId !== ctx.actor.userId || !selfOnly) throw new ForbiddenError("Only an admin can change users' roles, teams and capacity");
  }
  if (patch.teamId) await assertTeamExists(ctx, patch.teamId);
  return (await updateRecord(ctx, userKind, current, version, patch, { keyFields: ["email", "teamId", "name"] })).record as User;
}

export async function listUsers(ctx: Ctx, q: { teamId?: string | undefined; limit: number; cursor?: string | undefined }) {
  return page(ctx.db.entities.user.query.byTeamName({ teamId: listTeam(ctx.actor, q.teamId) }), q);
}

export async function findUserByEmail(db: Db, address: string): Promise<User | null> {
  const { data } = await db.entities.user.query.byEmail({ email: address.toLowerCase() }).go({ limit: 1 });
  return data[0] ?? null;
}

export async function findUser(db: Db, userId: string): Promise<User | null> {
  return (await getRecord(db, userKind, userId)) as User | null;
}

/**
 * An owner must be an active member of the record's team; reps may only take records themselves, managers
 * and admins hand them to anyone on the team.
 */
export async function assertAssignableOwner(ctx: Ctx, teamId: string, ownerId: string): Promise<void> {
  if (ctx.actor.role === "rep" && ownerId !== ctx.actor.userId) {
    throw new ForbiddenError("Reps can assign records only to themselves", "ownerId");
  }
  const owner = await findUser(ctx.db, ownerId);
  if (!owner || owner.teamId !== teamId || owner.active === false) {
    throw new UnprocessableError("invalid_owner", `User ${ownerId} is not an active member of team ${teamId}`, "ownerId");
  }
}



import { z } from "zod";
import type { EntityItem } from "electrodb";
import { ForbiddenError, UnprocessableError } from "../errors.ts";
import { assertReadable, canRead } from "../records/access.ts";
import type { Ctx } from "../records/context.ts";
import { page } from "../records/list.ts";
import { pageVisible } from "../records/owned-record.ts";
import { createRecord, getRecord, updateRecord, type RecordKind } from "../records/record-writer.ts";
import { isoDateTime, longText, shortText, versionField, parse } from "../records/schema.ts";
import { accountKind } from "../account/account.ts";
import { leadKind } from "../lead/lead.ts";
import { opportunityKind } from "../opportunity/opportunity.ts";
import { findUser } from "../user/user.ts";
import { activityTypes, subjectTypes, type ActivityEntity } from "./activity.entity.ts";

export type Activity = EntityItem<typeof ActivityEntity>;
export const activityKind: RecordKind = { type: "activity", entity: "activity", idField: "activityId" };
const subjectKinds = { lead: leadKind, account: accountKind, opportunity: opportunityKind } as const;

const activityFields = {
  type: z.enum(activityTypes),
  title: shortText,
  body: longText.optional(),
  outcome: longText.optional(),
  nextAction: longText.optional(),
  dueAt: isoDateTime.optional(),
  done: z.boolean().optional(),
  mentions: z.array(z.string().min(1)).max(20).optional(),
  occurredAt: isoDateTime.optional(),
};
export const createActivitySchema = z.object({ ...activityFields, subjectType: z.enum(subjectTypes), subjectId: z.string().min(1) }).strict();
export const updateActivitySchema = z.object({ ...versionField, ...z.object(activityFields).partial().shape }).strict();
export const listActivitiesQuery = z.object({ subjectType: z.enum(subjectTypes).optional(), subjectId: z.string().optional(), authorId: z.string().optional() });

async function subjectTeam(ctx: Ctx, type: keyof typeof subjectKinds, id: string): Promise<string> {
  const subject = (await getRecord(ctx.db, subjectKinds[type], id)) as { teamId: string } | null;
  if (!subject || !canRead(ctx.actor, subject)) throw new UnprocessableError("unknown_subject", `${type} ${id} does not exist or is not visible to you`, "subjectId");
  return subject.teamId;
}

async function assertMentions(ctx: Ctx, mentions: string[] | undefined) {
  for (const [i, userId] of (mentions ?? []).entries()) {
    if (!(await findUser(ctx.db, userId))) throw new UnprocessableError("unknown_user", `Mentioned user ${userId} does not exist`, `mentions.${i}`);
  }
}

/** Logs an activity on a lead, account or deal the caller can see; it joins that record's team and timeline. */
export async function createActivity(ctx: Ctx, raw: z.input<typeof createActivitySchema>): Promise<Activity> {
  const input = parse(createActivitySchema, raw);
  const teamId = await subjectTeam(ctx, input.subjectType, input.subjectId);
  await assertMentions(ctx, input.mentions);
  const occurredAt = input.occurredAt ?? ctx.clock.now().toISOString();
  return (await createRecord(ctx, activityKind, { ...input, teamId, authorId: ctx.actor.userId, occurredAt })) as Activity;
}

export async function getActivity(ctx: Ctx, activityId: string): Promise<Activity> {
  return assertReadable(ctx.actor, "activity", activityId, (await getRecord(ctx.db, activityKind, activityId)) as Activity | null);
}

/** The author edits their own activity (e.g. marks a task done); managers and admins any in their scope. */
export async function updateActivity(ctx: Ctx, activityId: string, raw: z.input<typeof updateActivitySchema>): Promise<Activity> {
  const input = parse(updateActivitySchema, raw);
  const current = await getActivity(ctx, activityId);
  if (ctx.actor.role === "rep" && current.authorId !== ctx.actor.userId) throw new ForbiddenError("Only the author can change this activity");
  await assertMentions(ctx, input.mentions);
  const { version, ...patch } = input;
  return (await updateRecord(ctx, activityKind, current, version, patch, { keyFields: ["subjectType", "subjectId", "occurredAt", "authorId"] })).record as Activity;
}

/** A record's timeline (newest first), or one author's activities. */
export async function listActivities(ctx: Ctx, q: z.infer<typeof listActivitiesQuery> & { limit: number; cursor?: string | undefined }) {
  const { activity } = ctx.db.entities;
  if (q.subjectType && q.subjectId) {
    await subjectTeam(ctx, q.subjectType, q.subjectId);
    return page(activity.query.bySubject({ subjectType: q.subjectType, subjectId: q.subjectId }), { ...q, order: "desc" });
  }
  const authorId = q.authorId ?? ctx.actor.userId;
  return pageVisible(ctx, activity.query.byAuthor({ authorId }), { ...q, order: "desc" });
}

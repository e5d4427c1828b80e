import { z } from "zod";
import type { EntityItem } from "electrodb";
import type { Db } from "../db/service.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "../errors.ts";
import type { Ctx } from "../records/context.ts";
import { getRecord, type RecordKind } from "../records/record-writer.ts";
import { email, parse } from "../records/schema.ts";
import { teamKind, type Team } from "../team/team.ts";
import type { CollectionSettingsEntity } from "./collection-settings.entity.ts";
import { durationPattern, durationSeconds } from "./due-times.ts";
import { mayManageTeam, mayReadTeam, saveTeamSettings } from "../records/team-settings.ts";

type Stored = EntityItem<typeof CollectionSettingsEntity>;
export const collectionSettingsKind: RecordKind = { type: "collectionSettings", entity: "collectionSettings", idField: "teamId" };

/** Remind the owner three days before an instalment is due; mark it overdue (and escalate) as soon as it is late. */
export const defaultCollectionSettings = { remindBefore: "3d", grace: "0d" };

export interface CollectionSettings {
  teamId: string;
  /** The team's zone: a due date is due by the end of that day there. */
  timeZone: string;
  remindBefore: string;
  grace: string;
  financeEmail: string | null;
  /** null while the team runs on the defaults. */
  version: number | null;
}

const duration = z.string().regex(durationPattern, 'Use a number and a unit: s, m, h or d, e.g. "3d", "30s"');

export const updateCollectionSettingsSchema = z
  .object({
    version: z.number().int().positive().optional(),
    remindBefore: duration.optional(),
    grace: duration.optional(),
    financeEmail: email.optional(),
  })
  .strict();

/** A team's effective settings, no access check (tasks and plan writes); undefined when the team does not exist. */
export async function collectionSettingsOf(db: Db, teamId: string): Promise<CollectionSettings | undefined> {
  const team = (await getRecord(db, teamKind, teamId)) as Team | null;
  if (!team) return undefined;
  const stored = (await getRecord(db, collectionSettingsKind, teamId)) as Stored | null;
  return {
    teamId, timeZone: team.timezone ?? "UTC", remindBefore: stored?.remindBefore ?? defaultCollectionSettings.remindBefore,
    grace: stored?.grace ?? defaultCollectionSettings.grace, financeEmail: stored?.financeEmail ?? null, version: stored?.version ?? null,
  };
}


export async function getCollectionSettings(ctx: Ctx, teamId: string): Promise<CollectionSettings> {
  const settings = mayReadTeam(ctx.actor, teamId) ? await collectionSettingsOf(ctx.db, teamId) : undefined;
  if (!settings) throw new NotFoundError("team", teamId);
  return settings;
}

function assertSane(s: { remindBefore: string; grace: string }): void {
  for (const field of ["remindBefore", "grace"] as const) {
    if (durationSeconds(s[field]) > 365 * 86_400) throw new ValidationError(`${field}: at most 365 days`, field);
  }
}

/** The team's manager or an admin; the first save creates the settings, later ones name the version read. */
export async function updateCollectionSettings(ctx: Ctx, teamId: string, raw: unknown): Promise<CollectionSettings> {
  const { version, financeEmail, ...patch } = parse(updateCollectionSettingsSchema, raw);
  const current = await getCollectionSettings(ctx, teamId);
  if (!mayManageTeam(ctx.actor, teamId)) throw new ForbiddenError("Only the team's manager or an admin can change its collection settings");
  const next = { remindBefore: patch.remindBefore ?? current.remindBefore, grace: patch.grace ?? current.grace };
  assertSane(next);
  const finance = financeEmail ? { financeEmail } : {};
  await saveTeamSettings(ctx, collectionSettingsKind, teamId, { version, whole: { ...next, ...finance }, patch: { ...patch, ...finance }, what: "collection settings" });
  return getCollectionSettings(ctx, teamId);
}

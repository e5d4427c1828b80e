import { z } from "zod";
import type { EntityItem } from "electrodb";
import { ConflictError, ValidationError } from "../errors.ts";
import { listTeam, requireRole } from "../records/access.ts";
import type { Ctx } from "../records/context.ts";
import { createRecord, getRecord, updateRecord, type RecordKind } from "../records/record-writer.ts";
import { parse } from "../records/schema.ts";
import type { PoolSettingsEntity } from "./pool-settings.entity.ts";

export type PoolSettings = Pick<EntityItem<typeof PoolSettingsEntity>, "teamId" | "claimLimit" | "claimWindowHours" | "cooldownDays"> & { version: number | null };
export const poolSettingsKind: RecordKind = { type: "poolSettings", entity: "poolSettings", idField: "teamId" };

/** Five claims per rep per rolling 24 hours; a rep waits seven days before re-claiming what they released or lost. */
export const defaultPoolSettings = { claimLimit: 5, claimWindowHours: 24, cooldownDays: 7 } as const;

export const updatePoolSettingsSchema = z
  .object({
    teamId: z.string().min(1).optional(),
    /** The version read; omit it only when the team still runs on the defaults (version null). */
    version: z.number().int().positive().optional(),
    claimLimit: z.number().int().min(0).max(200).optional(),
    claimWindowHours: z.number().positive().max(24 * 31).optional(),
    cooldownDays: z.number().min(0).max(365).optional(),
  })
  .strict();

export async function getPoolSettings(ctx: Ctx, teamId?: string): Promise<PoolSettings> {
  const team = listTeam(ctx.actor, teamId);
  const stored = (await getRecord(ctx.db, poolSettingsKind, team)) as EntityItem<typeof PoolSettingsEntity> | null;
  if (!stored) return { teamId: team, ...defaultPoolSettings, version: null };
  return { teamId: team, claimLimit: stored.claimLimit, claimWindowHours: stored.claimWindowHours, cooldownDays: stored.cooldownDays, version: stored.version };
}

/** Managers set their own team's pool rules, admins any team's; every change is audited. */
export async function updatePoolSettings(ctx: Ctx, raw: z.input<typeof updatePoolSettingsSchema>): Promise<PoolSettings> {
  const { teamId: requested, version, ...patch } = parse(updatePoolSettingsSchema, raw);
  requireRole(ctx.actor, "manager", "admin");
  const current = await getPoolSettings(ctx, requested);
  if (current.version === null) {
    if (version !== undefined) throw new ConflictError("This team's pool settings were never saved; send no version to save them the first time");
    await createRecord(ctx, poolSettingsKind, { ...defaultPoolSettings, ...patch, teamId: current.teamId });
  } else {
    if (version === undefined) throw new ValidationError("Send the version of the settings you read", "version");
    const stored = await getRecord(ctx.db, poolSettingsKind, current.teamId);
    if (stored) await updateRecord(ctx, poolSettingsKind, stored, version, patch);
  }
  return getPoolSettings(ctx, current.teamId);
}

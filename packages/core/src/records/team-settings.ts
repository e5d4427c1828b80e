import { ConflictError, ValidationError } from "../errors.ts";
import type { Ctx, Principal } from "./context.ts";
import { createRecord, getRecord, updateRecord, type RecordKind } from "./record-writer.ts";

/** A team's members (and admins) read its settings. */
export const mayReadTeam = (p: Principal, teamId: string) => p.role === "admin" || p.teamId === teamId;
/** The team's manager (and admins) change them. */
export const mayManageTeam = (p: Principal, teamId: string) => p.role === "admin" || (p.role === "manager" && p.teamId === teamId);

export interface SettingsSave {
  /** The version read; none only for the first save. */
  version: number | undefined;
  /** Every field of the record, written by the first save. */
  whole: Record<string, unknown>;
  /** The fields sent, written over the stored record by a later save. */
  patch: Record<string, unknown>;
  /** Names the settings in error messages ("SLA settings", "win model settings"...). */
  what: string;
}

/**
 * Saves a team's settings record (one per team, keyed by teamId, versioned and audited like any record): the
 * first save creates it and must send no version; later ones send the version read (409 when stale, 400 without).
 */
export async function saveTeamSettings(ctx: Ctx, kind: RecordKind, teamId: string, save: SettingsSave): Promise<void> {
  const stored = await getRecord(ctx.db, kind, teamId);
  if (!stored) {
    if (save.version !== undefined) throw new ConflictError(`This team's ${save.what} were never saved; send no version to save them the first time`, "version");
    await createRecord(ctx, kind, { ...save.whole, teamId });
    return;
  }
  if (save.version === undefined) throw new ValidationError(`Send the version of the ${save.what} you read`, "version");
  await updateRecord(ctx, kind, stored, save.version, save.patch);
}

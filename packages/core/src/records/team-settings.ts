import { ConflictError, ValidationError } from "../errors.ts";
import type { Ctx, Principal } from "./context.ts";
import { createRecord, getRecord, updateRecord, type RecordKind } from "./record-writer.ts";

/** A team's members (and admins) read its settings. */
export const mayReadTeam = (p: Principal, teamId: string) => p.role === "admin" || p.teamId === teamId;
/** The team's manager (and admins) change them. */
export const mayManageTeam = (p: Principal, teamId: string) => p.role === "admin" || (p.role === "manager" && p.teamId === teamId);

/**
 * Saves a team's settings record (one per team, keyed by teamId, versioned and audited like any record): the
 * first save creates it and must send no version; later ones send the version read (409 when stale, 400 without).
 * `what` names the settings in the error messages ("SLA", "win model settings"...).
 */
export async function saveTeamSettings(ctx: Ctx, kind: RecordKind, teamId: string, version: number | undefined, fields: Record<string, unknown>, what: string): Promise<void> {
  const stored = await getRecord(ctx.db, kind, teamId);
  if (!stored) {
    if (version !== undefined) throw new ConflictError(`This team's ${what} were never saved; send no version to save them the first time`, "version");
    await createRecord(ctx, kind, { ...fields, teamId });
    return;
  }
  if (version === undefined) throw new ValidationError(`Send the version of the ${what} you read`, "version");
  await updateRecord(ctx, kind, stored, version, fields);
}

import { z } from "zod";
import type { Db } from "../db/service.ts";
import { ForbiddenError } from "../errors.ts";
import type { Ctx } from "../records/context.ts";
import { getRecord, type RecordKind } from "../records/record-writer.ts";
import { parse } from "../records/schema.ts";
import { mayManageTeam, mayReadTeam, saveTeamSettings } from "../records/team-settings.ts";

/** What the model may look at besides the stage reached (always in): features.ts computes each of them. */
export const optionalFeatures = ["source", "industry", "size", "amount", "owner", "competitor", "committee", "timeInStage"] as const;
export type OptionalFeature = (typeof optionalFeatures)[number];

export const winModelSettingsKind: RecordKind = { type: "winModelSettings", entity: "winModelSettings", idField: "teamId" };

export const updateWinModelSettingsSchema = z
  .object({
    version: z.number().int().positive().optional(),
    /** The fields the model learns from, besides the stage; an empty list leaves the stage alone. */
    features: z.array(z.enum(optionalFeatures)).max(optionalFeatures.length).refine((f) => new Set(f).size === f.length, "List each feature once"),
  })
  .strict();

export interface WinModelSettings {
  teamId: string;
  features: OptionalFeature[];
  source: "saved" | "defaults";
  version: number | null;
}

/** The features a team's model uses (no access check): saved ones, or every optional feature. */
export async function winModelSettingsOf(db: Db, teamId: string): Promise<WinModelSettings> {
  const stored = (await getRecord(db, winModelSettingsKind, teamId)) as { features: OptionalFeature[]; version: number } | null;
  if (!stored) return { teamId, features: [...optionalFeatures], source: "defaults", version: null };
  return { teamId, features: optionalFeatures.filter((f) => stored.features.includes(f)), source: "saved", version: stored.version };
}

export async function getWinModelSettings(ctx: Ctx, teamId: string): Promise<WinModelSettings> {
  if (!mayReadTeam(ctx.actor, teamId)) throw new ForbiddenError("You can see only your own team's win model", "teamId");
  return winModelSettingsOf(ctx.db, teamId);
}

/** The team's manager or an admin picks the features (win-model.ts retrains on them at once). */
export async function updateWinModelSettings(ctx: Ctx, teamId: string, raw: unknown): Promise<WinModelSettings> {
  const { version, features } = parse(updateWinModelSettingsSchema, raw);
  if (!mayManageTeam(ctx.actor, teamId)) throw new ForbiddenError("Only the team's manager or an admin can change its win model", "teamId");
  await saveTeamSettings(ctx, winModelSettingsKind, teamId, { version, whole: { features }, patch: { features }, what: "win model settings" });
  return winModelSettingsOf(ctx.db, teamId);
}

import { z } from "zod";
import type { EntityItem } from "electrodb";
import type { Db } from "../db/service.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import type { Ctx } from "../records/context.ts";
import { getRecord, type RecordKind } from "../records/record-writer.ts";
import { parse } from "../records/schema.ts";
import { teamKind } from "../team/team.ts";
import type { QuoteSettingsEntity } from "./quote.entity.ts";
import { mayManageTeam, mayReadTeam, saveTeamSettings } from "../records/team-settings.ts";

type Stored = EntityItem<typeof QuoteSettingsEntity>;
export const quoteSettingsKind: RecordKind = { type: "quoteSettings", entity: "quoteSettings", idField: "teamId" };

/** Discounts above 15% need the manager's approval until the team says otherwise. */
export const defaultQuoteSettings = { discountThresholdPct: 15 };

export interface QuoteSettings {
  teamId: string;
  discountThresholdPct: number;
  /** null while the team runs on the defaults. */
  version: number | null;
}

/** A percentage with at most two decimals (it is kept as basis points in the arithmetic). */
export const percent = z.number().min(0).max(100).refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, "At most two decimals");

export const updateQuoteSettingsSchema = z
  .object({
    /** The version read; omit it only while the team runs on the defaults (version null). */
    version: z.number().int().positive().optional(),
    discountThresholdPct: percent,
  })
  .strict();

/** The team's effective settings (no access check); undefined when the team does not exist. */
export async function quoteSettingsOf(db: Db, teamId: string): Promise<QuoteSettings | undefined> {
  if (!(await getRecord(db, teamKind, teamId))) return undefined;
  const stored = (await getRecord(db, quoteSettingsKind, teamId)) as Stored | null;
  return { teamId, discountThresholdPct: stored?.discountThresholdPct ?? defaultQuoteSettings.discountThresholdPct, version: stored?.version ?? null };
}


export async function getQuoteSettings(ctx: Ctx, teamId: string): Promise<QuoteSettings> {
  const settings = mayReadTeam(ctx.actor, teamId) ? await quoteSettingsOf(ctx.db, teamId) : undefined;
  if (!settings) throw new NotFoundError("team", teamId);
  return settings;
}

/** The team's manager or an admin sets the threshold; the first save creates the item, later ones name its version. */
export async function updateQuoteSettings(ctx: Ctx, teamId: string, raw: z.input<typeof updateQuoteSettingsSchema>): Promise<QuoteSettings> {
  const { version, ...patch } = parse(updateQuoteSettingsSchema, raw);
  await getQuoteSettings(ctx, teamId);
  if (!mayManageTeam(ctx.actor, teamId)) throw new ForbiddenError("Only the team's manager or an admin can change its quote approval threshold");
  await saveTeamSettings(ctx, quoteSettingsKind, teamId, { version, whole: { ...defaultQuoteSettings, ...patch }, patch, what: "quote settings" });
  return getQuoteSettings(ctx, teamId);
}

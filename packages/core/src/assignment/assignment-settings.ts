import { z } from "zod";
import type { Db } from "../db/service.ts";
import { ConflictError, UnprocessableError, ValidationError } from "../errors.ts";
import { requireRole } from "../records/access.ts";
import type { Ctx } from "../records/context.ts";
import { createRecord, getRecord, updateRecord, type RecordKind } from "../records/record-writer.ts";
import { parse, shortText } from "../records/schema.ts";
import { assignmentMethods } from "./assignment.entity.ts";
import { teamTerritories, type AssignmentMethod, type TerritoryRule } from "./territory.ts";

export const assignmentSettingsKind: RecordKind = { type: "assignmentSettings", entity: "assignmentSettings", idField: "settingsId" };
const SETTINGS_ID = "assignment";
/** Installation-wide settings belong to no team; the audit trail files them under this one. */
const SETTINGS_TEAM = "all";

const values = z.array(shortText).max(100).optional();
const territoryRule = z.object({ match: z.object({ regions: values, industries: values, companySizes: values }).strict(), teamId: z.string().min(1).max(64) }).strict();

/** `methods`: team id → method; a team not named uses round-robin. Send `version` once the settings were saved. */
export const updateAssignmentSettingsSchema = z
  .object({
    version: z.number().int().positive().optional(),
    territories: z.array(territoryRule).max(200),
    methods: z.record(z.string().min(1).max(64), z.enum(assignmentMethods)).default({}),
  })
  .strict();

export interface AssignmentSettings {
  territories: TerritoryRule[];
  methods: Record<string, AssignmentMethod>;
  /** "saved": the admin's rules; "teams": none saved, so each team's own regions and industries are its territory. */
  source: "saved" | "teams";
  version: number | null;
}

interface StoredSettings {
  territories: { regions?: string[]; industries?: string[]; companySizes?: string[]; teamId: string }[];
  methods: { teamId: string; method: AssignmentMethod }[];
  version: number;
}

async function storedSettings(db: Db): Promise<StoredSettings | null> {
  return (await getRecord(db, assignmentSettingsKind, SETTINGS_ID)) as StoredSettings | null;
}

async function allTeams(db: Db) {
  return (await db.entities.team.query.all({}).go({ pages: "all" })).data;
}

/**
 * The rules assignment runs on. Without saved rules the territories come from the teams, ordered for the
 * given lead team (its own team first, see `teamTerritories`).
 */
export async function effectiveSettings(db: Db, currentTeamId?: string): Promise<AssignmentSettings> {
  const stored = await storedSettings(db);
  if (!stored) return { territories: teamTerritories(await allTeams(db), currentTeamId ?? ""), methods: {}, source: "teams", version: null };
  return {
    territories: stored.territories.map(({ teamId, ...match }) => ({ teamId, match })),
    methods: Object.fromEntries(stored.methods.map((m) => [m.teamId, m.method])),
    source: "saved",
    version: stored.version,
  };
}

export const methodOf = (settings: AssignmentSettings, teamId: string): AssignmentMethod => settings.methods[teamId] ?? "round_robin";

export async function getAssignmentSettings(ctx: Ctx): Promise<AssignmentSettings> {
  requireRole(ctx.actor, "manager", "admin");
  return effectiveSettings(ctx.db);
}

async function assertTeamsExist(db: Db, input: z.infer<typeof updateAssignmentSettingsSchema>): Promise<void> {
  const known = new Set((await allTeams(db)).map((t) => t.teamId));
  const unknown = (teamId: string, field: string) => new UnprocessableError("unknown_team", `Team ${teamId} does not exist`, field);
  for (const [i, rule] of input.territories.entries()) if (!known.has(rule.teamId)) throw unknown(rule.teamId, `territories.${i}.teamId`);
  for (const teamId of Object.keys(input.methods)) if (!known.has(teamId)) throw unknown(teamId, `methods.${teamId}`);
}

/** Admins replace the whole rule set (rules are ordered, so a partial edit would be ambiguous); audited. */
export async function updateAssignmentSettings(ctx: Ctx, raw: z.input<typeof updateAssignmentSettingsSchema>): Promise<AssignmentSettings> {
  const input = parse(updateAssignmentSettingsSchema, raw);
  requireRole(ctx.actor, "admin");
  await assertTeamsExist(ctx.db, input);
  const fields = {
    territories: input.territories.map((r) => ({ ...r.match, teamId: r.teamId })),
    methods: Object.entries(input.methods).map(([teamId, method]) => ({ teamId, method })),
  };
  const stored = await getRecord(ctx.db, assignmentSettingsKind, SETTINGS_ID);
  if (!stored) {
    if (input.version !== undefined) throw new ConflictError("The assignment settings were never saved; send no version to save them the first time");
    await createRecord(ctx, assignmentSettingsKind, { ...fields, settingsId: SETTINGS_ID, teamId: SETTINGS_TEAM });
  } else {
    if (input.version === undefined) throw new ValidationError("Send the version of the settings you read", "version");
    await updateRecord(ctx, assignmentSettingsKind, stored, input.version, fields);
  }
  return effectiveSettings(ctx.db);
}

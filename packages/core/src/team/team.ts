import { z } from "zod";
import { NotFoundError, UnprocessableError } from "../errors.ts";
import { requireRole } from "../records/access.ts";
import type { Ctx } from "../records/context.ts";
import { page } from "../records/list.ts";
import { createRecord, getRecord, updateRecord, type RecordKind } from "../records/record-writer.ts";
import { shortText, versionField, parse } from "../records/schema.ts";
import { TeamEntity } from "./team.entity.ts";
import type { EntityItem } from "electrodb";

export type Team = EntityItem<typeof TeamEntity>;
export const teamKind: RecordKind = { type: "team", entity: "team", idField: "teamId" };

const teamFields = {
  name: shortText,
  managerId: z.string().min(1).optional(),
  regions: z.array(shortText).max(50).optional(),
  industries: z.array(shortText).max(50).optional(),
  timezone: z.string().min(1).max(64).refine((tz) => Intl.supportedValuesOf("timeZone").includes(tz) || tz === "UTC", "Unknown IANA time zone").optional(),
};
export const createTeamSchema = z.object(teamFields).strict();
export const updateTeamSchema = z.object({ ...versionField, ...teamFields, name: shortText.optional() }).strict();

export async function createTeam(ctx: Ctx, raw: z.input<typeof createTeamSchema>): Promise<Team> {
  const input = parse(createTeamSchema, raw);
  requireRole(ctx.actor, "admin");
  const teamId = crypto.randomUUID();
  return (await createRecord(ctx, teamKind, { ...input, teamId })) as Team;
}

export async function getTeam(ctx: Ctx, teamId: string): Promise<Team> {
  const team = (await getRecord(ctx.db, teamKind, teamId)) as Team | null;
  if (!team || (ctx.actor.role !== "admin" && team.teamId !== ctx.actor.teamId)) throw new NotFoundError("team", teamId);
  return team;
}

/** Checks a team exists, for records that name one (422, not 404: the request itself was found). */
export async function assertTeamExists(ctx: Ctx, teamId: string, field = "teamId"): Promise<Team> {
  const team = (await getRecord(ctx.db, teamKind, teamId)) as Team | null;
  if (!team) throw new UnprocessableError("unknown_team", `Team ${teamId} does not exist`, field);
  return team;
}

export async function updateTeam(ctx: Ctx, teamId: string, raw: z.input<typeof updateTeamSchema>): Promise<Team> {
  const input = parse(updateTeamSchema, raw);
  requireRole(ctx.actor, "admin");
  const current = await getTeam(ctx, teamId);
  const { version, ...patch } = input;
  return (await updateRecord(ctx, teamKind, current, version, patch)).record as Team;
}

export async function listTeams(ctx: Ctx, opts: { limit: number; cursor?: string | undefined }) {
  if (ctx.actor.role !== "admin") return { items: [await getTeam(ctx, ctx.actor.teamId)], cursor: null };
  return page(ctx.db.entities.team.query.all({}), opts);
}

import type { z } from "zod";
import type { Db } from "../db/service.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import type { Ctx, Principal } from "../records/context.ts";
import { getRecord, type RecordKind } from "../records/record-writer.ts";
import { mayManageTeam, mayReadTeam, saveTeamSettings } from "../records/team-settings.ts";
import { parse } from "../records/schema.ts";
import { teamKind } from "../team/team.ts";
import { defaultScoringRules } from "./default-rules.ts";
import { updateScoringRulesSchema, type ScoringRuleSet } from "./scoring-rules.schema.ts";

export const scoringRulesKind: RecordKind = { type: "scoringRules", entity: "scoringRules", idField: "teamId" };

/** The rules a team scores with; `source` "defaults" (version null) until its manager saves some. */
export interface TeamScoringRules extends ScoringRuleSet {
  teamId: string;
  source: "saved" | "defaults";
  version: number | null;
}

/** Stored lists come back from DynamoDB with absent optionals; the engine wants exactly the rule shape. */
function fromStored(teamId: string, s: Record<string, unknown> & ScoringRuleSet & { version: number }): TeamScoringRules {
  const fitRules = s.fitRules.map(({ field, op, value, values, points, label }) => ({ field, op, points, ...(value !== undefined && { value }), ...(values !== undefined && { values }), ...(label !== undefined && { label }) }));
  const interestRules = s.interestRules.map(({ activityType, points }) => ({ activityType, points }));
  const { touchPoints, halfLifeDays, qualifyThreshold, grades } = s;
  return { teamId, fitRules, interestRules, touchPoints, halfLifeDays, qualifyThreshold, grades: { A: grades.A, B: grades.B, C: grades.C }, source: "saved", version: s.version };
}

/** The rules the engine uses for a team (no access check): saved ones or the built-in defaults. */
export async function rulesForTeam(db: Db, teamId: string): Promise<TeamScoringRules> {
  const stored = await getRecord(db, scoringRulesKind, teamId);
  if (!stored) return { teamId, ...structuredClone(defaultScoringRules), source: "defaults", version: null };
  return fromStored(teamId, stored as Record<string, unknown> & ScoringRuleSet & { version: number });
}


/** The team scored: the caller's own; an admin names any team (a non-admin naming another team gets 403). */
export function scoringTeam(p: Principal, requested: string | undefined): string {
  const teamId = requested ?? p.teamId;
  if (!mayReadTeam(p, teamId)) throw new ForbiddenError("You can see only your own team's scoring rules", "teamId");
  return teamId;
}

async function assertTeam(db: Db, teamId: string): Promise<void> {
  if (!(await getRecord(db, teamKind, teamId))) throw new NotFoundError("team", teamId);
}

/** Members of the team read its rules (the score explanation refers to them). */
export async function getScoringRules(ctx: Ctx, requestedTeam?: string): Promise<TeamScoringRules> {
  const teamId = scoringTeam(ctx.actor, requestedTeam);
  await assertTeam(ctx.db, teamId);
  return rulesForTeam(ctx.db, teamId);
}

/**
 * The team's manager or an admin replaces the whole rule set; the first save creates it, later ones name the
 * version read (409 when stale). Leads keep their scores: new events use the new rules, a re-score applies them.
 */
export async function updateScoringRules(ctx: Ctx, raw: z.input<typeof updateScoringRulesSchema>, requestedTeam?: string): Promise<TeamScoringRules> {
  const { version, ...rules } = parse(updateScoringRulesSchema, raw);
  const teamId = scoringTeam(ctx.actor, requestedTeam);
  if (!mayManageTeam(ctx.actor, teamId)) throw new ForbiddenError("Only the team's manager or an admin can change its scoring rules");
  await assertTeam(ctx.db, teamId);
  await saveTeamSettings(ctx, scoringRulesKind, teamId, { version, whole: rules, patch: rules, what: "scoring rules" });
  return rulesForTeam(ctx.db, teamId);
}

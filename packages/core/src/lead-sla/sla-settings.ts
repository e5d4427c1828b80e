import { z } from "zod";
import type { EntityItem } from "electrodb";
import type { Db } from "../db/service.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "../errors.ts";
import type { Ctx } from "../records/context.ts";
import { getRecord, type RecordKind } from "../records/record-writer.ts";
import { isoDate, parse } from "../records/schema.ts";
import { teamKind, type Team } from "../team/team.ts";
import { parseClock } from "./business-time.ts";
import type { LeadSlaSettingsEntity } from "./sla-settings.entity.ts";
import { durationPattern, durationSeconds, type SlaPolicy } from "./sla-schedule.ts";
import { mayManageTeam, mayReadTeam, saveTeamSettings } from "../records/team-settings.ts";

type StoredSettings = EntityItem<typeof LeadSlaSettingsEntity>;
export const slaSettingsKind: RecordKind = { type: "leadSlaSettings", entity: "leadSlaSettings", idField: "teamId" };

/** Mon–Fri 09:00–18:00; first contact within 2 business hours, escalation 2 hours later, the pool a working day after. */
export const defaultSlaSettings = {
  workingDays: [1, 2, 3, 4, 5],
  workStart: "09:00",
  workEnd: "18:00",
  holidays: [] as string[],
  twentyFourSeven: false,
  responseTime: "2h",
  escalateAfter: "2h",
  poolAfter: "1d",
};

export type SlaSettings = typeof defaultSlaSettings & { teamId: string; timeZone: string; version: number | null };

const timeZone = z.string().min(1).max(64).refine((tz) => tz === "UTC" || Intl.supportedValuesOf("timeZone").includes(tz), "Unknown IANA time zone");
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use HH:MM (24-hour)");
const duration = z.string().regex(durationPattern, 'Use a number and a unit: s, m, h or d (a working day), e.g. "2h", "30s"');

export const updateSlaSettingsSchema = z
  .object({
    /** The version read; omit it only while the team runs on the defaults (version null). */
    version: z.number().int().positive().optional(),
    timeZone: timeZone.optional(),
    workingDays: z.array(z.number().int().min(1).max(7)).min(1).max(7).refine((d) => new Set(d).size === d.length, "Each weekday once").optional(),
    workStart: clock.optional(),
    workEnd: clock.optional(),
    holidays: z.array(isoDate).max(366).optional(),
    twentyFourSeven: z.boolean().optional(),
    responseTime: duration.optional(),
    escalateAfter: duration.optional(),
    poolAfter: duration.optional(),
  })
  .strict();

function effective(team: Team, stored: StoredSettings | null): SlaSettings {
  const s = stored ?? { ...defaultSlaSettings, version: null };
  return {
    teamId: team.teamId, timeZone: stored?.timeZone ?? team.timezone ?? "UTC", workingDays: s.workingDays, workStart: s.workStart, workEnd: s.workEnd,
    holidays: s.holidays, twentyFourSeven: s.twentyFourSeven, responseTime: s.responseTime, escalateAfter: s.escalateAfter, poolAfter: s.poolAfter, version: s.version,
  };
}

/** A team's settings as the engine uses them (no access check); undefined when the team does not exist. */
export async function slaSettingsOf(db: Db, teamId: string): Promise<SlaSettings | undefined> {
  const team = (await getRecord(db, teamKind, teamId)) as Team | null;
  if (!team) return undefined;
  return effective(team, (await getRecord(db, slaSettingsKind, teamId)) as StoredSettings | null);
}

export function policyOf(s: SlaSettings): SlaPolicy {
  const { timeZone: tz, workingDays, workStart, workEnd, holidays, twentyFourSeven } = s;
  return { calendar: { timeZone: tz, workingDays, workStart, workEnd, holidays, twentyFourSeven }, responseTime: s.responseTime, escalateAfter: s.escalateAfter, poolAfter: s.poolAfter };
}


/** Members of the team read its SLA; other teams' settings are reported missing. */
export async function getSlaSettings(ctx: Ctx, teamId: string): Promise<SlaSettings> {
  const settings = mayReadTeam(ctx.actor, teamId) ? await slaSettingsOf(ctx.db, teamId) : undefined;
  if (!settings) throw new NotFoundError("team", teamId);
  return settings;
}

function assertCoherent(s: SlaSettings): void {
  if (!s.twentyFourSeven && parseClock(s.workEnd) <= parseClock(s.workStart)) throw new ValidationError("workEnd: the working day must end after it starts (same day)", "workEnd");
  const policy = policyOf(s);
  for (const field of ["responseTime", "escalateAfter", "poolAfter"] as const) {
    const seconds = durationSeconds(s[field], policy.calendar);
    if (seconds < 1 || seconds > 90 * 86_400) throw new ValidationError(`${field}: must be between 1 second and 90 days`, field);
  }
}

/** The team's manager or an admin changes it; the first save creates it, later ones name the version read. */
export async function updateSlaSettings(ctx: Ctx, teamId: string, raw: z.input<typeof updateSlaSettingsSchema>): Promise<SlaSettings> {
  const { version, ...patch } = parse(updateSlaSettingsSchema, raw);
  const current = await getSlaSettings(ctx, teamId);
  if (!mayManageTeam(ctx.actor, teamId)) throw new ForbiddenError("Only the team's manager or an admin can change its SLA");
  // The zone is stored only when set here, so a team without one follows the team's own time zone.
  const { teamId: _t, version: _v, timeZone: _tz, ...fields } = current;
  assertCoherent({ ...current, ...patch });
  await saveTeamSettings(ctx, slaSettingsKind, teamId, { version, whole: { ...fields, ...patch }, patch, what: "SLA settings" });
  return getSlaSettings(ctx, teamId);
}

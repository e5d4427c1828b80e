import type { assignmentMethods } from "./assignment.entity.ts";

export type AssignmentMethod = (typeof assignmentMethods)[number];

export interface TerritoryMatch {
  regions?: string[] | undefined;
  industries?: string[] | undefined;
  companySizes?: string[] | undefined;
}

export interface TerritoryRule {
  match: TerritoryMatch;
  teamId: string;
}

/** What territory and rep rules look at on a lead. */
export interface LeadFacts {
  teamId: string;
  region?: string | undefined;
  industry?: string | undefined;
  companySize?: string | undefined;
}

export interface RepFacts {
  userId: string;
  role: string;
  active?: boolean | undefined;
  capacity?: number | undefined;
  regions?: string[] | undefined;
  industries?: string[] | undefined;
}

const norm = (s: string) => s.trim().toLowerCase();
const listed = (list: string[] | undefined) => (list ?? []).filter((s) => s.trim() !== "");

/** An empty or missing list allows anything; otherwise the value must be in it (case and spacing ignored). */
function allows(list: string[] | undefined, value: string | undefined, whenUnknown: boolean): boolean {
  const values = listed(list);
  if (values.length === 0) return true;
  if (!value?.trim()) return whenUnknown;
  return values.map(norm).includes(norm(value));
}

/** A territory rule asks for what it names: a lead that lacks the attribute does not match it. */
export function territoryMatches(match: TerritoryMatch, lead: LeadFacts): boolean {
  return allows(match.regions, lead.region, false) && allows(match.industries, lead.industry, false) && allows(match.companySizes, lead.companySize, false);
}

/** The first rule the lead matches names the team; none does, the lead stays in its own. */
export function pickTeam(rules: readonly TerritoryRule[], lead: LeadFacts): { teamId: string; rule: number | null } {
  const rule = rules.findIndex((r) => territoryMatches(r.match, lead));
  const found = rules[rule];
  return found ? { teamId: found.teamId, rule } : { teamId: lead.teamId, rule: null };
}

/**
 * Territories when no rules were saved: each team's own regions and industries. The lead's own team keeps it
 * when that fits too, so a team-less rule set never moves leads that are already in the right place.
 */
export function teamTerritories(teams: readonly { teamId: string; regions?: string[] | undefined; industries?: string[] | undefined }[], currentTeamId: string): TerritoryRule[] {
  const withTerritory = teams.filter((t) => listed(t.regions).length > 0 || listed(t.industries).length > 0);
  const ordered = [...withTerritory.filter((t) => t.teamId === currentTeamId), ...withTerritory.filter((t) => t.teamId !== currentTeamId)];
  return ordered.map((t) => ({ teamId: t.teamId, match: { regions: t.regions, industries: t.industries } }));
}

/**
 * A rep takes automatic leads while active, under capacity and (when they have a territory) covering the lead's
 * region and industry. A lead that does not say where it is fits any territory.
 */
export function repFits(rep: RepFacts, lead: LeadFacts, load: number): boolean {
  if (rep.role !== "rep" || rep.active === false) return false;
  if (load >= (rep.capacity ?? 50)) return false;
  return allows(rep.regions, lead.region, true) && allows(rep.industries, lead.industry, true);
}

/** Reps in round-robin order: the ones after the cursor's rep first, then from the start (ids sorted). */
export function rotation(userIds: readonly string[], lastOwnerId: string | undefined): string[] {
  const sorted = [...new Set(userIds)].sort();
  if (!lastOwnerId) return sorted;
  return [...sorted.filter((id) => id > lastOwnerId), ...sorted.filter((id) => id <= lastOwnerId)];
}

/**
 * The next owner among eligible reps: round-robin takes the next in rotation; least-loaded the one with the
 * fewest open leads, ties broken by the rotation so equal reps still take turns.
 */
export function chooseRep(method: AssignmentMethod, eligible: readonly { userId: string; load: number }[], lastOwnerId: string | undefined): string | undefined {
  const order = rotation(eligible.map((r) => r.userId), lastOwnerId);
  if (method === "round_robin") return order[0];
  const load = new Map(eligible.map((r) => [r.userId, r.load]));
  let best: string | undefined;
  for (const id of order) if (best === undefined || (load.get(id) ?? 0) < (load.get(best) ?? 0)) best = id;
  return best;
}

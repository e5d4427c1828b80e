import type { Db } from "../db/service.ts";
import type { Lead } from "../lead/lead.ts";
import { effectiveSettings, methodOf } from "./assignment-settings.ts";
import { loadsOf } from "./rep-load.ts";
import { chooseRep, pickTeam, repFits, type AssignmentMethod } from "./territory.ts";

export interface Choice {
  teamId: string;
  method: AssignmentMethod;
  ownerId: string | undefined;
  capacity: number | undefined;
  cursorVersion: number | null;
}

async function teamMembers(db: Db, teamId: string) {
  return (await db.entities.user.query.byTeamName({ teamId }).go({ pages: "all" })).data;
}

/**
 * What does not change between the attempts of one assignment (rules, team members) is read once; what races
 * (lead, cursor, loads, hold) is read again on every attempt.
 */
export function stableReads(db: Db) {
  let settings: ReturnType<typeof effectiveSettings> | undefined;
  const members = new Map<string, ReturnType<typeof teamMembers>>();
  return {
    settings: (teamId: string) => (settings ??= effectiveSettings(db, teamId)),
    members: (teamId: string) => {
      let found = members.get(teamId);
      if (!found) members.set(teamId, (found = teamMembers(db, teamId)));
      return found;
    },
  };
}
export type StableReads = ReturnType<typeof stableReads>;

/** The team the lead goes to: the territory rules' pick, or its own team when it must stay. */
export async function targetTeam(reads: StableReads, lead: Lead, keepTeam: boolean): Promise<string> {
  return keepTeam ? lead.teamId : pickTeam((await reads.settings(lead.teamId)).territories, lead).teamId;
}

/** The team's method and the rep it picks among the eligible ones (none: undefined), with what the write must check. */
export async function choose(db: Db, reads: StableReads, lead: Lead, teamId: string, excludeOwnerId: string | undefined): Promise<Choice> {
  const method = methodOf(await reads.settings(lead.teamId), teamId);
  const [members, cursor] = await Promise.all([reads.members(teamId), db.entities.assignmentCursor.get({ teamId }).go({ consistent: true })]);
  const reps = members.filter((u) => u.role === "rep" && u.userId !== excludeOwnerId);
  const loads = await loadsOf(db, reps.map((u) => u.userId));
  const eligible = reps.filter((u) => repFits(u, lead, loads.get(u.userId) ?? 0)).map((u) => ({ userId: u.userId, load: loads.get(u.userId) ?? 0 }));
  const ownerId = chooseRep(method, eligible, cursor.data?.lastOwnerId);
  const capacity = reps.find((u) => u.userId === ownerId)?.capacity ?? 50;
  return { teamId, method, ownerId, capacity, cursorVersion: cursor.data?.version ?? null };
}

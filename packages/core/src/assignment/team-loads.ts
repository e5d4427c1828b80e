import { z } from "zod";
import { listTeam, requireRole } from "../records/access.ts";
import type { Ctx } from "../records/context.ts";
import { effectiveSettings, methodOf } from "./assignment-settings.ts";
import { loadsOf } from "./rep-load.ts";

export const teamLoadsQuery = z.object({ teamId: z.string().min(1).max(64).optional() }).strict();

/** Managers: each rep's open leads against their capacity, the team's method and whose turn it is next. */
export async function teamLoads(ctx: Ctx, q: z.infer<typeof teamLoadsQuery>) {
  requireRole(ctx.actor, "manager", "admin");
  const teamId = listTeam(ctx.actor, q.teamId);
  const [members, cursor, settings] = await Promise.all([
    ctx.db.entities.user.query.byTeamName({ teamId }).go({ pages: "all" }),
    ctx.db.entities.assignmentCursor.get({ teamId }).go({ consistent: true }),
    effectiveSettings(ctx.db, teamId),
  ]);
  const reps = members.data.filter((u) => u.role === "rep");
  const loads = await loadsOf(ctx.db, reps.map((u) => u.userId));
  const items = reps.map((u) => {
    const load = loads.get(u.userId) ?? 0;
    const capacity = u.capacity ?? 50;
    return { userId: u.userId, name: u.name, active: u.active !== false, capacity, openLeads: load, available: Math.max(0, capacity - load) };
  });
  return { teamId, method: methodOf(settings, teamId), lastAssignedTo: cursor.data?.lastOwnerId ?? null, items };
}

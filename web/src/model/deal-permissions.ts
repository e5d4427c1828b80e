import type { Me, Opportunity } from "../api/api-types.ts";

/**
 * Mirrors the API's write rule (packages/core/src/records/access.ts) so the board only offers moves the server
 * will accept: managers and admins move any team deal, reps their own, shared or unowned ones.
 */
export function canMoveDeal(me: Me, deal: Opportunity): boolean {
  if (me.role === "admin") return true;
  if (deal.teamId !== me.teamId) return false;
  if (me.role === "manager") return true;
  return !deal.ownerId || deal.ownerId === me.userId || (deal.teamMemberIds ?? []).includes(me.userId);
}

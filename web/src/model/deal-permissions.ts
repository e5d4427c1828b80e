import type { Me, Opportunity } from "../api/api-types.ts";

/**
 * Mirrors the API's write rule (packages/core/src/records/access.ts) so screens only offer changes the server
 * will accept: managers and admins change any team deal, reps their own, shared (协作人) or unowned ones.
 */
export function canWriteDeal(me: Me, deal: Opportunity): boolean {
  if (me.role === "admin") return true;
  if (deal.teamId !== me.teamId) return false;
  if (me.role === "manager") return true;
  return !deal.ownerId || deal.ownerId === me.userId || (deal.teamMemberIds ?? []).includes(me.userId);
}

import { ForbiddenError, NotFoundError } from "../errors.ts";
import type { Principal } from "./context.ts";

interface Scoped {
  teamId: string;
  ownerId?: string | undefined;
  teamMemberIds?: string[] | undefined;
}

/** Reps and managers see their team's records; admins see every team's. */
export function canRead(p: Principal, r: Scoped): boolean {
  return p.role === "admin" || r.teamId === p.teamId;
}

/**
 * Managers edit anything in their team. Reps edit what they own, what they collaborate on (协作人), and unowned
 * records of their team (the team pool).
 */
export function canWrite(p: Principal, r: Scoped): boolean {
  if (p.role === "admin") return true;
  if (r.teamId !== p.teamId) return false;
  if (p.role === "manager") return true;
  return !r.ownerId || r.ownerId === p.userId || (r.teamMemberIds ?? []).includes(p.userId);
}

/** A record outside the caller's view is reported as missing, so ids of other teams' records do not leak. */
export function assertReadable<T extends Scoped>(p: Principal, kind: string, id: string, r: T | null): T {
  if (!r || !canRead(p, r)) throw new NotFoundError(kind, id);
  return r;
}

export function assertWritable<T extends Scoped>(p: Principal, kind: string, id: string, r: T | null): T {
  const visible = assertReadable(p, kind, id, r);
  if (!canWrite(p, visible)) throw new ForbiddenError(`You may not change this ${kind}: it belongs to another rep`);
  return visible;
}

/** The team a list is scoped to: always the caller's own, unless an admin names another. */
export function listTeam(p: Principal, requested?: string): string {
  if (requested && requested !== p.teamId && p.role !== "admin") {
    throw new ForbiddenError("You can list only your own team's records", "teamId");
  }
  return requested ?? p.teamId;
}

export function requireRole(p: Principal, ...allowed: Principal["role"][]): void {
  if (!allowed.includes(p.role)) throw new ForbiddenError(`This needs the ${allowed.join(" or ")} role`);
}

import { randomUUID } from "node:crypto";
import { Lead, Team, User, systemPrincipal, type Ctx, type Db } from "@dealflow/core";
import { loadsOf } from "@dealflow/core/assignment/index";
import type { DomainEvent } from "@dealflow/core/ports/bus";
import type { RuntimeDeps } from "@dealflow/functions/runtime/deps";
import { leadAssignmentHandler } from "@dealflow/functions/events/lead-assignment";
import { leadLoadHandler } from "@dealflow/functions/events/lead-load";
import { deliverThroughRule } from "./collab-fixtures.ts";

export type RepSpec = { id: string; capacity?: number; active?: boolean; regions?: string[] };

/** A team with a manager (who receives mail) and reps, written through the domain like the API does. */
export async function teamWithReps(deps: RuntimeDeps, name: string, reps: RepSpec[], regions: string[] = []) {
  const sys: Ctx = { db: deps.db, publisher: deps.publisher, clock: deps.clock, actor: systemPrincipal };
  const team = await Team.createTeam(sys, { name, ...(regions.length > 0 && { regions }) });
  const key = name.toLowerCase();
  const manager = await User.createUser(sys, { userId: `${key}-manager`, email: `${key}.manager@dealflow.test`, name: `${name} Manager`, role: "manager", teamId: team.teamId });
  await Team.updateTeam(sys, team.teamId, { version: team.version, managerId: manager.userId });
  for (const r of reps) {
    const user = await User.createUser(sys, { userId: r.id, email: `${r.id}@dealflow.test`, name: r.id, role: "rep", teamId: team.teamId, capacity: r.capacity ?? 50, ...(r.regions && { regions: r.regions }) });
    if (r.active === false) await User.updateUser(sys, user.userId, { version: user.version, active: false });
  }
  const as = (userId: string, role: "rep" | "manager" = "rep"): Ctx => ({ ...sys, actor: { userId, email: `${userId}@dealflow.test`, role, teamId: team.teamId } });
  return { team, teamId: team.teamId, manager, as };
}

/** An unowned lead in `teamId`, as a marketing capture leaves it (the system creates it; nobody owns it). */
export async function unownedLead(deps: RuntimeDeps, teamId: string, extra: Record<string, string> = {}): Promise<Lead.Lead> {
  const sys: Ctx = { db: deps.db, publisher: deps.publisher, clock: deps.clock, actor: systemPrincipal };
  const id = randomUUID().slice(0, 8);
  return Lead.createLead(sys, { source: "marketing_event", name: `Lead ${id}`, email: `lead-${id}@example.test`, teamId, ...extra });
}

/** The scoring engine's event about a lead (what triggers automatic assignment). */
export function scoredEvent(lead: Pick<Lead.Lead, "leadId" | "teamId">): DomainEvent {
  const data = { leadId: lead.leadId, teamId: lead.teamId, fitScore: 30, interestScore: 20, totalScore: 50, grade: "B", qualified: false, previousTotal: 0 };
  return { id: randomUUID(), name: "lead.scored", version: 1, occurredAt: new Date().toISOString(), actorId: "system", data };
}

/** The SLA engine's breach event (level 3: it has already put the lead back in the pool). */
export function breachEvent(lead: Pick<Lead.Lead, "leadId" | "teamId">, ownerId: string, level: 1 | 2 | 3, assignedAt: string): DomainEvent {
  const data = { leadId: lead.leadId, teamId: lead.teamId, ownerId, level, dueAt: assignedAt, assignedAt };
  return { id: randomUUID(), name: "lead.sla_breached", version: 1, occurredAt: new Date().toISOString(), actorId: "system", data };
}

/** Delivers events to the assignment consumer the way the LeadAssignment rule would. */
export const deliverAssignment = (deps: RuntimeDeps, events: DomainEvent[]) => deliverThroughRule("LeadAssignment", events, leadAssignmentHandler(deps));
export const deliverLoad = (deps: RuntimeDeps, events: DomainEvent[]) => deliverThroughRule("LeadLoad", events, leadLoadHandler(deps));

export async function storedLead(db: Db, leadId: string): Promise<Lead.Lead> {
  const { data } = await db.entities.lead.get({ leadId }).go({ consistent: true });
  if (!data) throw new Error(`lead ${leadId} is missing`);
  return data as Lead.Lead;
}

/** What a rep really holds: open leads they own outside the pool. */
export async function ownedOpen(db: Db, userId: string): Promise<number> {
  const { data } = await db.entities.lead.query.byOwnerStatus({ ownerId: userId }).go({ pages: "all" });
  const ids = data.map((l) => l.leadId);
  const fresh = await Promise.all(ids.map((id) => storedLead(db, id)));
  return fresh.filter((l) => l.ownerId === userId && !l.pooled && !["converted", "disqualified"].includes(l.status)).length;
}

export async function countsOf(db: Db, userIds: string[]): Promise<{ counted: Record<string, number>; owned: Record<string, number> }> {
  const loads = await loadsOf(db, userIds);
  const owned = Object.fromEntries(await Promise.all(userIds.map(async (id) => [id, await ownedOpen(db, id)] as const)));
  return { counted: Object.fromEntries(userIds.map((id) => [id, loads.get(id) ?? 0])), owned };
}

export const assignedEvents = (events: DomainEvent[], leadId: string) => events.filter((e) => e.name === "lead.assigned" && (e.data as { leadId: string }).leadId === leadId);

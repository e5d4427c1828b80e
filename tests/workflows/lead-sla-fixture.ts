import { join } from "node:path";
import { Lead, Team, User, systemPrincipal, type Ctx, type Principal } from "@dealflow/core";
import { updateSlaSettings } from "@dealflow/core/lead-sla/index";
import type { BusEnvelope, DomainEvent } from "@dealflow/core/ports/bus";
import { systemClock } from "@dealflow/core/ports/clock";
import type { RuntimeDeps } from "@dealflow/functions/runtime/deps";
import { localStateMachineArn, readAslFile } from "@dealflow/local/workflow/asl-validation";

export const leadSlaArn = localStateMachineArn("lead-sla");
export const leadSlaMachine = { arn: leadSlaArn, definition: readAslFile(join(import.meta.dirname, "../../infra/state-machines/lead-sla.asl.json")) };
export const executionArn = (name: string) => `${leadSlaArn.replace(":stateMachine:", ":execution:")}:${name}`;

export interface SlaWorld {
  teamId: string;
  rep: Principal & { name: string };
  rep2: Principal & { name: string };
  manager: Principal & { name: string };
  ctx: (actor: Principal) => Ctx;
}

/** A team with a manager and two reps; with a ladder, a 24x7 SLA (so seconds are seconds) saved by the manager. */
export async function slaWorld(deps: Pick<RuntimeDeps, "db" | "publisher">, tag: string, ladder?: { response: string; escalate: string; pool: string }): Promise<SlaWorld> {
  const ctx = (actor: Principal): Ctx => ({ db: deps.db, publisher: deps.publisher, clock: systemClock, actor });
  const sys = ctx(systemPrincipal);
  const team = await Team.createTeam(sys, { name: `SLA ${tag}` });
  const person = async (role: "manager" | "rep", name: string) => {
    const u = await User.createUser(sys, { email: `${role}.${name.toLowerCase()}.${tag}@sla.test`, name: `${name} ${tag}`, role, teamId: team.teamId });
    return { userId: u.userId, email: u.email, role, teamId: team.teamId, name: u.name };
  };
  const manager = await person("manager", "Mia");
  const rep = await person("rep", "Rob");
  const rep2 = await person("rep", "Ria");
  await Team.updateTeam(sys, team.teamId, { version: team.version, managerId: manager.userId });
  if (ladder) await updateSlaSettings(ctx(manager), team.teamId, { twentyFourSeven: true, responseTime: ladder.response, escalateAfter: ladder.escalate, poolAfter: ladder.pool });
  return { teamId: team.teamId, rep, rep2, manager, ctx };
}

/** A lead owned by `owner` (created by them, so status "assigned"). */
export function ownedLead(w: SlaWorld, name: string, owner: Principal = w.rep) {
  return Lead.createLead(w.ctx(owner), { source: "web_form", name, companyName: `${name} GmbH`, ownerId: owner.userId });
}

/** `lead.assigned` as the assignment engineer publishes it, in the envelope an EventBridge rule delivers. */
export function assignedEvent(lead: { leadId: string; teamId: string }, ownerId: string, at = new Date().toISOString()): DomainEvent {
  return { id: crypto.randomUUID(), name: "lead.assigned", version: 1, occurredAt: at, actorId: "system", data: { leadId: lead.leadId, teamId: lead.teamId, ownerId, method: "manual", reason: "test" } };
}

export function assignedEnvelope(lead: { leadId: string; teamId: string }, ownerId: string, at?: string): BusEnvelope {
  return envelopeOf(assignedEvent(lead, ownerId, at));
}

export function envelopeOf(event: DomainEvent): BusEnvelope {
  const { name, ...detail } = event;
  return { version: "0", id: `bus-${event.id}`, "detail-type": name, source: "dealflow", account: "000000000000", time: event.occurredAt, region: "us-east-1", resources: [], detail };
}

export function lastEvent(events: DomainEvent[], name: string, match: (data: Record<string, unknown>) => boolean): DomainEvent {
  const found = events.filter((e) => e.name === name && match(e.data)).at(-1);
  if (!found) throw new Error(`no ${name} event matching`);
  return found;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

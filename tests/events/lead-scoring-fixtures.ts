import { randomUUID } from "node:crypto";
import { Lead, Team, systemPrincipal, type Ctx, type Db } from "@dealflow/core";
import { recordMarketingActivity } from "@dealflow/core/lead/capture/index";
import type { BusEnvelope, DomainEvent } from "@dealflow/core/ports/bus";
import type { RuntimeDeps } from "@dealflow/functions/runtime/deps";
import { leadScoringHandler } from "@dealflow/functions/events/lead-scoring";
import { deliverThroughRule } from "./collab-fixtures.ts";

export const DAY = 86_400_000;

/** A clock the test moves by hand, so decay can be computed on paper. */
export function manualClock(start: string) {
  let now = new Date(start);
  return { now: () => now, set: (iso: string) => (now = new Date(iso)), daysBefore: (d: number) => new Date(now.getTime() - d * DAY).toISOString() };
}

/** Publishes into `events` (the runtime's recorder) with the test's clock. */
export function scoringWorld(rt: { deps: RuntimeDeps; events: DomainEvent[] }, clock: { now(): Date }) {
  const deps: RuntimeDeps = { ...rt.deps, clock };
  const sys: Ctx = { db: deps.db, publisher: deps.publisher, clock, actor: systemPrincipal };
  const handle = leadScoringHandler(deps);
  let seen = rt.events.length;
  /** Everything published since the last call, as the bus would hand it to the LeadScoring rule. */
  const deliverNew = async (): Promise<DomainEvent[]> => {
    const fresh = rt.events.slice(seen);
    seen = rt.events.length;
    await deliverThroughRule("LeadScoring", fresh, handle);
    return fresh;
  };
  const mark = () => rt.events.length;
  const since = (from: number) => rt.events.slice(from);
  return { deps, sys, handle, deliverNew, mark, since, team: (name: string) => Team.createTeam(sys, { name }) };
}

/** A marketing system's `Lead Activity` event, stored through the capture pipeline (which publishes lead.activity_recorded). */
export async function marketingActivity(sys: Ctx, email: string, activityType: string, at: string): Promise<void> {
  const envelope: BusEnvelope = {
    version: "0", id: randomUUID(), "detail-type": "Lead Activity", source: "marketing.test", account: "000000000000", time: at, region: "us-east-1", resources: [],
    detail: { email, activityType, at },
  };
  await recordMarketingActivity(sys, envelope);
}

/** A new person each time (own email; `withPhone` gives a fresh mobile number, so dedupe never joins two tests' leads). */
export function newLead(sys: Ctx, teamId: string, extra: Partial<Record<"title" | "companySize" | "industry" | "region", string>> & { withPhone?: boolean } = {}) {
  const id = randomUUID().slice(0, 8);
  const { withPhone, ...fields } = extra;
  const phone = withPhone ? `+86138${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}` : undefined;
  return Lead.createLead(sys, { source: "api", name: `Lead ${id}`, email: `lead-${id}@acme.test`, teamId, ...fields, ...(phone && { phone }) });
}

export async function storedLead(db: Db, leadId: string): Promise<Lead.Lead> {
  const { data } = await db.entities.lead.get({ leadId }).go({ consistent: true });
  if (!data) throw new Error(`lead ${leadId} is missing`);
  return data as Lead.Lead;
}

export const named = (events: DomainEvent[], name: string, leadId: string) => events.filter((e) => e.name === name && e.data.leadId === leadId);

import { Account, Activity, Opportunity, Pipeline, Team, User, systemPrincipal, type Ctx } from "@dealflow/core";
import { updateRecord } from "@dealflow/core/records/record-writer";
import type { BusEnvelope, DomainEvent } from "@dealflow/core/ports/bus";
import type { RuntimeDeps } from "@dealflow/functions/runtime/deps";
import { rules } from "@dealflow/infra";
import { matchesPattern } from "@dealflow/local/bus/pattern-matcher";

/** Two teams, their people and one deal owned by Li Na in East, written through the domain like the API does. */
export async function collabWorld(deps: RuntimeDeps) {
  const base = { db: deps.db, publisher: deps.publisher, clock: deps.clock };
  const sys: Ctx = { ...base, actor: systemPrincipal };
  const east = await Team.createTeam(sys, { name: "East" });
  const global = await Team.createTeam(sys, { name: "Global" });
  const user = (userId: string, name: string, role: "rep" | "manager" | "admin", teamId: string, extra: { locale?: "zh-CN" } = {}) =>
    User.createUser(sys, { userId, email: `${userId}@dealflow.test`, name, role, teamId, ...extra });
  const li = await user("li", "李娜", "rep", east.teamId, { locale: "zh-CN" });
  const wang = await user("wang", "Wang Fang", "rep", east.teamId);
  const zhang = await user("zhang", "Zhang Wei", "manager", east.teamId);
  const tom = await user("tom", "Tom Baker", "rep", global.teamId);
  const admin = await user("admin", "Alex Admin", "admin", global.teamId);
  const gone = await user("gone", "Gone Away", "rep", east.teamId);
  await User.updateUser(sys, gone.userId, { version: gone.version, active: false });
  await Pipeline.createPipeline(sys, { ...Pipeline.defaultB2bPipeline, teamId: east.teamId });
  const as = (u: User.User): Ctx => ({ ...base, actor: { userId: u.userId, email: u.email, role: u.role, teamId: u.teamId } });
  const account = await Account.createAccount(as(li), { name: "Hangzhou Tea Co" });
  const deal = await Opportunity.createOpportunity(as(li), { name: "Tea ERP rollout", accountId: account.accountId });
  return { east, global, li, wang, zhang, tom, admin, gone, deal, as };
}

/** How EventBridge hands a published domain event to a Lambda target (detail as it comes out of JSON). */
export function envelopeOf(event: DomainEvent): BusEnvelope {
  const { name, ...detail } = event;
  return {
    version: "0", id: `bus-${event.id}`, "detail-type": name, source: "dealflow", account: "000000000000", time: event.occurredAt, region: "us-east-1", resources: [],
    detail: JSON.parse(JSON.stringify(detail)) as unknown,
  };
}

export function lastEvent(events: DomainEvent[], name: string, match: (e: DomainEvent) => boolean = () => true): DomainEvent {
  const found = events.filter((e) => e.name === name && match(e)).at(-1);
  if (!found) throw new Error(`no ${name} event was published`);
  return found;
}

/**
 * Changes a task the way Activity.updateActivity would: the same writer and the same `activity.updated` event.
 * updateActivity itself cannot write today: its keyFields include the primary key (activityId), which ElectroDB
 * refuses to set ("Read-Only"), so every PATCH /activities/{id} fails; reported, not ours to change.
 */
export async function updateTask(ctx: Ctx, task: Activity.Activity, patch: Record<string, unknown>): Promise<Activity.Activity> {
  const keyFields = ["subjectType", "subjectId", "occurredAt", "authorId"];
  return (await updateRecord(ctx, Activity.activityKind, task, task.version, patch, { keyFields })).record as Activity.Activity;
}

/**
 * Hands published events to a consumer the way the bus would: only those the named rule in infra/rules.ts
 * matches, in order. Returns how many matched.
 */
export async function deliverThroughRule(ruleName: string, events: readonly DomainEvent[], handle: (e: BusEnvelope) => Promise<void>): Promise<number> {
  const rule = rules.find((r) => r.name === ruleName);
  if (!rule) throw new Error(`no rule ${ruleName} in infra/rules.ts`);
  const matching = events.map(envelopeOf).filter((e) => matchesPattern(rule.pattern, e));
  for (const envelope of matching) await handle(envelope);
  return matching.length;
}

import { Account, Activity, Contact, Currency, Lead, Opportunity, Pipeline, Settings, Team, User, systemPrincipal, type Ctx, type Db } from "@dealflow/core";
import type { DomainEvent, EventPublisher } from "@dealflow/core/ports/bus";
import { activityTypes } from "@dealflow/core/activity/activity.entity";
import * as N from "./demo-names.ts";
import { rng } from "./random.ts";

type Rand = ReturnType<typeof rng>;
type UserRow = User.User;
const DAY = 86_400_000;

export interface SeedOptions {
  db: Db;
  publisher: EventPublisher;
  now?: Date;
  leadsPerTeam?: number;
  dealsPerTeam?: number;
  onProgress?: (step: string) => void;
}

/** A clock the seed moves around so records get a believable past. */
function movableClock(start: Date) {
  let current = start;
  return { now: () => current, set: (d: Date) => (current = d) };
}

export async function seedDemo(opts: SeedOptions) {
  const r = rng(20261123);
  const now = opts.now ?? new Date();
  const clock = movableClock(new Date(now.getTime() - 180 * DAY));
  // Events are held until every record is written, then published in order: consumers (SLA timers, forecast
  // lines, the win model...) see the finished demo world and never race the seed's own version-checked updates.
  const held: DomainEvent[] = [];
  const base = { db: opts.db, publisher: { publish: async (batch: DomainEvent[]) => void held.push(...batch) }, clock };
  const as = (u: UserRow): Ctx => ({ ...base, actor: { userId: u.userId, email: u.email, role: u.role, teamId: u.teamId } });
  const sys: Ctx = { ...base, actor: systemPrincipal };

  const teams = [await Team.createTeam(sys, { name: "华东销售一部 East China Sales", regions: ["华东"], timezone: "Asia/Shanghai" }), await Team.createTeam(sys, { name: "Global Accounts", regions: ["APAC", "EMEA", "NA"], timezone: "Asia/Singapore" })];
  const [east, global] = teams as [Team.Team, Team.Team];
  const admin = await User.createUser(sys, { email: "admin@dealflow.dev", name: "Alex Admin", role: "admin", teamId: east.teamId, userId: "user-admin" });
  // A third of the demo deals are in dollars: reports convert them to yuan at these (demo) rates.
  await Currency.updateCurrencyTable(as(admin), { reportingCurrency: "CNY", rates: { USD: 7.1, EUR: 7.8 } });
  const staff = [
    [east, "zhang.wei@dealflow.dev", "张伟", "manager"], [east, "li.na@dealflow.dev", "李娜", "rep"], [east, "wang.fang@dealflow.dev", "王芳", "rep"], [east, "chen.jie@dealflow.dev", "陈杰", "rep"], [east, "liu.yang@dealflow.dev", "刘洋", "rep"],
    [global, "sarah.lee@dealflow.dev", "Sarah Lee", "manager"], [global, "tom.baker@dealflow.dev", "Tom Baker", "rep"], [global, "priya.nair@dealflow.dev", "Priya Nair", "rep"], [global, "kenji.sato@dealflow.dev", "Kenji Sato", "rep"], [global, "zhao.min@dealflow.dev", "赵敏", "rep"],
  ] as const;
  const users: UserRow[] = [admin];
  for (const [team, email, name, role] of staff) users.push(await User.createUser(sys, { email, name, role, teamId: team.teamId, locale: /[\u4e00-\u9fff]/.test(name) ? "zh-CN" : "en" }));
  for (const team of teams) {
    const manager = users.find((u) => u.teamId === team.teamId && u.role === "manager");
    if (manager) await Team.updateTeam(sys, team.teamId, { version: team.version, managerId: manager.userId });
  }
  opts.onProgress?.("teams and users");

  const counts = { teams: teams.length, users: users.length, accounts: 0, contacts: 0, leads: 0, opportunities: 0, activities: 0 };
  // Teams are independent, so they are seeded side by side, each with its own random stream and clock.
  await Promise.all(
    teams.map(async (team, i) => {
      const tr = rng(20261123 + i + 1);
      const tclock = movableClock(new Date(now.getTime() - 170 * DAY));
      const tas = (u: UserRow): Ctx => ({ ...as(u), clock: tclock });
      const reps = users.filter((u) => u.teamId === team.teamId && u.role === "rep");
      const manager = users.find((u) => u.teamId === team.teamId && u.role === "manager") ?? admin;
      const pipeline = await Pipeline.createPipeline({ ...sys, clock: tclock }, { ...Pipeline.defaultB2bPipeline, teamId: team.teamId });
      const accounts = await seedAccounts(tas, tr, reps, N.companies.filter((_, k) => k % 2 === i), tclock, now, counts);
      await seedLeads(tas, tr, reps, manager, opts.leadsPerTeam ?? 150, tclock, now, counts, `t${i + 1}`);
      await seedDeals(tas, tr, reps, pipeline, accounts, opts.dealsPerTeam ?? 50, tclock, now, counts);
      opts.onProgress?.(`team ${team.name}`);
    }),
  );
  clock.set(now);
  opts.onProgress?.(`records written; publishing ${held.length} events`);
  await opts.publisher.publish(held);
  return { ...counts, users: users.map((u) => ({ email: u.email, name: u.name, role: u.role, teamId: u.teamId })) };
}

type Clock = ReturnType<typeof movableClock>;
type Counts = { accounts: number; contacts: number; leads: number; opportunities: number; activities: number };
type AccountWithContacts = { account: Account.Account; contacts: Contact.Contact[]; owner: UserRow };

async function seedAccounts(as: (u: UserRow) => Ctx, r: Rand, reps: UserRow[], companies: readonly (readonly [string, string])[], clock: Clock, now: Date, counts: Counts) {
  const out: AccountWithContacts[] = [];
  for (const [name, domain] of companies) {
    const owner = r.pick(reps);
    clock.set(new Date(now.getTime() - r.int(120, 165) * DAY));
    const account = await Account.createAccount(as(owner), { name, domain, industry: r.pick(N.industries), size: r.pick(N.sizes), region: r.pick(N.regions), website: `https://www.${domain}` });
    const contacts: Contact.Contact[] = [];
    for (let k = 0; k < r.int(2, 4); k++) {
      const person = r.pick(N.people);
      const reportsTo = contacts[0]?.contactId;
      contacts.push(await Contact.createContact(as(owner), { accountId: account.accountId, name: person, title: r.pick(N.titles), email: `contact${counts.contacts + k}@${domain}`, ...(reportsTo && { reportsToContactId: reportsTo }) }));
    }
    counts.accounts++;
    counts.contacts += contacts.length;
    out.push({ account, contacts, owner });
  }
  return out;
}

/** `tag` keeps each team's lead emails its own: teams are seeded side by side, so a shared counter would race. */
async function seedLeads(as: (u: UserRow) => Ctx, r: Rand, reps: UserRow[], manager: UserRow, n: number, clock: Clock, now: Date, counts: Counts, tag: string) {
  for (let k = 0; k < n; k++) {
    clock.set(new Date(now.getTime() - r.int(0, 90) * DAY - r.int(0, DAY)));
    const [company, domain] = r.pick(N.companies);
    const person = r.pick(N.people);
    const owner = r.chance(0.8) ? r.pick(reps) : undefined;
    const lead = await Lead.createLead(as(owner ?? manager), {
      source: r.pick(N.leadSources), campaign: r.pick(N.campaigns), name: person, email: `lead${k}.${tag}@${domain}`, title: r.pick(N.titles),
      companyName: company, industry: r.pick(N.industries), companySize: r.pick(N.sizes), region: r.pick(N.regions), ...(owner ? { ownerId: owner.userId } : {}),
    });
    counts.leads++;
    if (owner && r.chance(0.5)) {
      clock.set(new Date(clock.now().getTime() + r.int(1, 48) * 3_600_000));
      await Activity.createActivity(as(owner), { subjectType: "lead", subjectId: lead.leadId, type: r.pick(["call", "email"] as const), title: "First contact / 首次联系", outcome: "Interested, send material" });
      await Lead.updateLead(as(owner), lead.leadId, { version: lead.version, status: r.pick(["contacted", "qualified", "disqualified"] as const) });
      counts.activities++;
    }
  }
}

async function seedDeals(as: (u: UserRow) => Ctx, r: Rand, reps: UserRow[], pipeline: Pipeline.Pipeline, accounts: AccountWithContacts[], n: number, clock: Clock, now: Date, counts: Counts) {
  for (let k = 0; k < n; k++) {
    const { account, contacts } = r.pick(accounts);
    const owner = r.pick(reps);
    const ctx = as(owner);
    let t = now.getTime() - r.int(20, 110) * DAY;
    clock.set(new Date(t));
    const closeDate = new Date(now.getTime() + r.int(-20, 120) * DAY).toISOString().slice(0, 10);
    const committee = contacts.map((c, j) => ({ contactId: c.contactId, role: j === 0 ? ("decision_maker" as const) : r.pick(["influencer", "supporter", "user", "opponent"] as const) }));
    let deal = await Opportunity.createOpportunity(ctx, {
      name: `${account.name} · ${r.pick(N.dealNames)}`, accountId: account.accountId, pipelineId: pipeline.pipelineId, amount: r.int(5, 300) * 10_000, currency: r.chance(0.7) ? "CNY" : "USD",
      expectedCloseDate: closeDate, priority: r.pick(["A", "B", "C"] as const), contacts: committee, competitors: r.chance(0.4) ? [{ name: r.pick(N.competitors), pricePosition: r.pick(["lower", "similar", "higher"] as const) }] : [],
      needs: "Replace spreadsheets; 统一销售流程", budget: r.chance(0.6) ? "Approved" : "TBD", decisionProcess: "IT evaluates, CFO signs", nextStep: "Schedule demo",
    });
    const target = r.int(0, pipeline.stages.length - 1);
    for (let s = 1; s <= target; s++) {
      t += r.int(2, 18) * DAY;
      clock.set(new Date(Math.min(t, now.getTime() - DAY)));
      const leaving = pipeline.stages[s - 1];
      // The gate of the stage being left may ask for an activity of a given type during the stay.
      const type = r.pick(["visit", "meeting", "call"] as const);
      await Activity.createActivity(ctx, { subjectType: "opportunity", subjectId: deal.opportunityId, type: gateActivity(leaving?.requiredActivities) ?? type, title: `Stage review: ${leaving?.name}` });
      counts.activities++;
      deal = await Opportunity.updateOpportunity(ctx, deal.opportunityId, { version: deal.version, stage: pipeline.stages[s]?.key ?? deal.stage });
    }
    if (r.chance(0.3)) {
      clock.set(new Date(Math.min(t + r.int(2, 10) * DAY, now.getTime())));
      deal = await closeDeal(ctx, r, pipeline, deal, counts);
    }
    counts.opportunities++;
  }
}

type ActivityType = (typeof activityTypes)[number];
const gateActivity = (required: string[] | undefined) => required?.find((t): t is ActivityType => (activityTypes as readonly string[]).includes(t));
const lostKeys = Settings.defaultLostReasons.filter((x) => x.outcomes.includes("lost")).map((x) => x.key);
const invalidKeys = Settings.defaultLostReasons.filter((x) => x.outcomes.includes("invalid")).map((x) => x.key);

/** Closes a seeded deal through the close endpoint's function: won passes the stage gate, lost/invalid name a reason. */
async function closeDeal(ctx: Ctx, r: Rand, pipeline: Pipeline.Pipeline, deal: Opportunity.Opportunity, counts: Counts) {
  const outcome = r.pick(["won", "won", "lost", "lost", "invalid"] as const);
  if (outcome === "won") {
    const required = gateActivity(pipeline.stages.find((st) => st.key === deal.stage)?.requiredActivities);
    if (required) {
      await Activity.createActivity(ctx, { subjectType: "opportunity", subjectId: deal.opportunityId, type: required, title: "Signing meeting / 签约" });
      counts.activities++;
    }
    return Opportunity.closeOpportunity(ctx, deal.opportunityId, { version: deal.version, outcome });
  }
  if (outcome === "lost") {
    const winningCompetitor = deal.competitors?.[0]?.name ?? "unknown";
    return Opportunity.closeOpportunity(ctx, deal.opportunityId, { version: deal.version, outcome, reasonKey: r.pick(lostKeys), winningCompetitor });
  }
  return Opportunity.closeOpportunity(ctx, deal.opportunityId, { version: deal.version, outcome, reasonKey: r.pick(invalidKeys) });
}

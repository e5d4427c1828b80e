import { tryWrite } from "../db/conditional.ts";
import type { Db } from "../db/service.ts";
import type { Lead } from "../lead/lead.ts";
import type { LeadSlaDeps, SlaExecutionLister } from "./lead-sla-deps.ts";
import { assignedAtOf, uncontactedStatuses } from "./sla-lead.ts";
import { awaitsFirstContact, onLeadAssigned, startExecution, stopQuietly } from "./sla-start.ts";
import { executionNameOf } from "./sla-step.ts";
import { slasOf, type LeadSlaItem } from "./sla-store.ts";

export interface SlaReconcileReport {
  /** Leads whose assignment got an execution (a new SLA, or one whose execution was lost). */
  started: string[];
  /** Executions stopped because their SLA is closed or unknown. */
  stopped: string[];
}

export interface SlaReconcileOptions {
  /**
   * Only leads assigned this recently get a new SLA (default 2 days): older ones (e.g. demo data at the first
   * start) would breach every level at once and mail everyone. Open SLAs whose execution was lost are always
   * restarted, however old.
   */
  withinDays?: number;
}

/** The SLA an execution name belongs to: `<leadId>-<time>` or, after a restart, `<leadId>-<time>-<n>`. */
async function slaOfExecution(db: Db, executionName: string): Promise<LeadSlaItem | undefined> {
  const parts = executionName.split("-");
  for (const cut of [1, 2]) {
    if (parts.length <= cut) continue;
    const found = (await slasOf(db, parts.slice(0, -cut).join("-"))).find((i) => i.executionName === executionName);
    if (found) return found;
  }
  return undefined;
}

async function teamIds(db: Db): Promise<string[]> {
  return (await db.entities.team.query.all({}).go({ pages: "all", attributes: ["teamId"] })).data.map((t) => t.teamId);
}

async function openSlas(db: Db, teamId: string): Promise<LeadSlaItem[]> {
  const query = (state: "waiting" | "breached") => db.entities.leadSla.query.byTeamState({ teamId, state }).go({ pages: "all" });
  return (await Promise.all([query("waiting"), query("breached")])).flatMap((r) => r.data);
}

async function uncontactedLeads(db: Db, teamId: string, since: string): Promise<Lead[]> {
  const pages = await Promise.all(uncontactedStatuses.map((status) => db.entities.lead.query.byTeamStatus({ teamId, status }).go({ pages: "all" })));
  return pages.flatMap((p) => p.data as Lead[]).filter((l) => l.ownerId && awaitsFirstContact(l, l.ownerId) && assignedAtOf(l) >= since);
}

/** A lost execution cannot be restarted under its name: the SLA moves to the next one (`<name>-<n>`). */
async function restart(deps: LeadSlaDeps, item: LeadSlaItem): Promise<void> {
  const base = executionNameOf(item.leadId, item.assignedAt);
  const n = item.executionName === base ? 2 : Number(item.executionName.slice(base.length + 1)) + 1;
  const executionName = `${base}-${n}`;
  const moved = await tryWrite(() =>
    deps.db.entities.leadSla.patch({ leadId: item.leadId, assignedAt: item.assignedAt }).set({ executionName }).where((a, op) => op.eq(a.executionName, item.executionName)).go(),
  );
  if (moved) await startExecution(deps, { ...item, executionName });
}

/**
 * Makes the engine match the stored SLAs (after a restart, a lost event, an outage, or a first start with demo
 * data): every open SLA has a running execution, recently assigned uncontacted leads have an SLA, and no
 * execution runs for an SLA that is closed or unknown.
 */
export async function reconcileLeadSlas(deps: LeadSlaDeps, lister: SlaExecutionLister, opts: SlaReconcileOptions = {}): Promise<SlaReconcileReport> {
  const report: SlaReconcileReport = { started: [], stopped: [] };
  const running = new Set<string>();
  for (const execution of await lister.listRunning(deps.stateMachineArn)) {
    const item = await slaOfExecution(deps.db, execution.name);
    if (item && item.state !== "closed") running.add(execution.name);
    else {
      await stopQuietly(deps, execution.name, "reconcile: the SLA is closed or unknown");
      report.stopped.push(execution.executionArn);
    }
  }
  const since = new Date(deps.clock.now().getTime() - (opts.withinDays ?? 2) * 86_400_000).toISOString();
  for (const teamId of await teamIds(deps.db)) {
    const open = await openSlas(deps.db, teamId);
    for (const item of open.filter((i) => !running.has(i.executionName))) {
      await restart(deps, item);
      report.started.push(item.leadId);
    }
    const covered = new Set(open.map((i) => i.leadId));
    for (const lead of (await uncontactedLeads(deps.db, teamId, since)).filter((l) => !covered.has(l.leadId))) {
      const outcome = await onLeadAssigned(deps, { leadId: lead.leadId, ownerId: lead.ownerId ?? "", assignedAt: assignedAtOf(lead) });
      if (outcome === "started") report.started.push(lead.leadId);
    }
  }
  return report;
}

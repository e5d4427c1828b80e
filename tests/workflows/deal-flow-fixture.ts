import { join } from "node:path";
import { DescribeExecutionCommand, GetExecutionHistoryCommand, SFNClient, type HistoryEvent } from "@aws-sdk/client-sfn";
import { Account, Opportunity, Pipeline, Team, User, systemPrincipal, type Ctx, type Principal } from "@dealflow/core";
import type { BusEnvelope, DomainEvent } from "@dealflow/core/ports/bus";
import { systemClock } from "@dealflow/core/ports/clock";
import type { RuntimeDeps } from "@dealflow/functions/runtime/deps";
import { localCredentials, localRegion } from "@dealflow/local/dynamodb/dynamodb-local";
import { localStateMachineArn, readAslFile } from "@dealflow/local/workflow/asl-validation";

export const dealFlowArn = localStateMachineArn("deal-flow");
export const dealFlowMachine = { arn: dealFlowArn, definition: readAslFile(join(import.meta.dirname, "../../infra/state-machines/deal-flow.asl.json")) };
/** Stage SLAs in seconds, as fractions of a day (what a pipeline stores). */
export const seconds = (s: number) => s / 86_400;

export interface FlowWorld {
  owner: Principal;
  ownerName: string;
  manager: { email: string; name: string };
  pipelineId: string;
  accountId: string;
  ctx: (actor: Principal) => Ctx;
}

/** A team with a manager and a rep, an account, and a default pipeline whose SLAs are seconds long. */
export async function flowWorld(deps: RuntimeDeps, tag: string, slas: [number, number, number] = [3, 2, 3]): Promise<FlowWorld> {
  const ctx = (actor: Principal): Ctx => ({ db: deps.db, publisher: deps.publisher, clock: systemClock, actor });
  const sys = ctx(systemPrincipal);
  const team = await Team.createTeam(sys, { name: `Flow ${tag}` });
  const manager = await User.createUser(sys, { email: `manager.${tag}@flow.test`, name: `Mia Manager ${tag}`, role: "manager", teamId: team.teamId });
  const rep = await User.createUser(sys, { email: `rep.${tag}@flow.test`, name: `Rob Rep ${tag}`, role: "rep", teamId: team.teamId });
  await Team.updateTeam(sys, team.teamId, { version: team.version, managerId: manager.userId });
  const stage = (key: string, slaDays?: number) => ({ key, name: key.replace("_", " "), probability: 20, forecastCategory: "pipeline" as const, ...(slaDays && { slaDays }) });
  const pipeline = await Pipeline.createPipeline(sys, {
    teamId: team.teamId, name: `Quick ${tag}`, isDefault: true, allowSkip: true,
    stages: [stage("discovery", seconds(slas[0])), stage("proposal", seconds(slas[1])), stage("negotiation", seconds(slas[2])), stage("signature")],
  });
  const owner: Principal = { userId: rep.userId, email: rep.email, role: "rep", teamId: team.teamId };
  const account = await Account.createAccount(ctx(owner), { name: `Acme ${tag}` });
  return { owner, ownerName: rep.name, manager: { email: manager.email, name: manager.name }, pipelineId: pipeline.pipelineId, accountId: account.accountId, ctx };
}

export function newDeal(w: FlowWorld, name: string) {
  return Opportunity.createOpportunity(w.ctx(w.owner), { name, accountId: w.accountId, pipelineId: w.pipelineId });
}

/** A published domain event as an EventBridge rule hands it to a Lambda. */
export function envelopeOf(event: DomainEvent): BusEnvelope {
  const { name, ...detail } = event;
  return { version: "0", id: `bus-${event.id}`, "detail-type": name, source: "dealflow", account: "000000000000", time: event.occurredAt, region: "us-east-1", resources: [], detail };
}

export function lastEvent(events: DomainEvent[], name: string, opportunityId: string): DomainEvent {
  const found = events.filter((e) => e.name === name && e.data.opportunityId === opportunityId).at(-1);
  if (!found) throw new Error(`no ${name} event for ${opportunityId}`);
  return found;
}

export function sfnClient(endpoint: string): SFNClient {
  return new SFNClient({ endpoint, region: localRegion, credentials: localCredentials });
}

export async function historyOf(sfn: SFNClient, executionArn: string): Promise<HistoryEvent[]> {
  return (await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }))).events ?? [];
}

export const entered = (history: HistoryEvent[]) => history.flatMap((e) => (e.stateEnteredEventDetails?.name ? [e.stateEnteredEventDetails.name] : []));

export async function statusOf(sfn: SFNClient, executionArn: string): Promise<string | undefined> {
  return (await sfn.send(new DescribeExecutionCommand({ executionArn }))).status;
}

export async function eventually<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

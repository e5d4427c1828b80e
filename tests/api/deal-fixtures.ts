import type { startTestApi } from "../support/api.ts";

type TestApi = Awaited<ReturnType<typeof startTestApi>>;
type Body = Record<string, any>;

/** A five-stage pipeline whose gates cover each requirement kind: fields (a), an activity (b), all three (c). */
export function gatedStages() {
  const stage = (key: string, probability: number, gate: Body = {}) => ({ key, name: `Stage ${key.toUpperCase()}`, probability, forecastCategory: "pipeline", ...gate });
  return [
    stage("a", 10, { requiredFields: ["amount", "expectedCloseDate", "needs"] }),
    stage("b", 30, { requiredActivities: ["visit"] }),
    stage("c", 50, { requiredFields: ["budget"], requiredActivities: ["meeting"], requiredRoles: ["decision_maker"] }),
    stage("d", 70),
    stage("e", 90),
  ];
}

/** Deals owned by `token`'s user on one account with a decision maker and an influencer, in a pipeline of ours. */
export async function dealFactory(api: TestApi, adminToken: string, token: string, pipeline: { name: string; allowSkip?: boolean }) {
  const me = (await api.call("GET", "/me", { token })).body;
  const created = await api.call("POST", "/pipelines", { token: adminToken, body: { ...pipeline, teamId: me.teamId, stages: gatedStages() } });
  if (created.status !== 201) throw new Error(`pipeline: ${JSON.stringify(created.body)}`);
  const pipelineId = created.body.pipelineId as string;
  const account = (await api.call("POST", "/accounts", { token, body: { name: `${pipeline.name} account` } })).body;
  const contact = async (name: string) => (await api.call("POST", "/contacts", { token, body: { accountId: account.accountId, name } })).body.contactId as string;
  const decisionMaker = await contact("Decision Maker");
  const influencer = await contact("Influencer");

  async function deal(fields: Body = {}): Promise<Body> {
    const res = await api.call("POST", "/opportunities", { token, body: { name: "Gate test deal", accountId: account.accountId, pipelineId, ...fields } });
    if (res.status !== 201) throw new Error(`deal: ${JSON.stringify(res.body)}`);
    return res.body;
  }
  const ready = { amount: 120000, expectedCloseDate: "2031-03-31", needs: "Replace spreadsheets" };
  const move = (d: Body, stage: string, extra: Body = {}, as = token) => api.call("PATCH", `/opportunities/${d.opportunityId}`, { token: as, body: { version: d.version, stage, ...extra } });
  const log = (d: Body, type: string) => api.call("POST", "/activities", { token, body: { subjectType: "opportunity", subjectId: d.opportunityId, type, title: `A ${type}` } });
  const read = async (d: Body) => (await api.call("GET", `/opportunities/${d.opportunityId}`, { token })).body;
  const unmet = (res: { body: Body }) => (res.body.details?.unmet ?? []).map((u: Body) => `${u.kind}:${u.key}`).sort();

  /** A deal that has reached stage c through the gates. */
  async function dealInC(): Promise<Body> {
    const d = await deal({ ...ready, stage: "b" });
    await log(d, "visit");
    const res = await move(d, "c");
    if (res.status !== 200) throw new Error(`to c: ${JSON.stringify(res.body)}`);
    return res.body;
  }
  return { pipelineId, accountId: account.accountId as string, decisionMaker, influencer, ready, deal, dealInC, move, log, read, unmet };
}

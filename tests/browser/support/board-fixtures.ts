import type { stackApi } from "./stack.ts";

type TestApi = ReturnType<typeof stackApi>;

export interface BoardFixture {
  token: string;
  userId: string;
  pipelineId: string;
  accountName: string;
  /** A word only this run's deal names contain, for the search filter. */
  tag: string;
  deals: { keyboard: Deal; drag: Deal; stale: Deal; gate: Deal; menu: Deal };
}
export interface Deal {
  opportunityId: string;
  name: string;
  version: number;
}

/**
 * Fresh deals owned by li.na in her team's default pipeline, created through the API like a user would, so a browser
 * test moves deals it controls next to the seeded ones. Names carry a tag of this call, so files (or runs) sharing a
 * stack never see each other's cards. The gate deal starts in "Proposal / quote", whose gate (needs, a visit, a
 * decision maker in the committee) it does not meet to leave for "Negotiation".
 */
export async function createBoardFixture(api: TestApi): Promise<BoardFixture> {
  const tag = `t${Math.random().toString(36).slice(2, 7)}`;
  const token = await api.login("li.na@dealflow.dev");
  const me = await api.call("GET", "/me", { token });
  const accounts = await api.call("GET", "/accounts?limit=1", { token });
  const account = accounts.body.items[0] as { accountId?: string; name?: string } | undefined;
  if (typeof account?.accountId !== "string") throw new Error("the demo seed gave li.na's team no account");
  const create = async (label: string, amount: number, stage?: string) => {
    const name = `Browser ${tag} · ${label}`;
    const res = await api.call("POST", "/opportunities", { token, body: { name, accountId: account.accountId, amount, currency: "CNY", expectedCloseDate: "2031-06-30", ...(stage && { stage }) } });
    if (res.status !== 201) throw new Error(`creating ${name} failed: ${JSON.stringify(res.body)}`);
    return { opportunityId: res.body.opportunityId as string, name, version: res.body.version as number, pipelineId: res.body.pipelineId as string };
  };
  const keyboard = await create("keyboard move", 123_456);
  const drag = await create("drag move", 654_321);
  const stale = await create("stale move", 50_000);
  const menu = await create("menu move", 70_000);
  const gate = await create("gate refusal", 88_000, "needs_analysis");
  // One stage at a time: on to "Proposal / quote" (its amount and close date pass the needs-analysis gate).
  for (let attempt = 0; ; attempt++) {
    const { version } = await storedDeal(api, token, gate.opportunityId);
    const moved = await api.call("PATCH", `/opportunities/${gate.opportunityId}`, { token, body: { version, stage: "proposal" } });
    if (moved.status === 200) break;
    if (moved.status !== 409 || attempt > 3) throw new Error(`moving ${gate.name} to proposal failed: ${JSON.stringify(moved.body)}`);
  }
  return { token, userId: me.body.userId as string, pipelineId: keyboard.pipelineId, accountName: String(account.name ?? ""), tag, deals: { keyboard, drag, stale, gate, menu } };
}

/** The deal as the API stores it now. */
export async function storedDeal(api: TestApi, token: string, opportunityId: string): Promise<{ stage: string; version: number }> {
  const res = await api.call("GET", `/opportunities/${opportunityId}`, { token });
  return { stage: res.body.stage as string, version: res.body.version as number };
}

/** The deal's stage as the API stores it now. */
export async function storedStage(api: TestApi, token: string, opportunityId: string): Promise<string> {
  return (await storedDeal(api, token, opportunityId)).stage;
}

/** Every open deal of the pipeline, per stage, as the API lists them (following cursors). */
export async function openDealsByStage(api: TestApi, token: string, pipelineId: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  let cursor: string | null = null;
  do {
    const query: string = `/opportunities?status=open&pipelineId=${pipelineId}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const res = await api.call("GET", query, { token });
    for (const d of res.body.items as { stage: string }[]) counts.set(d.stage, (counts.get(d.stage) ?? 0) + 1);
    cursor = res.body.cursor as string | null;
  } while (cursor);
  return counts;
}

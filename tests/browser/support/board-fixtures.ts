import type { stackApi } from "./stack.ts";

type TestApi = ReturnType<typeof stackApi>;

export interface BoardFixture {
  token: string;
  userId: string;
  pipelineId: string;
  deals: { keyboard: Deal; drag: Deal; stale: Deal };
}
interface Deal {
  opportunityId: string;
  name: string;
  version: number;
}

/**
 * Three fresh deals owned by li.na in the first stage of her team's pipeline, created through the API like a
 * user would, so the browser test moves deals it controls next to the seeded ones.
 */
export async function createBoardFixture(api: TestApi): Promise<BoardFixture> {
  const token = await api.login("li.na@dealflow.dev");
  const me = await api.call("GET", "/me", { token });
  const accounts = await api.call("GET", "/accounts?limit=1", { token });
  const accountId = accounts.body.items[0]?.accountId;
  if (typeof accountId !== "string") throw new Error("the demo seed gave li.na's team no account");
  const create = async (name: string, amount: number) => {
    const res = await api.call("POST", "/opportunities", { token, body: { name, accountId, amount, currency: "CNY", expectedCloseDate: "2031-06-30" } });
    if (res.status !== 201) throw new Error(`creating ${name} failed: ${JSON.stringify(res.body)}`);
    return { opportunityId: res.body.opportunityId as string, name, version: res.body.version as number, pipelineId: res.body.pipelineId as string };
  };
  const keyboard = await create("Browser test · keyboard move", 123_456);
  const drag = await create("Browser test · drag move", 654_321);
  const stale = await create("Browser test · stale move", 50_000);
  return { token, userId: me.body.userId as string, pipelineId: keyboard.pipelineId, deals: { keyboard, drag, stale } };
}

/** The deal's stage as the API stores it now. */
export async function storedStage(api: TestApi, token: string, opportunityId: string): Promise<string> {
  const res = await api.call("GET", `/opportunities/${opportunityId}`, { token });
  return res.body.stage as string;
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

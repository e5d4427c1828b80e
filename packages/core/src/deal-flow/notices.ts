import type { Db } from "../db/service.ts";
import { isConditionFailed } from "../db/conditional.ts";
import type { NoticeKind } from "./deal-flow.entity.ts";

export type NoticeTimes = Partial<Record<NoticeKind, string>>;

/** When each notice of one stage stay was done (only finished ones count). */
export async function noticesOf(db: Db, opportunityId: string, seq: number): Promise<NoticeTimes> {
  const { data } = await db.entities.dealFlowNotice.query.primary({ opportunityId, seq }).go({ pages: "all", consistent: true });
  return Object.fromEntries(data.filter((n) => n.status === "done").map((n) => [n.kind, n.doneAt]));
}

/**
 * Does `act` at most once per (deal, stay, kind) as far as storage can tell: the claim is a conditional write,
 * a finished notice is never repeated, and a claim left pending by a crash is taken over by the next attempt.
 * Returns false when the notice was already done (or another attempt holds it).
 */
export async function onceFor(
  db: Db,
  key: { opportunityId: string; seq: number; kind: NoticeKind },
  at: string,
  act: () => Promise<{ to?: string; messageId?: string }>,
): Promise<boolean> {
  if (!(await claim(db, key, at))) return false;
  const done = await act();
  await db.entities.dealFlowNotice.patch(key).set({ status: "done", doneAt: at, ...done }).go();
  return true;
}

async function claim(db: Db, key: { opportunityId: string; seq: number; kind: NoticeKind }, at: string): Promise<boolean> {
  try {
    await db.entities.dealFlowNotice.create({ ...key, status: "pending", claimedAt: at }).go();
    return true;
  } catch (err) {
    if (!isConditionFailed(err)) throw err;
  }
  const { data } = await db.entities.dealFlowNotice.get(key).go({ consistent: true });
  if (!data || data.status === "done") return false;
  try {
    await db.entities.dealFlowNotice.patch(key).set({ claimedAt: at }).where((a, op) => `${op.eq(a.status, "pending")} AND ${op.eq(a.claimedAt, data.claimedAt)}`).go();
    return true;
  } catch (err) {
    if (isConditionFailed(err)) return false;
    throw err;
  }
}

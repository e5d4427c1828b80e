import { tryWrite } from "../db/conditional.ts";
import { domainEvent } from "../records/record-plan.ts";
import { findUser } from "../user/user.ts";
import type { MailMessage } from "../ports/mailer.ts";
import { collectionSettingsOf } from "./collection-settings.ts";
import { systemCtx, type CollectionDeps } from "./collection-deps.ts";
import { overdueMail, reminderMail } from "./collection-mail.ts";
import { stepOf, type CollectionKey, type CollectionStep } from "./collection-step.ts";
import { readOrderFacts, type Instalment } from "./order-facts.ts";

type MailFlag = "reminderMailedAt" | "overdueMailedAt";

async function facts(deps: CollectionDeps, key: CollectionKey) {
  const f = await readOrderFacts(deps.db, key.orderId);
  return { inst: f.instalments.find((i) => i.instalmentId === key.instalmentId), order: f.order };
}

/** First state of an execution (and after a restart): the next step as stored facts make it. */
export async function loadCollectionStep(deps: CollectionDeps, key: CollectionKey): Promise<CollectionStep> {
  const { inst, order } = await facts(deps, key);
  return stepOf(key, inst, order, deps.clock.now());
}

/**
 * Claims the right to send one mail (set once, conditionally on the instalment being as unpaid as read), sends
 * it, and gives the claim back if sending fails.
 */
async function mailOnce(deps: CollectionDeps, i: Instalment, flag: MailFlag, message: MailMessage | undefined): Promise<void> {
  const entity = deps.db.entities.instalment;
  const key = { orderId: i.orderId, instalmentId: i.instalmentId };
  const at = deps.clock.now().toISOString();
  const claimed = await tryWrite(() => entity.patch(key).set({ [flag]: at }).where((a, op) => `${op.notExists(a[flag])} AND ${op.eq(a.paidCents, i.paidCents)} AND ${op.eq(a.planVersion, i.planVersion)} AND ${op.ne(a.status, "void")}`).go());
  if (!claimed || !message) return;
  try {
    await deps.mailer.send(message);
  } catch (err) {
    await entity.patch(key).remove([flag]).go().catch(() => undefined);
    throw err;
  }
}

/** A timer that fires early (clock skew between engine and task) just waits again. */
const early = (deps: CollectionDeps, at: string) => deps.clock.now().getTime() < Date.parse(at) - 1000;

/** Reminds the deal owner before the due time, once, and only while the instalment is not paid in full. */
export async function sendPaymentReminder(deps: CollectionDeps, key: CollectionKey): Promise<CollectionStep> {
  const { inst, order } = await facts(deps, key);
  const step = stepOf(key, inst, order, deps.clock.now());
  if (step.next !== "remind" || !inst || early(deps, inst.remindAt)) return step;
  const owner = await findUser(deps.db, inst.ownerId);
  const timeZone = (await collectionSettingsOf(deps.db, inst.teamId))?.timeZone ?? "UTC";
  await mailOnce(deps, inst, "reminderMailedAt", owner ? reminderMail(inst, owner, timeZone, deps.appUrl) : undefined);
  return loadCollectionStep(deps, key);
}

function overdueEvent(deps: CollectionDeps, i: Instalment, at: string) {
  const data = {
    orderId: i.orderId, orderNumber: i.orderNumber, teamId: i.teamId, ownerId: i.ownerId, instalmentId: i.instalmentId, seq: i.seq, planVersion: i.planVersion,
    currency: i.currency, amountCents: i.amountCents, paidCents: i.paidCents, outstandingCents: i.amountCents - i.paidCents, dueDate: i.dueDate, dueAt: i.dueAt,
  };
  // One id per instalment and plan: a retried task publishes the same fact again, which consumers can drop.
  return domainEvent(systemCtx(deps, () => `instalment-overdue-${i.instalmentId}-v${i.planVersion}`), "instalment.overdue", data, at);
}

/**
 * After the due time and grace: marks the instalment overdue, publishes `instalment.overdue` (before the mark,
 * so a crash repeats it rather than losing it) and emails the owner and the finance contact, once. A payment in
 * full found meanwhile ends the collection without any of it.
 */
export async function markInstalmentOverdue(deps: CollectionDeps, key: CollectionKey): Promise<CollectionStep> {
  const { inst, order } = await facts(deps, key);
  const step = stepOf(key, inst, order, deps.clock.now());
  if (step.next !== "overdue" || !inst || !order || early(deps, inst.collectAt)) return step;
  const at = deps.clock.now().toISOString();
  if (!inst.overdueAt) {
    await deps.publisher.publish([overdueEvent(deps, inst, at)]);
    const entity = deps.db.entities.instalment;
    const marked = await tryWrite(() => entity.patch({ orderId: inst.orderId, instalmentId: inst.instalmentId }).set({ status: "overdue", overdueAt: at, updatedAt: at })
      .where((a, op) => `${op.notExists(a.overdueAt)} AND ${op.eq(a.paidCents, inst.paidCents)} AND ${op.eq(a.planVersion, inst.planVersion)} AND ${op.ne(a.status, "void")}`).go());
    if (!marked) return loadCollectionStep(deps, key);
  }
  const settings = await collectionSettingsOf(deps.db, inst.teamId);
  const owner = (await findUser(deps.db, inst.ownerId)) ?? undefined;
  const finance = order.financeEmail ?? settings?.financeEmail ?? undefined;
  const to = [...new Set([owner?.email, finance].filter((e): e is string => Boolean(e)))];
  const message = to.length > 0 ? overdueMail(inst, to, owner, finance, settings?.timeZone ?? "UTC", deps.appUrl) : undefined;
  await mailOnce(deps, inst, "overdueMailedAt", message);
  return loadCollectionStep(deps, key);
}

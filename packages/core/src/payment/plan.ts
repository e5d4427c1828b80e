import type { TxWrite } from "../db/transact.ts";
import { transact } from "../db/transact.ts";
import { ConflictError, NotFoundError, UnprocessableError } from "../errors.ts";
import { getOrder, orderKind, type Order } from "../order/order.ts";
import { newId, type Ctx } from "../records/context.ts";
import { auditWrite, domainEvent } from "../records/record-plan.ts";
import { parse } from "../records/schema.ts";
import { collectionSettingsOf } from "./collection-settings.ts";
import { dueTimesOf } from "./due-times.ts";
import { assertCollector, ownerOf, readOrderFacts, type Instalment, type OrderFacts, type PaymentPlan } from "./order-facts.ts";
import { assertDueOrder, planAmounts, setPlanSchema, type SetPlanInput } from "./plan-input.ts";
import { planView, type PlanView } from "./plan-view.ts";

const params = (p: object) => p as Record<string, unknown>;
const planReplaced = () => new ConflictError("The payment plan was replaced or paid meanwhile; reload it and try again", "planVersion");

/** The order's plan, instalments with their status as of now, and what is paid and outstanding. */
export async function getPlan(ctx: Ctx, orderId: string): Promise<PlanView> {
  const order = await getOrder(ctx, orderId);
  return planView(order, await readOrderFacts(ctx.db, orderId), ctx.clock.now());
}

function assertReplaceable(order: Order, facts: OrderFacts, input: SetPlanInput): void {
  if (order.status === "cancelled") throw new UnprocessableError("order_cancelled", `Order ${order.orderNumber} is cancelled: it takes no payment plan`, "orderId");
  if (facts.plan && facts.plan.paidCents > 0) {
    throw new UnprocessableError("plan_has_payments", `Order ${order.orderNumber} has payments against its plan: a plan can be replaced only while nothing is paid`, "instalments");
  }
  const current = facts.plan?.planVersion;
  if (input.planVersion !== undefined && input.planVersion !== current) {
    throw new ConflictError(`The order's plan is at version ${current ?? "none"}, not ${input.planVersion}; reload it`, "planVersion", { currentPlanVersion: current ?? null });
  }
}

async function newInstalments(ctx: Ctx, order: Order, input: SetPlanInput, planVersion: number, at: string): Promise<Instalment[]> {
  const settings = await collectionSettingsOf(ctx.db, order.teamId);
  if (!settings) throw new NotFoundError("team", order.teamId);
  const amounts = planAmounts(input, order.totalCents, order.currency);
  const items = input.instalments.map((i, n): Instalment => ({
    orderId: order.orderId, instalmentId: newId(ctx), seq: n + 1, planVersion, teamId: order.teamId, ownerId: ownerOf(order),
    orderNumber: order.orderNumber, accountId: order.accountId, currency: order.currency, amountCents: amounts[n] ?? 0, paidCents: 0,
    status: "pending", dueDate: i.dueDate, ...dueTimesOf(i.dueDate, settings.timeZone, settings.remindBefore, settings.grace), createdAt: at, updatedAt: at,
  }));
  assertDueOrder(items.map((i) => i.dueAt));
  return items;
}

function headWrite(ctx: Ctx, head: PaymentPlan, previous: PaymentPlan | undefined): TxWrite {
  const entity = ctx.db.entities.paymentPlan;
  if (!previous) return { kind: "Put", params: params(entity.create(head).params()), onConditionFailed: planReplaced };
  const unchanged = entity.put(head).where((a, op) => `${op.eq(a.planVersion, previous.planVersion)} AND ${op.eq(a.paidCents, 0)}`);
  return { kind: "Put", params: params(unchanged.params()), onConditionFailed: planReplaced };
}

/**
 * Sets or replaces an order's payment plan in one transaction: the plan head (conditional on the version read
 * and on nothing being paid), the new instalments, the old ones voided, and an audit entry on the order.
 * Publishes `payment_plan.set`, which starts one collection timer per instalment and stops the old ones.
 */
export async function setPlan(ctx: Ctx, orderId: string, raw: unknown): Promise<PlanView> {
  const input = parse(setPlanSchema, raw);
  const order = await getOrder(ctx, orderId);
  assertCollector(ctx.actor, order);
  const facts = await readOrderFacts(ctx.db, orderId);
  assertReplaceable(order, facts, input);
  const at = ctx.clock.now().toISOString();
  const planVersion = (facts.plan?.planVersion ?? 0) + 1;
  const items = await newInstalments(ctx, order, input, planVersion, at);
  const head: PaymentPlan = {
    orderId, teamId: order.teamId, planVersion, instalmentIds: items.map((i) => i.instalmentId), currency: order.currency,
    totalCents: order.totalCents, paidCents: 0, setAt: at, setBy: ctx.actor.userId,
  };
  const entity = ctx.db.entities.instalment;
  const created = items.map((i): TxWrite => ({ kind: "Put", params: params(entity.create(i).params()), onConditionFailed: planReplaced }));
  const voided = facts.instalments.map((i): TxWrite => ({ kind: "Put", params: params(entity.put({ ...i, status: "void", updatedAt: at }).params()), onConditionFailed: planReplaced }));
  const changes = [{ field: "paymentPlan", old: facts.plan ? { planVersion: facts.plan.planVersion } : null, new: { planVersion, amountsCents: items.map((i) => i.amountCents) } }];
  await transact(ctx.db, [headWrite(ctx, head, facts.plan), ...created, ...voided, auditWrite(ctx, orderKind, orderId, order.teamId, "payment_plan", at, changes)]);
  const data = {
    orderId, orderNumber: order.orderNumber, teamId: order.teamId, ownerId: ownerOf(order), planVersion, currency: order.currency, totalCents: order.totalCents,
    instalments: items.map(({ instalmentId, seq, amountCents, dueDate, dueAt, remindAt, collectAt }) => ({ instalmentId, seq, amountCents, dueDate, dueAt, remindAt, collectAt })),
    replaced: facts.instalments.map(({ instalmentId, planVersion: v }) => ({ instalmentId, planVersion: v })),
  };
  await ctx.publisher.publish([domainEvent(ctx, "payment_plan.set", data, at)]);
  return planView(order, { ...facts, plan: head, instalments: items }, ctx.clock.now());
}

import { Entity } from "electrodb";

/**
 * The head of an order's payment plan, beside the order (collection "order"). Its `planVersion` and `paidCents`
 * are what a plan replacement and every payment are conditional on: a plan can be replaced only while nothing is
 * paid, and a payment lands only on the plan it was checked against.
 */
export const PaymentPlanEntity = new Entity({
  model: { entity: "paymentPlan", version: "1", service: "dealflow" },
  attributes: {
    orderId: { type: "string", required: true },
    teamId: { type: "string", required: true },
    planVersion: { type: "number", required: true },
    instalmentIds: { type: "list", items: { type: "string" }, required: true },
    currency: { type: "string", required: true },
    totalCents: { type: "number", required: true },
    paidCents: { type: "number", required: true },
    setAt: { type: "string", required: true },
    setBy: { type: "string", required: true },
  },
  indexes: {
    primary: { pk: { field: "pk", composite: ["orderId"] }, sk: { field: "sk", composite: [] }, collection: "order" },
  },
});

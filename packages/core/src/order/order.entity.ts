import { Entity } from "electrodb";
import { ownerField, recordFields } from "../db/entity-fields.ts";

export const orderStatuses = ["confirmed", "delivered", "cancelled"] as const;
export type OrderStatus = (typeof orderStatuses)[number];

/** A line as ordered: a copy of the quote line, so later price-book changes never alter a signed order. */
export const orderLineAttribute = {
  type: "list",
  items: {
    type: "map",
    properties: {
      productId: { type: "string", required: true },
      sku: { type: "string", required: true },
      name: { type: "string", required: true },
      unit: { type: "string" },
      quantity: { type: "number", required: true },
      unitPriceCents: { type: "number", required: true },
      discountPct: { type: "number", required: true },
      lineTotalCents: { type: "number", required: true },
    },
  },
} as const;

/**
 * A sales order made from a won deal's primary quote. Amounts are integer minor units of `currency`. The order
 * is the head of its own partition (collection "order") so instalments and payments can live beside it and
 * commit in one transaction with the order's version.
 */
export const OrderEntity = new Entity({
  model: { entity: "order", version: "1", service: "dealflow" },
  attributes: {
    orderId: { type: "string", required: true },
    ...recordFields,
    ownerId: ownerField.ownerId,
    /** "SO-2026-000123": gapless per installation and year (order/order-number.ts). */
    orderNumber: { type: "string", required: true },
    opportunityId: { type: "string", required: true },
    accountId: { type: "string", required: true },
    quoteId: { type: "string", required: true },
    currency: { type: "string", required: true },
    subtotalCents: { type: "number", required: true },
    discountCents: { type: "number", required: true },
    taxCents: { type: "number", required: true },
    totalCents: { type: "number", required: true },
    lines: orderLineAttribute,
    status: { type: orderStatuses, required: true, default: "confirmed" },
    financeEmail: { type: "string" },
    /** Kept by the payments part: what has been collected so far; an order with payments cannot be cancelled. */
    paidCents: { type: "number" },
    deliveredAt: { type: "string" },
    cancelledAt: { type: "string" },
    cancelReason: { type: "string" },
  },
  indexes: {
    primary: { pk: { field: "pk", composite: ["orderId"] }, sk: { field: "sk", composite: [] }, collection: "order" },
    // The team's orders, newest last (read backwards for newest first).
    byTeam: { index: "gsi1", pk: { field: "gsi1pk", composite: ["teamId"] }, sk: { field: "gsi1sk", composite: ["createdAt", "orderId"] } },
    // The order of a deal (at most one: see OrderOfDealEntity).
    byOpportunity: { index: "gsi2", pk: { field: "gsi2pk", composite: ["opportunityId"] }, sk: { field: "gsi2sk", composite: ["orderId"] } },
    // "My orders".
    byOwner: { index: "gsi3", pk: { field: "gsi3pk", composite: ["ownerId"] }, sk: { field: "gsi3sk", composite: ["createdAt", "orderId"] } },
  },
});

/** One order per deal: written conditionally in the order's transaction, in the deal's partition. */
export const OrderOfDealEntity = new Entity({
  model: { entity: "orderOfDeal", version: "1", service: "dealflow" },
  attributes: {
    opportunityId: { type: "string", required: true },
    orderId: { type: "string", required: true },
    createdAt: { type: "string", required: true },
  },
  indexes: {
    primary: { pk: { field: "pk", composite: ["opportunityId"] }, sk: { field: "sk", composite: [] } },
  },
});

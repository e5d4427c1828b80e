import { Entity } from "electrodb";

/** Money received against one instalment; immutable once recorded. In the order's partition. */
export const PaymentEntity = new Entity({
  model: { entity: "payment", version: "1", service: "dealflow" },
  attributes: {
    orderId: { type: "string", required: true },
    paymentId: { type: "string", required: true },
    instalmentId: { type: "string", required: true },
    instalmentSeq: { type: "number", required: true },
    teamId: { type: "string", required: true },
    ownerId: { type: "string", required: true },
    orderNumber: { type: "string", required: true },
    currency: { type: "string", required: true },
    amountCents: { type: "number", required: true },
    /** The date the money arrived (the bank's value date), not when it was keyed in. */
    receivedOn: { type: "string", required: true },
    method: { type: "string" },
    reference: { type: "string" },
    recordedBy: { type: "string", required: true },
    createdAt: { type: "string", required: true },
  },
  indexes: {
    primary: { pk: { field: "pk", composite: ["orderId"] }, sk: { field: "sk", composite: ["paymentId"] }, collection: "order" },
    // The team's collections by date received: collected-by-month, export.
    byTeamReceived: { index: "gsi1", pk: { field: "gsi1pk", composite: ["teamId"] }, sk: { field: "gsi1sk", composite: ["receivedOn", "paymentId"] } },
    // One rep's collections.
    byOwnerReceived: { index: "gsi2", pk: { field: "gsi2pk", composite: ["ownerId"] }, sk: { field: "gsi2sk", composite: ["receivedOn", "paymentId"] } },
  },
});

import { Entity } from "electrodb";
import { ownerField, recordFields } from "../db/entity-fields.ts";

export const quoteStatuses = ["draft", "pending_approval", "approved", "rejected", "sent"] as const;
export type QuoteStatus = (typeof quoteStatuses)[number];

/**
 * One version of a quote on a deal. A family shares `quoteNumber`; each edit of a sent, approved or primary
 * version is a new record with the next `quoteVersion` (the record's own `version` is the usual optimistic-lock
 * counter). Lines snapshot the product's name, SKU and unit; amounts are integer minor units of `currency`.
 */
export const QuoteEntity = new Entity({
  model: { entity: "quote", version: "1", service: "dealflow" },
  attributes: {
    quoteId: { type: "string", required: true },
    ...recordFields,
    /** The deal's owner when the version was made: reps see and edit the quotes of their deals. */
    ownerId: ownerField.ownerId,
    opportunityId: { type: "string", required: true },
    accountId: { type: "string", required: true },
    quoteNumber: { type: "string", required: true },
    quoteVersion: { type: "number", required: true, padding: { length: 4, char: "0" } },
    /** False once a newer version of the family exists (`supersededBy`). */
    latest: { type: "boolean", required: true, default: true },
    supersededBy: { type: "string" },
    status: { type: quoteStatuses, required: true },
    isPrimary: { type: "boolean", required: true, default: false },
    currency: { type: "string", required: true },
    lines: {
      type: "list",
      required: true,
      items: {
        type: "map",
        properties: {
          productId: { type: "string", required: true },
          sku: { type: "string", required: true },
          name: { type: "string", required: true },
          unit: { type: "string", required: true },
          quantity: { type: "number", required: true },
          unitPriceCents: { type: "number", required: true },
          discountPct: { type: "number", required: true },
          grossCents: { type: "number", required: true },
          discountCents: { type: "number", required: true },
          lineTotalCents: { type: "number", required: true },
        },
      },
    },
    overallDiscountPct: { type: "number", required: true },
    taxRatePct: { type: "number", required: true },
    subtotalCents: { type: "number", required: true },
    discountCents: { type: "number", required: true },
    taxCents: { type: "number", required: true },
    totalCents: { type: "number", required: true },
    /** The largest of the line discounts, the overall discount and the effective discount on the subtotal. */
    maxDiscountPct: { type: "number", required: true },
    /** The team threshold the version was judged against. */
    approvalThresholdPct: { type: "number", required: true },
    approvalComment: { type: "string" },
    decidedBy: { type: "string" },
    decidedAt: { type: "string" },
    sentAt: { type: "string" },
    validUntil: { type: "string" },
    note: { type: "string" },
  },
  indexes: {
    primary: { pk: { field: "pk", composite: ["quoteId"] }, sk: { field: "sk", composite: [] } },
    // A deal's quotes, family by family, version by version.
    byOpportunity: { index: "gsi1", pk: { field: "gsi1pk", composite: ["opportunityId"] }, sk: { field: "gsi1sk", composite: ["quoteNumber", "quoteVersion"] } },
    // A team's quotes by status: the manager's approval queue is one Query.
    byTeamStatus: { index: "gsi2", pk: { field: "gsi2pk", composite: ["teamId"] }, sk: { field: "gsi2sk", composite: ["status", "createdAt", "quoteId"] } },
  },
});

/**
 * Which quote is the deal's primary: one item in the deal's partition, moved conditionally on the quote it
 * names, in the same transaction as the two quotes' flags, so a deal never has two primaries.
 */
export const QuotePrimaryEntity = new Entity({
  model: { entity: "quotePrimary", version: "1", service: "dealflow" },
  attributes: {
    opportunityId: { type: "string", required: true },
    quoteId: { type: "string", required: true },
    updatedAt: { type: "string", required: true },
  },
  indexes: {
    primary: { pk: { field: "pk", composite: ["opportunityId"] }, sk: { field: "sk", composite: [] } },
  },
});

/** A team's quote rules; a team without a stored item runs on the defaults (quote-settings.ts). */
export const QuoteSettingsEntity = new Entity({
  model: { entity: "quoteSettings", version: "1", service: "dealflow" },
  attributes: {
    ...recordFields,
    /** A quote discounting more than this (percent) needs a manager's approval. */
    discountThresholdPct: { type: "number", required: true },
  },
  indexes: {
    primary: { pk: { field: "pk", composite: ["teamId"] }, sk: { field: "sk", composite: [] } },
  },
});

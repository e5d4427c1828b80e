import { Entity } from "electrodb";
import { recordFields } from "../db/entity-fields.ts";

/**
 * A price-book entry. The price book is installation-wide: `teamId` is always PRICE_BOOK_TEAM, so the audit
 * trail and record writer work unchanged. Prices are integer minor units of `currency`.
 */
export const ProductEntity = new Entity({
  model: { entity: "product", version: "1", service: "dealflow" },
  attributes: {
    productId: { type: "string", required: true },
    ...recordFields,
    name: { type: "string", required: true },
    sku: { type: "string", required: true },
    unit: { type: "string", required: true },
    listPriceCents: { type: "number", required: true },
    currency: { type: "string", required: true },
    active: { type: "boolean", required: true, default: true },
    description: { type: "string" },
  },
  indexes: {
    primary: { pk: { field: "pk", composite: ["productId"] }, sk: { field: "sk", composite: [] } },
    // The price book by active flag, then name: the quote editor lists active products alphabetically.
    byActiveName: { index: "gsi1", pk: { field: "gsi1pk", composite: ["active"] }, sk: { field: "gsi1sk", composite: ["name", "productId"] } },
  },
});

/** Makes a SKU unique: written conditionally in the same transaction as the product. */
export const ProductSkuEntity = new Entity({
  model: { entity: "productSku", version: "1", service: "dealflow" },
  attributes: {
    sku: { type: "string", required: true },
    productId: { type: "string", required: true },
  },
  indexes: {
    primary: { pk: { field: "pk", composite: ["sku"] }, sk: { field: "sk", composite: [] } },
  },
});

import { Entity } from "electrodb";

/**
 * A named counter ("order-2026", "quote-2026"). Its `value` is the last number handed out; it only moves in the
 * same transaction as the record that takes the number, conditional on the value read, so numbers have no gaps
 * and no duplicates.
 */
export const SequenceEntity = new Entity({
  model: { entity: "sequence", version: "1", service: "dealflow" },
  attributes: {
    name: { type: "string", required: true },
    value: { type: "number", required: true },
    updatedAt: { type: "string", required: true },
  },
  indexes: {
    primary: { pk: { field: "pk", composite: ["name"] }, sk: { field: "sk", composite: [] } },
  },
});

import { Entity } from "electrodb";

/**
 * A rep's claim allowance as a fixed number of slots: a claim takes a slot whose last use is older than the
 * window. Writing the slot conditionally on its last use makes the limit hold even for claims sent at once.
 */
export const ClaimSlotEntity = new Entity({
  model: { entity: "claimSlot", version: "1", service: "dealflow" },
  attributes: {
    userId: { type: "string", required: true },
    slot: { type: "number", required: true, padding: { length: 3, char: "0" } },
    teamId: { type: "string", required: true },
    claimedAt: { type: "string", required: true },
    recordType: { type: "string", required: true },
    recordId: { type: "string", required: true },
  },
  indexes: {
    primary: { pk: { field: "pk", composite: ["userId"] }, sk: { field: "sk", composite: ["slot"] } },
  },
});

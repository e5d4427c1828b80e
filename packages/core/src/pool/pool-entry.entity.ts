import { Entity } from "electrodb";

export const poolRecordTypes = ["opportunity", "lead"] as const;

/**
 * A record's place in its team's pool (公海). Listing the pool is one Query of the team's partition on gsi1; a
 * claim removes `pooledAt`, which drops the entry out of that index (sparse) and leaves who claimed it.
 */
export const PoolEntryEntity = new Entity({
  model: { entity: "poolEntry", version: "1", service: "dealflow" },
  attributes: {
    recordType: { type: poolRecordTypes, required: true },
    recordId: { type: "string", required: true },
    teamId: { type: "string", required: true },
    name: { type: "string", required: true },
    pooledAt: { type: "string" },
    releasedBy: { type: "string" },
    lastOwnerId: { type: "string" },
    reason: { type: "string" },
    claimedBy: { type: "string" },
    claimedAt: { type: "string" },
  },
  indexes: {
    primary: { pk: { field: "pk", composite: ["recordType", "recordId"] }, sk: { field: "sk", composite: [] } },
    // The team's pool of one record type, oldest release first.
    byTeamPooled: { index: "gsi1", pk: { field: "gsi1pk", composite: ["teamId", "recordType"] }, sk: { field: "gsi1sk", composite: ["pooledAt", "recordId"] } },
  },
});

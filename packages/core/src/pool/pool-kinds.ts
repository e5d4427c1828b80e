import { UnprocessableError } from "../errors.ts";
import { leadKind } from "../lead/lead.ts";
import { opportunityKind } from "../opportunity/opportunity.ts";
import type { RecordKind } from "../records/record-writer.ts";
import type { poolRecordTypes } from "./pool-entry.entity.ts";

export type PoolRecordType = (typeof poolRecordTypes)[number];

/** What the pool needs from a record it holds. */
export interface PoolableRecord extends Record<string, unknown> {
  teamId: string;
  version: number;
  name: string;
  ownerId?: string | undefined;
  pooled?: boolean | undefined;
  pooledAt?: string | undefined;
  lastOwnerId?: string | undefined;
}

export interface PoolKind {
  kind: RecordKind;
  /** Index composites to rebuild when a claim sets the owner (and the status, for leads). */
  claimKeyFields: readonly string[];
  /** Fields a claim sets besides the owner: the record starts afresh with its new rep. */
  claimPatch: Record<string, unknown>;
  assertReleasable(record: PoolableRecord): void;
}

export const poolKinds: Record<PoolRecordType, PoolKind> = {
  opportunity: {
    kind: opportunityKind,
    claimKeyFields: ["teamId", "status", "pipelineId", "stage", "createdAt", "ownerId", "accountId"],
    claimPatch: { stale: false },
    assertReleasable(r) {
      if (r.status !== "open" || r.stale !== true) {
        throw new UnprocessableError("not_releasable", "Only an open deal flagged stale (its stage SLA ran out) can go to the team pool", "stale");
      }
    },
  },
  lead: {
    kind: leadKind,
    claimKeyFields: ["teamId", "status", "createdAt", "ownerId"],
    claimPatch: { status: "assigned" },
    assertReleasable(r) {
      if (r.status !== "recycled") throw new UnprocessableError("not_releasable", "Only a recycled lead can go to the team pool", "status");
    },
  },
};

import type { TxWrite } from "../../db/transact.ts";
import { ConflictError } from "../../errors.ts";
import type { Ctx } from "../../records/context.ts";
import type { LeadKeyKind } from "./lead-key.entity.ts";
import type { DedupeKey } from "./normalise.ts";

const fieldOf = (kind: LeadKeyKind) => (kind === "company_name" ? "companyName" : kind);
const nounOf = (kind: LeadKeyKind) => (kind === "company_name" ? "company and name" : kind);

/** A dedupe key already held by another lead: a racing capture retries as a touch; an edit gets 409. */
export class KeyTakenError extends ConflictError {
  constructor(readonly key: DedupeKey, holder?: string) {
    super(`Another lead${holder ? ` (${holder})` : ""} already has this ${nounOf(key.kind)}`, fieldOf(key.kind), holder ? { leadId: holder } : undefined);
  }
}

/** A key and the lead holding it now; null when it is free (never taken, or released). */
export interface KeyHolder {
  key: DedupeKey;
  leadId: string | null;
}

/** Who holds each key, read consistently so a capture that just lost a race sees the winner. */
export async function readKeys(ctx: Ctx, keys: DedupeKey[]): Promise<KeyHolder[]> {
  return Promise.all(
    keys.map(async (key) => {
      const { data } = await ctx.db.entities.leadKey.get(key).go({ consistent: true });
      return { key, leadId: data && !data.releasedAt ? data.leadId : null };
    }),
  );
}

/** Claims a key for a lead; fails the whole transaction if another lead holds it. */
export function takeKey(ctx: Ctx, key: DedupeKey, leadId: string, teamId: string, at: string): TxWrite {
  return {
    kind: "Put",
    params: ctx.db.entities.leadKey
      .put({ ...key, leadId, teamId, takenAt: at })
      .where((a, op) => `${op.notExists(a.leadId)} OR ${op.exists(a.releasedAt)}`)
      .params(),
    onConditionFailed: () => new KeyTakenError(key),
  };
}

/** Gives a key up (the lead's email or phone was edited), only if this lead still holds it. */
export function releaseKey(ctx: Ctx, key: DedupeKey, leadId: string, at: string): TxWrite {
  return {
    kind: "Update",
    params: ctx.db.entities.leadKey
      .patch(key)
      .set({ releasedAt: at })
      .where((a, op) => `${op.eq(a.leadId, leadId)} AND ${op.notExists(a.releasedAt)}`)
      .params(),
    onConditionFailed: () => new ConflictError(`The ${nounOf(key.kind)} of lead ${leadId} changed meanwhile; reload it`, fieldOf(key.kind)),
  };
}

const same = (a: DedupeKey, b: DedupeKey) => a.kind === b.kind && a.value === b.value;

/** Keys in `next` but not in `prev`, and keys in `prev` but not in `next`. */
export function keyChanges(prev: DedupeKey[], next: DedupeKey[]) {
  return { added: next.filter((k) => !prev.some((p) => same(p, k))), removed: prev.filter((k) => !next.some((n) => same(n, k))) };
}

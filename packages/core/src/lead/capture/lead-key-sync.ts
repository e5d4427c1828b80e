import type { TxWrite } from "../../db/transact.ts";
import type { Ctx } from "../../records/context.ts";
import { staleVersion } from "../../records/record-plan.ts";
import { leadKind, type Lead } from "../lead.ts";
import { KeyTakenError, keyChanges, readKeys, releaseKey, takeKey } from "./lead-keys.ts";
import { dedupeKeys, teamPhoneCountry, toE164, type KeyFields } from "./normalise.ts";

const keyFieldNames = ["email", "phone", "companyName", "name"] as const;

/** True when a patch touches a field a dedupe key is built from. */
export const touchesKeys = (patch: Record<string, unknown>) => keyFieldNames.some((f) => patch[f] !== undefined);

/** An edited phone in E.164, read in the country of the lead's team. */
export async function normalisedPhone(ctx: Ctx, teamId: string, phone: string): Promise<string> {
  const { data } = await ctx.db.entities.team.get({ teamId }).go();
  return toE164(phone, teamPhoneCountry(data?.timezone));
}

/**
 * The key writes of an edit, in the edit's own transaction: keys the lead no longer has are released, new ones
 * claimed. A new email or phone that another lead holds is a 409 naming the field (merge instead of twinning);
 * a shared company+name is allowed, as at capture.
 */
export async function keySyncWrites(ctx: Ctx, current: Lead, expectedVersion: number, patch: KeyFields): Promise<TxWrite[]> {
  // The edit commits only at this version; planning keys from any other read could release the wrong ones.
  if (current.version !== expectedVersion) throw staleVersion(leadKind, current.leadId, current.version);
  const { added, removed } = keyChanges(dedupeKeys(current), dedupeKeys({ ...current, ...patch }));
  const at = ctx.clock.now().toISOString();
  const writes: TxWrite[] = [];
  for (const h of await readKeys(ctx, [...added, ...removed])) {
    const isAdded = added.includes(h.key);
    if (!isAdded) {
      if (h.leadId === current.leadId) writes.push(releaseKey(ctx, h.key, current.leadId, at));
    } else if (h.leadId === null) {
      writes.push(takeKey(ctx, h.key, current.leadId, current.teamId, at));
    } else if (h.leadId !== current.leadId && h.key.kind !== "company_name") {
      throw new KeyTakenError(h.key);
    }
  }
  return writes;
}

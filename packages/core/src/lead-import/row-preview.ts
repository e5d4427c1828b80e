import type { Ctx } from "../records/context.ts";
import { getRecord } from "../records/record-writer.ts";
import { leadKind, type Lead } from "../lead/lead.ts";
import type { CaptureFields } from "../lead/capture/capture.schema.ts";
import { readReceipt } from "../lead/capture/capture-receipt.ts";
import { readKeys } from "../lead/capture/lead-keys.ts";
import { dedupeKeys, keyLabel } from "../lead/capture/normalise.ts";

export type RowOutcome = "create" | "touch" | "unchanged";

/** A same-name person at the same company with another email or phone is someone else (as in captureLead). */
const contradicts = (lead: Lead, p: CaptureFields) =>
  (!!p.email && !!lead.email && p.email !== lead.email) || (!!p.phone && !!lead.phone && p.phone !== lead.phone);

/** What capturing this row would do, read without writing: replay of an imported row, touch of a known lead, or a new lead. */
export async function previewRow(ctx: Ctx, p: CaptureFields, key: string): Promise<{ outcome: RowOutcome; leadId?: string }> {
  const receipt = await readReceipt(ctx, key);
  if (receipt) return { outcome: "unchanged", leadId: receipt.leadId };
  for (const holder of await readKeys(ctx, dedupeKeys(p))) {
    if (!holder.leadId) continue;
    if (holder.key.kind !== "company_name") return { outcome: "touch", leadId: holder.leadId };
    const lead = (await getRecord(ctx.db, leadKind, holder.leadId)) as Lead | null;
    if (lead && !contradicts(lead, p)) return { outcome: "touch", leadId: holder.leadId };
  }
  return { outcome: "create" };
}

/**
 * Rows earlier in the same file change what later ones do: a second row of one person touches the lead the
 * first creates, and an identical row is a replay. Applied in file order after the (parallel) previews.
 */
export function withinFile<T extends { outcome: string; leadId?: string }>(rows: { fields: CaptureFields; key: string; result: T }[]): void {
  const seenRows = new Set<string>();
  const seenKeys = new Set<string>();
  for (const { fields, key, result } of rows) {
    const keys = dedupeKeys(fields).map(keyLabel);
    if (seenRows.has(key)) result.outcome = "unchanged";
    else if (result.outcome === "create" && keys.some((k) => seenKeys.has(k))) result.outcome = "touch";
    seenRows.add(key);
    for (const k of keys) seenKeys.add(k);
  }
}

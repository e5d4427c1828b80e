import { createHash } from "node:crypto";
import type { CountryCode } from "libphonenumber-js/max";
import { DomainError } from "../errors.ts";
import { captureInputSchema, type CaptureFields } from "../lead/capture/capture.schema.ts";
import { fold, toE164 } from "../lead/capture/normalise.ts";

export interface RowError {
  field: string;
  message: string;
}

export type CheckedRow = { ok: true; fields: CaptureFields; key: string } | { ok: false; errors: RowError[] };

/**
 * The row's idempotency key: the same person with the same details for the same team is the same key, however
 * the file was spelled (case, spacing, phone notation), so re-running a file creates nothing twice.
 */
export function rowKey(teamId: string, fields: CaptureFields): string {
  const canonical = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => [k, Array.isArray(v) ? v.map(fold).sort() : fold(String(v))] as const)
    .sort(([a], [b]) => a.localeCompare(b));
  return `import:${createHash("sha256").update(JSON.stringify([teamId, canonical])).digest("hex").slice(0, 40)}`;
}

/** Every problem of one row at once (not just the first), checked exactly as a capture would check it. */
export function checkRow(input: Record<string, unknown>, teamId: string, country: CountryCode): CheckedRow {
  const parsed = captureInputSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => ({ field: i.path.join(".") || "row", message: i.message })) };
  }
  const fields = parsed.data;
  if (fields.phone) {
    try {
      fields.phone = toE164(fields.phone, country);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      return { ok: false, errors: [{ field: "phone", message: err.message }] };
    }
  }
  return { ok: true, fields, key: rowKey(teamId, fields) };
}

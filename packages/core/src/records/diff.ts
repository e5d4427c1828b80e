export interface FieldChange {
  field: string;
  old: unknown;
  new: unknown;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** Field-level changes a patch makes to a record (what the audit trail and update events carry). */
export function diff(before: Record<string, unknown>, patch: Record<string, unknown>): FieldChange[] {
  return Object.entries(patch)
    .filter(([field, value]) => value !== undefined && !same(before[field], value))
    .map(([field, value]) => ({ field, old: before[field] ?? null, new: value }));
}

/** Every set field of a new record, as changes from nothing. */
export function creationChanges(record: Record<string, unknown>, skip: readonly string[]): FieldChange[] {
  return Object.entries(record)
    .filter(([field, value]) => value !== undefined && !skip.includes(field))
    .map(([field, value]) => ({ field, old: null, new: value }));
}

import { ValidationError } from "../errors.ts";

export interface Page<T> {
  items: T[];
  /** Opaque; pass back as `cursor` for the next page; null on the last page. */
  cursor: string | null;
}

interface Goable<T> {
  go(opts: { cursor?: string | null; limit?: number; order?: "asc" | "desc" }): Promise<{ data: T[]; cursor: string | null }>;
}

/** Runs one page of an ElectroDB query; a cursor that does not decode is the caller's mistake, not a 500. */
export async function page<T>(query: Goable<T>, opts: { limit: number; cursor?: string | undefined; order?: "asc" | "desc" }): Promise<Page<T>> {
  try {
    const { data, cursor } = await query.go({ cursor: opts.cursor ?? null, limit: opts.limit, order: opts.order ?? "asc" });
    return { items: data, cursor: cursor ?? null };
  } catch (err) {
    if (opts.cursor && err instanceof Error && /cursor|ExclusiveStartKey|Invalid/i.test(err.message)) {
      throw new ValidationError("The cursor is not valid for this list; start again without it", "cursor");
    }
    throw err;
  }
}

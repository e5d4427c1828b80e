export const timelineKinds = ["activity", "stage", "field", "email"] as const;

export interface TimelineItem {
  /** ISO time in UTC. */
  at: string;
  kind: (typeof timelineKinds)[number];
  /** User id of who did it (the author, the mover, the editor, the one whose mention sent the mail). */
  actor: string | null;
  summary: string;
  data: Record<string, unknown>;
}

/** One source's newest-first slice older than the cursor; `truncated` when it may hold older items still. */
export interface TimelineSlice {
  items: TimelineItem[];
  /** The oldest time the source read, when it stopped at its limit: items at that time may be incomplete. */
  truncatedAt?: string | undefined;
}

export interface TimelinePage {
  items: TimelineItem[];
  /** Pass back as `before` for the next (older) page; null when there is nothing older. */
  before: string | null;
}

const newestFirst = (a: TimelineItem, b: TimelineItem) => (a.at === b.at ? a.kind.localeCompare(b.kind) : a.at < b.at ? 1 : -1);

/**
 * Merges per-source slices into one newest-first page. `before` is exclusive, so a page never ends in the middle
 * of a group of items sharing a time: the page keeps the whole group (it may exceed `limit` by the group's size),
 * and items at or below a truncated source's oldest time wait for the next page, where they are read complete.
 */
export function mergeTimeline(slices: TimelineSlice[], limit: number): TimelinePage {
  const all = slices.flatMap((s) => s.items).sort(newestFirst);
  const floors = slices.map((s) => s.truncatedAt).filter((t): t is string => t !== undefined);
  const floor = floors.length ? floors.reduce((a, b) => (a > b ? a : b)) : undefined;
  const complete = floor === undefined ? all : all.filter((i) => i.at > floor);
  if (complete.length === 0) {
    // More than `limit` items share one time in a source: return that group rather than stall.
    return floor === undefined ? { items: [], before: null } : { items: all.filter((i) => i.at === floor), before: floor };
  }
  if (complete.length > limit) {
    const cut = (complete[limit - 1] as TimelineItem).at;
    return { items: complete.filter((i) => i.at >= cut), before: cut };
  }
  const last = complete[complete.length - 1] as TimelineItem;
  return { items: complete, before: floor === undefined ? null : last.at };
}

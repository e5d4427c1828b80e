import { describe, expect, it } from "vitest";
import { mergeTimeline, type TimelineItem } from "./timeline-merge.ts";

const item = (second: number, kind: TimelineItem["kind"] = "activity"): TimelineItem => ({
  at: `2026-01-01T00:00:${String(second).padStart(2, "0")}.000Z`, kind, actor: "u", summary: `${kind} ${second}`, data: {},
});

describe("mergeTimeline", () => {
  it("interleaves sources newest first and says there is nothing older when no source was cut off", () => {
    const page = mergeTimeline([{ items: [item(9), item(3)] }, { items: [item(7, "stage"), item(1, "stage")] }, { items: [item(5, "field")] }], 10);

    expect(page.items.map((i) => i.summary)).toEqual(["activity 9", "stage 7", "field 5", "activity 3", "stage 1"]);
    expect(page.before).toBeNull();
  });

  it("holds back items at or below a cut-off source's oldest time until the next page", () => {
    const page = mergeTimeline([{ items: [item(9), item(6)], truncatedAt: item(6).at }, { items: [item(8, "field"), item(6, "field"), item(2, "field")] }], 10);

    expect(page.items.map((i) => i.summary)).toEqual(["activity 9", "field 8"]);
    expect(page.before).toBe(item(8).at);
  });

  it("never splits a group of items sharing one time across pages", () => {
    const page = mergeTimeline([{ items: [item(9), item(5)] }, { items: [item(5, "stage"), item(5, "field"), item(1, "field")] }], 2);

    expect(page.items.map((i) => i.summary)).toEqual(["activity 9", "activity 5", "field 5", "stage 5"]);
    expect(page.before).toBe(item(5).at);
  });
});

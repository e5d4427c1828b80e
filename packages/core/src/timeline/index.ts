export * from "./timeline.ts";
export * from "./timeline-merge.ts";

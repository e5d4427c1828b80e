export * from "./lead.ts";
export * from "./lead-captured.ts";

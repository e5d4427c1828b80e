export * from "./lead.ts";

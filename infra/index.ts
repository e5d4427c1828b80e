export * from "./table.ts";
export * from "./rules.ts";

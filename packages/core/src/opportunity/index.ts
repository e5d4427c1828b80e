export * from "./opportunity.ts";
export * from "./opportunity.schema.ts";

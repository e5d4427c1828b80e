export * from "./opportunity.ts";
export * from "./opportunity.schema.ts";
export * from "./deal-members.ts";

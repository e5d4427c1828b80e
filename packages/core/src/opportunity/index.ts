export * from "./opportunity.ts";
export * from "./opportunity.schema.ts";
export * from "./deal-members.ts";
export * from "./gate.ts";
export * from "./stage-move.ts";
export * from "./close.ts";
export * from "./reopen.ts";
export * from "./bulk-move.ts";

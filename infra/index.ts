export * from "./table.ts";
export * from "./rules.ts";
export * from "./state-machines.ts";
export * from "./schedules.ts";

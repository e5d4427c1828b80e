export * from "./pool-entry.entity.ts";
export * from "./pool-kinds.ts";
export * from "./pool-settings.ts";
export * from "./pool-release.ts";
export * from "./pool-claim.ts";
export * from "./pool-list.ts";

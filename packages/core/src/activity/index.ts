export * from "./activity.ts";

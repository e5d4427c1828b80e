export * from "./pipeline.ts";
export * from "./default-pipeline.ts";

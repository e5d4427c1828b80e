export * from "./lost-reasons.ts";
export * from "./default-lost-reasons.ts";

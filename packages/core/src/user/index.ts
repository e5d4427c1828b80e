export * from "./user.ts";

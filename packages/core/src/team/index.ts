export * from "./team.ts";

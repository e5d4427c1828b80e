export * from "./import-leads.ts";
export { importFields, parseMappingText, resolveMapping, type ImportField, type MappingTarget } from "./column-map.ts";
export { importLimits, readCsv, splitCsv } from "./csv-read.ts";
export { rowKey, type RowError } from "./row-check.ts";
export type { RowOutcome } from "./row-preview.ts";

import Papa from "papaparse";
import type { ImportReport, ImportTarget, LeadsApi, RowOutcome } from "./leads-api.ts";

/** The file as the user picked it: its header and data rows, split by papaparse (quoted commas and newlines kept). */
export interface CsvFile {
  name: string;
  header: string[];
  rows: string[][];
}

/** Rows per import request: small enough that the progress bar moves, large enough to stay quick. */
export const importChunkRows = 25;
/** Rows per dry-run request (the server takes at most 5,000 rows, 2 MB). */
export const previewChunkRows = 1_000;

export function readCsvText(name: string, text: string): CsvFile {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: "greedy" });
  const [header = [], ...rows] = parsed.data;
  return { name, header: header.map((h) => h.trim()), rows };
}

/** One chunk as CSV text, the header repeated so each request stands alone. */
const chunkCsv = (file: CsvFile, from: number, size: number) => Papa.unparse([file.header, ...file.rows.slice(from, from + size)]);

const emptyTotals = (): ImportReport["totals"] => ({ rows: 0, create: 0, touch: 0, unchanged: 0, error: 0 });

/**
 * Sends the file chunk by chunk (each with `firstRow`, so row numbers are the spreadsheet's) and merges the
 * reports. `onProgress` gets the rows done so far. The server keys every row, so a re-run creates nothing twice.
 */
export async function runImport(
  api: LeadsApi, file: CsvFile, mapping: Record<string, ImportTarget> | undefined, opts: { dryRun: boolean; chunkRows: number; onProgress?: (done: number) => void },
): Promise<ImportReport> {
  const merged: ImportReport = { dryRun: opts.dryRun, mapping: {}, unmappedColumns: [], rows: [], totals: emptyTotals() };
  for (let from = 0; from < Math.max(file.rows.length, 1); from += opts.chunkRows) {
    const report = await api.importCsv({ csv: chunkCsv(file, from, opts.chunkRows), firstRow: from + 2, ...(mapping && { mapping }) }, opts.dryRun);
    if (from === 0) Object.assign(merged, { mapping: report.mapping, unmappedColumns: report.unmappedColumns });
    merged.rows.push(...report.rows);
    for (const k of ["rows", "create", "touch", "unchanged", "error"] as const) merged.totals[k] += report.totals[k] ?? 0;
    opts.onProgress?.(Math.min(file.rows.length, from + opts.chunkRows));
  }
  return merged;
}

export const outcomes: RowOutcome[] = ["create", "touch", "unchanged", "error"];

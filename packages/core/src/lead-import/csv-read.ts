import { CsvError, parse } from "csv-parse/sync";
import { UnprocessableError } from "../errors.ts";

export const importLimits = { maxBytes: 2 * 1024 * 1024, maxRows: 5000 };

export interface CsvRow {
  /** The row a spreadsheet shows: the header is row 1, so the first data row is 2 (a multi-line cell is one row). */
  row: number;
  cells: string[];
}

export interface CsvTable {
  header: string[];
  rows: CsvRow[];
}

interface RawRecord {
  record: string[];
  raw: string;
}

function records(text: string): RawRecord[] {
  try {
    // Comma or tab (spreadsheets export either); BOM from Excel's "CSV UTF-8". All-empty rows are kept here, so
    // row numbers stay those of the spreadsheet, and skipped by the callers.
    return parse(text, { bom: true, raw: true, delimiter: [",", "\t"], relax_column_count: true, skip_empty_lines: true }) as unknown as RawRecord[];
  } catch (err) {
    if (err instanceof CsvError) throw new UnprocessableError("csv_invalid", `The CSV cannot be read: ${err.message}`, "csv");
    throw err;
  }
}

const blank = (cells: string[]) => cells.every((c) => c.trim() === "");

/** Header and data rows of a CSV text within the import limits (else 422 naming the limit). */
export function readCsv(text: string, firstRow = 2): CsvTable {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > importLimits.maxBytes) {
    throw new UnprocessableError("csv_too_large", `The CSV is ${(bytes / 1048576).toFixed(1)} MB; import at most 2 MB at a time (split the file, or use npm run import, which sends it in parts)`, "csv");
  }
  const [head, ...body] = records(text);
  if (!head) throw new UnprocessableError("csv_empty", "The CSV has no header row", "csv");
  const count = body.filter((r) => !blank(r.record)).length;
  if (count > importLimits.maxRows) {
    throw new UnprocessableError("too_many_rows", `The CSV has ${count} rows; import at most ${importLimits.maxRows} at a time`, "csv");
  }
  const rows = body.map((r, i) => ({ row: firstRow + i, cells: r.record })).filter((r) => !blank(r.cells));
  return { header: head.record.map((h) => h.trim()), rows };
}

/**
 * The file cut into CSV texts of at most `rowsPerPart` data rows, each with the header, and the spreadsheet row
 * of each part's first data row: the CLI sends parts so it can show progress and import files of any size.
 */
export function splitCsv(text: string, rowsPerPart: number): { csv: string; firstRow: number; rows: number }[] {
  const [head, ...body] = records(text);
  if (!head) return [];
  const parts: { csv: string; firstRow: number; rows: number }[] = [];
  for (let i = 0; i < body.length; i += rowsPerPart) {
    const slice = body.slice(i, i + rowsPerPart);
    const csv = [head, ...slice].map((r) => r.raw.replace(/\r?\n?$/, "")).join("\n");
    parts.push({ csv, firstRow: i + 2, rows: slice.filter((r) => !blank(r.record)).length });
  }
  return parts;
}

/** A cell: text is guarded against spreadsheet formulas; numbers and amounts are written as they are. */
export type CsvCell = string | number | null | undefined | { amountCents: number };

export const BOM = "\uFEFF";

/** Cents as a plain decimal ("-1234.50"), which Excel and WPS read as a number in every locale's CSV import. */
export function decimalOf(cents: number): string {
  const abs = Math.abs(Math.trunc(cents));
  return `${cents < 0 ? "-" : ""}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

// A text cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR) gets a leading apostrophe.
const formulaStart = /^[=+\-@\t\r]/;

function text(cell: CsvCell): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "number") return String(cell);
  if (typeof cell === "object") return decimalOf(cell.amountCents);
  return formulaStart.test(cell) ? `'${cell}` : cell;
}

/** RFC 4180: a field with a quote, comma, CR or LF is quoted, quotes doubled. */
export function csvField(cell: CsvCell): string {
  const t = text(cell);
  return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

/** Header and rows, CRLF line ends, UTF-8 BOM first so Excel and WPS open Chinese text correctly. */
export function toCsv(header: readonly string[], rows: readonly CsvCell[][]): string {
  return BOM + [header, ...rows].map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}

import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { parseMappingText, splitCsv, type ImportReport } from "@dealflow/core/lead-import/index";
import { lastEndpoints, reachable } from "./runtime/running-stack.ts";

const usage = `Usage: npm run import -- <file.csv> [--dry-run] [--map "Email=email,公司=companyName"] [--team <teamId>]
       [--campaign <name>] [--as <email>] [--api <url>] [--part-rows <n>]
Defaults: the running npm start stack, as admin@dealflow.dev, 200 rows per request.`;

type Totals = ImportReport["totals"];
interface Options { file: string; dryRun: boolean; mapping?: Record<string, string>; teamId?: string; campaign?: string; as: string; api?: string; partRows: number }

function options(): Options {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { "dry-run": { type: "boolean", default: false }, map: { type: "string" }, team: { type: "string" }, campaign: { type: "string" }, as: { type: "string", default: "admin@dealflow.dev" }, api: { type: "string" }, "part-rows": { type: "string", default: "200" } } });
  const [file, ...extra] = positionals;
  const partRows = Number(values["part-rows"]);
  if (!file || extra.length > 0 || !Number.isInteger(partRows) || partRows < 1 || partRows > 5000) throw new Error(usage);
  return { file, partRows, dryRun: values["dry-run"] ?? false, as: values.as ?? "admin@dealflow.dev", ...(values.map && { mapping: parseMappingText(values.map) }), ...(values.team && { teamId: values.team }), ...(values.campaign && { campaign: values.campaign }), ...(values.api && { api: values.api }) };
}

/** A one-line bar redrawn in place on stderr, so stdout keeps only the report. */
function progress(done: number, total: number): void {
  const width = 30;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  process.stderr.write(`\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} rows`);
  if (done >= total) process.stderr.write("\n");
}

async function request(url: string, body: unknown, token?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...(token && { authorization: `Bearer ${token}` }) }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

function failure(status: number, body: Record<string, unknown>): Error {
  return new Error(`The API refused the import (${status} ${String(body.code)}${body.field ? `, ${String(body.field)}` : ""}): ${String(body.message)}`);
}

function printReport(o: Options, reports: ImportReport[], totals: Totals): void {
  const [first] = reports;
  if (first) console.log(`Columns: ${Object.entries(first.mapping).map(([c, f]) => `${c} → ${f}`).join(", ")}${first.unmappedColumns.length ? `; not imported: ${first.unmappedColumns.join(", ")}` : ""}`);
  for (const r of reports.flatMap((p) => p.rows).filter((r) => r.outcome === "error")) {
    console.log(`  row ${r.row}: ${r.errors.map((e) => `${e.field}: ${e.message}`).join("; ")}`);
  }
  const verb = o.dryRun ? "would" : "did";
  console.log(`${o.dryRun ? "Dry run, nothing written: " : ""}${totals.rows} rows; ${verb} create ${totals.create}, ${verb} touch ${totals.touch}, unchanged ${totals.unchanged}, errors ${totals.error}.`);
}

/** `npm run import`: sends the CSV to the API part by part (progress on stderr), then prints the report. */
async function main(): Promise<number> {
  const o = options();
  const api = o.api ?? process.env.DEALFLOW_API_URL ?? lastEndpoints().api;
  if (!api || !(await reachable(`${api}/health`))) throw new Error("No Dealflow API is reachable: run npm start first (or pass --api <url>).");
  const login = await request(`${api}/auth/dev-login`, { email: o.as });
  if (login.status !== 200 || typeof login.body.token !== "string") throw failure(login.status, login.body);
  const parts = splitCsv(readFileSync(o.file, "utf8"), o.partRows);
  const total = parts.reduce((n, p) => n + p.rows, 0);
  const totals: Totals = { rows: 0, create: 0, touch: 0, unchanged: 0, error: 0 };
  const reports: ImportReport[] = [];
  progress(0, total);
  for (const part of parts) {
    const body = { csv: part.csv, firstRow: part.firstRow, ...(o.mapping && { mapping: o.mapping }), ...(o.teamId && { teamId: o.teamId }), ...(o.campaign && { campaign: o.campaign }) };
    const res = await request(`${api}/imports/leads?dryRun=${o.dryRun}`, body, login.body.token);
    if (res.status !== 200) throw failure(res.status, res.body);
    const report = res.body as unknown as ImportReport;
    reports.push(report);
    for (const k of Object.keys(totals) as (keyof Totals)[]) totals[k] += report.totals[k];
    progress(totals.rows, total);
  }
  printReport(o, reports, totals);
  return totals.error > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(2);
  },
);

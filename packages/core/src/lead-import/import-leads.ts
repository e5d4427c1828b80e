import { z } from "zod";
import { DomainError, UnprocessableError } from "../errors.ts";
import { captureLead } from "../lead/capture/capture-lead.ts";
import type { CaptureFields } from "../lead/capture/capture.schema.ts";
import { dedupeKeys, keyLabel, teamPhoneCountry } from "../lead/capture/normalise.ts";
import { listTeam, requireRole } from "../records/access.ts";
import type { Ctx } from "../records/context.ts";
import { idSchema, parse, shortText } from "../records/schema.ts";
import { importFields, resolveMapping, rowInput } from "./column-map.ts";
import { readCsv } from "./csv-read.ts";
import { checkRow, type RowError } from "./row-check.ts";
import { previewRow, withinFile, type RowOutcome } from "./row-preview.ts";

export const importLeadsSchema = z
  .object({
    csv: z.string().min(1, "Send the CSV text, header row first"),
    mapping: z.record(z.string().min(1), z.enum([...importFields, "skip"])).optional(),
    teamId: idSchema.optional(),
    /** Campaign for rows without a campaign column (or with it blank). */
    campaign: shortText.optional(),
    /** The spreadsheet row of the first data row, when the CSV is one part of a larger file. */
    firstRow: z.number().int().min(2).max(100_000_000).optional(),
  })
  .strict();

export interface RowReport {
  row: number;
  outcome: RowOutcome | "error";
  leadId?: string;
  errors: RowError[];
}

export interface ImportReport {
  dryRun: boolean;
  teamId: string;
  mapping: Record<string, string>;
  unmappedColumns: string[];
  rows: RowReport[];
  totals: Record<RowOutcome | "error" | "rows", number>;
}

const batchSize = 8;
const outcomeOf = { created: "create", touched: "touch", replayed: "unchanged" } as const;

async function inBatches<T, R>(items: T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += batchSize) out.push(...(await Promise.all(items.slice(i, i + batchSize).map(work))));
  return out;
}

/**
 * Runs `work` for each row after every earlier row that shares one of its dedupe keys has finished, so two rows of
 * one person always resolve in file order (the first creates, the second touches) however the batch interleaves.
 */
function inFileOrderPerPerson(): (fields: CaptureFields, work: () => Promise<Omit<RowReport, "row">>) => Promise<Omit<RowReport, "row">> {
  const tails = new Map<string, Promise<unknown>>();
  return (fields, work) => {
    const keys = dedupeKeys(fields).map(keyLabel);
    const run = Promise.allSettled(keys.map((k) => tails.get(k))).then(work);
    for (const k of keys) tails.set(k, run);
    return run;
  };
}

async function importRow(ctx: Ctx, fields: CaptureFields, key: string, teamId: string): Promise<Omit<RowReport, "row">> {
  try {
    const { lead, outcome } = await captureLead(ctx, fields, { channel: "import", teamId, idempotencyKey: key });
    return { outcome: outcomeOf[outcome], leadId: lead.leadId, errors: [] };
  } catch (err) {
    // A row the capture refuses (e.g. a 409 on a lead deleted since) is that row's error; the others go on.
    if (!(err instanceof DomainError)) throw err;
    return { outcome: "error", errors: [{ field: err.field ?? "row", message: err.message }] };
  }
}

function totalsOf(rows: RowReport[]): ImportReport["totals"] {
  const totals = { rows: rows.length, create: 0, touch: 0, unchanged: 0, error: 0 };
  for (const r of rows) totals[r.outcome] += 1;
  return totals;
}

/**
 * Imports a CSV of leads for one team (admins any team, managers their own): maps columns, checks every row,
 * and captures the good ones as channel "import", each with an idempotency key derived from the team and the
 * normalised row. `dryRun` reports the same per-row outcomes from reads alone and writes nothing.
 */
export async function importLeads(ctx: Ctx, raw: z.input<typeof importLeadsSchema>, opts: { dryRun: boolean }): Promise<ImportReport> {
  const input = parse(importLeadsSchema, raw);
  requireRole(ctx.actor, "admin", "manager");
  const teamId = listTeam(ctx.actor, input.teamId);
  const team = (await ctx.db.entities.team.get({ teamId }).go()).data;
  if (!team) throw new UnprocessableError("unknown_team", `Team ${teamId} does not exist`, "teamId");
  const table = readCsv(input.csv, input.firstRow);
  const mapping = resolveMapping(table.header, input.mapping);
  const country = teamPhoneCountry(team.timezone);
  const rows = table.rows.map(({ row, cells }) => {
    const values = { ...(input.campaign && { campaign: input.campaign }), ...rowInput(cells, mapping) };
    return { row, checked: checkRow(values, teamId, country) };
  });
  const afterEarlierRows = inFileOrderPerPerson();
  const reports = await inBatches(rows, async ({ row, checked }): Promise<RowReport> => {
    if (!checked.ok) return { row, outcome: "error", errors: checked.errors };
    if (!opts.dryRun) return { row, ...(await afterEarlierRows(checked.fields, () => importRow(ctx, checked.fields, checked.key, teamId))) };
    return { row, ...(await previewRow(ctx, checked.fields, checked.key)), errors: [] };
  });
  if (opts.dryRun) {
    const valid = rows.flatMap((r, i) => (r.checked.ok && reports[i] ? [{ fields: r.checked.fields, key: r.checked.key, result: reports[i] }] : []));
    withinFile(valid);
  }
  const columns = Object.fromEntries(mapping.columns.map((c) => [c.header, c.field]));
  return { dryRun: opts.dryRun, teamId, mapping: columns, unmappedColumns: mapping.unmapped, rows: reports, totals: totalsOf(reports) };
}

import { z } from "zod";
import type { Db } from "../db/service.ts";
import { tryWrite } from "../db/conditional.ts";
import { ConflictError, ValidationError } from "../errors.ts";
import { requireRole } from "../records/access.ts";
import type { Ctx } from "../records/context.ts";
import { parse } from "../records/schema.ts";

const code = z.string().regex(/^[A-Z]{3}$/, "An ISO 4217 code such as CNY or USD");

export const updateCurrencySchema = z
  .object({
    /** The version read; omit it only for the first save. */
    version: z.number().int().positive().optional(),
    reportingCurrency: code,
    /** Units of the reporting currency per unit of each other currency. */
    rates: z.record(code, z.number().positive().max(1e9)),
  })
  .strict();

export interface CurrencyTable {
  reportingCurrency: string;
  rates: Record<string, number>;
  version: number | null;
}

/** Until an admin sets rates, amounts are reported in CNY and other currencies are left unconverted. */
export const defaultCurrencyTable: CurrencyTable = { reportingCurrency: "CNY", rates: {}, version: null };

export async function currencyTable(db: Db): Promise<CurrencyTable> {
  const { data } = await db.entities.currencySettings.get({ scope: "company" }).go();
  return data ? { reportingCurrency: data.reportingCurrency, rates: data.rates as Record<string, number>, version: data.version } : defaultCurrencyTable;
}

/** The amount in the reporting currency; null when no rate is set for its currency. */
export function convert(amount: number, currency: string | undefined, table: CurrencyTable): number | null {
  const from = currency ?? defaultCurrencyTable.reportingCurrency;
  if (from === table.reportingCurrency) return amount;
  const rate = table.rates[from];
  return rate === undefined ? null : Math.round(amount * rate * 100) / 100;
}

/**
 * Splits amounts into those converted to the reporting currency and, per currency without a rate, what was left
 * out: a report says what it could not count instead of adding unlike money.
 */
export function convertAll<T extends { amount: number; currency?: string | undefined }>(items: readonly T[], table: CurrencyTable) {
  const converted: T[] = [];
  const left = new Map<string, { currency: string; items: number; amount: number }>();
  for (const item of items) {
    const amount = convert(item.amount, item.currency, table);
    if (amount !== null) converted.push({ ...item, amount });
    else {
      const c = item.currency ?? "?";
      const l = left.get(c) ?? { currency: c, items: 0, amount: 0 };
      left.set(c, { ...l, items: l.items + 1, amount: l.amount + item.amount });
    }
  }
  return { converted, unconverted: [...left.values()], currency: table.reportingCurrency };
}

/**
 * For reports that count items as well as sum them: every item is kept (counts and rates stay whole), amounts in
 * the reporting currency, 0 for an item whose currency has no rate (that money is listed in `unconverted`).
 */
export function withReportingAmounts<T extends { amount: number; currency?: string | undefined }>(items: readonly T[], table: CurrencyTable) {
  const { unconverted, currency } = convertAll(items, table);
  return { items: items.map((item) => ({ ...item, amount: convert(item.amount, item.currency, table) ?? 0 })), unconverted, currency };
}

export async function getCurrencyTable(ctx: Ctx): Promise<CurrencyTable> {
  return currencyTable(ctx.db);
}

/** Admins set the reporting currency and the rates; the first save sends no version, later ones the version read. */
export async function updateCurrencyTable(ctx: Ctx, raw: unknown): Promise<CurrencyTable> {
  const { version, reportingCurrency, rates } = parse(updateCurrencySchema, raw);
  requireRole(ctx.actor, "admin");
  if (reportingCurrency in rates) throw new ValidationError("The reporting currency needs no rate", `rates.${reportingCurrency}`);
  const current = await currencyTable(ctx.db);
  if (current.version === null && version !== undefined) throw new ConflictError("The currency table was never saved; send no version the first time", "version");
  if (current.version !== null && version === undefined) throw new ValidationError("Send the version of the currency table you read", "version");
  const next = { scope: "company", reportingCurrency, rates, version: (version ?? 0) + 1, updatedAt: ctx.clock.now().toISOString(), updatedBy: ctx.actor.userId };
  const written = await tryWrite(() =>
    ctx.db.entities.currencySettings.put(next).where((a, op) => (version === undefined ? op.notExists(a.version) : op.eq(a.version, version))).go(),
  );
  if (!written) throw new ConflictError("The currency table changed since you read it", "version");
  return currencyTable(ctx.db);
}

import { z } from "zod";
import { UnprocessableError } from "../errors.ts";
import type { Ctx } from "../records/context.ts";
import { getRecord } from "../records/record-writer.ts";
import { idSchema, isoDate, longText } from "../records/schema.ts";
import { centsAmount, productKind, type Product } from "../product/product.ts";
import { percent } from "./quote-settings.ts";
import { quoteTotals } from "./quote-totals.ts";

const quantity = z.number().positive().max(1e6).refine((n) => Math.abs(n * 1000 - Math.round(n * 1000)) < 1e-6, "At most three decimals");

export const quoteLineInput = z
  .object({
    productId: idSchema,
    quantity,
    /** Defaults to the product's list price. */
    unitPriceCents: centsAmount.optional(),
    discountPct: percent.optional(),
  })
  .strict();
export type QuoteLineInput = z.infer<typeof quoteLineInput>;

/** What a quote's content is made of; create and edit share it. */
export const quoteContent = {
  lines: z.array(quoteLineInput).min(1).max(100),
  taxRatePct: percent,
  overallDiscountPct: percent,
  validUntil: isoDate,
  note: longText,
};

export interface QuoteLine {
  productId: string;
  sku: string;
  name: string;
  unit: string;
  quantity: number;
  unitPriceCents: number;
  discountPct: number;
  grossCents: number;
  discountCents: number;
  lineTotalCents: number;
}

type Snapshot = Omit<QuoteLine, "grossCents" | "discountCents" | "lineTotalCents">;

/** Each line names an active product of the quote's currency; its name, SKU and unit are copied onto the line. */
export async function snapshotLines(ctx: Ctx, inputs: QuoteLineInput[], currency: string): Promise<Snapshot[]> {
  const lines: Snapshot[] = [];
  for (const [i, input] of inputs.entries()) {
    const field = `lines.${i}.productId`;
    const product = (await getRecord(ctx.db, productKind, input.productId)) as Product | null;
    if (!product) throw new UnprocessableError("unknown_product", `Product ${input.productId} does not exist`, field);
    if (!product.active) throw new UnprocessableError("product_inactive", `Product ${product.sku} is no longer sold`, field);
    if (product.currency !== currency) throw new UnprocessableError("currency_mismatch", `Product ${product.sku} is priced in ${product.currency}, the quote in ${currency}`, field);
    lines.push({
      productId: product.productId, sku: product.sku, name: product.name, unit: product.unit, quantity: input.quantity,
      unitPriceCents: input.unitPriceCents ?? product.listPriceCents, discountPct: input.discountPct ?? 0,
    });
  }
  return lines;
}

/** The priced content of a version and whether it needs approval against the team's threshold. */
export function priceQuote(lines: Snapshot[], opts: { overallDiscountPct: number; taxRatePct: number }, thresholdPct: number) {
  const totals = quoteTotals(lines, opts);
  if (totals.totalCents > Number.MAX_SAFE_INTEGER || totals.subtotalCents > Number.MAX_SAFE_INTEGER) {
    throw new UnprocessableError("amount_too_large", "The quote's total is too large to be stored exactly", "lines");
  }
  const { lines: amounts, ...sums } = totals;
  return {
    ...sums, ...opts,
    lines: lines.map((l, i) => ({ ...l, ...amounts[i] })) as QuoteLine[],
    approvalThresholdPct: thresholdPct,
    needsApproval: totals.maxDiscountPct > thresholdPct,
  };
}

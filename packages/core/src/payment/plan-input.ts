import { z } from "zod";
import { UnprocessableError } from "../errors.ts";
import { isoDate, isoDateTime } from "../records/schema.ts";
import { basisPoints, formatMoney, shareOf, splitTotal, type InstalmentShare } from "./money.ts";

export const maxInstalments = 48;

const instalmentInput = z
  .object({
    amountCents: z.number().int().positive().max(1e13).optional(),
    pct: z.number().positive().max(100).refine((p) => basisPoints(p) !== undefined, "Use at most two decimals").optional(),
    /** "2026-03-31" (due by the end of that day, team time) or a datetime with offset. */
    dueDate: z.union([isoDate, isoDateTime]),
  })
  .strict()
  .refine((i) => (i.amountCents === undefined) !== (i.pct === undefined), { message: "Give either amountCents or pct, not both" });

export const setPlanSchema = z
  .object({
    /** The plan version read (omit for the first plan): a plan replaced meanwhile is a 409. */
    planVersion: z.number().int().positive().optional(),
    instalments: z.array(instalmentInput).min(1).max(maxInstalments),
  })
  .strict();

export type SetPlanInput = z.infer<typeof setPlanSchema>;

/** What the shares come to, for an error that says by how much a plan misses. */
function sumOf(totalCents: number, shares: InstalmentShare[]): number {
  return shares.reduce((sum, s) => sum + ("amountCents" in s ? s.amountCents : shareOf(totalCents, s.bps)), 0);
}

/** The amount of each instalment, adding up exactly to the order total, else a 422 naming `instalments`. */
export function planAmounts(input: SetPlanInput, totalCents: number, currency: string): number[] {
  const shares: InstalmentShare[] = input.instalments.map((i) => (i.amountCents !== undefined ? { amountCents: i.amountCents } : { bps: basisPoints(i.pct ?? 0) ?? 0 }));
  const amounts = splitTotal(totalCents, shares);
  if (!amounts) {
    const pct = shares.reduce((sum, s) => sum + ("bps" in s ? s.bps : 0), 0) / 100;
    const pctNote = pct > 0 ? ` (${pct}% of the total plus fixed amounts)` : "";
    throw new UnprocessableError(
      "plan_total_mismatch",
      `The instalments add up to ${formatMoney(sumOf(totalCents, shares), currency)}${pctNote} but the order total is ${formatMoney(totalCents, currency)}; they must add up exactly`,
      "instalments",
      { totalCents, instalmentsCents: sumOf(totalCents, shares) },
    );
  }
  const empty = amounts.findIndex((a) => a <= 0);
  if (empty >= 0) throw new UnprocessableError("instalment_empty", `Instalment ${empty + 1} comes to ${formatMoney(amounts[empty] ?? 0, currency)}: every instalment must be more than zero`, `instalments.${empty}`);
  return amounts;
}

/** Instalments fall due in the order they are listed. */
export function assertDueOrder(dueAts: string[]): void {
  const back = dueAts.findIndex((at, i) => i > 0 && Date.parse(at) < Date.parse(dueAts[i - 1] ?? at));
  if (back > 0) throw new UnprocessableError("instalments_out_of_order", `Instalment ${back + 1} falls due before instalment ${back}: list them in due order`, `instalments.${back}.dueDate`);
}

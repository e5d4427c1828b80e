import type { TxWrite } from "../../db/transact.ts";
import { ConflictError } from "../../errors.ts";
import type { Ctx } from "../../records/context.ts";

/** The capture with this idempotency key was applied meanwhile (a concurrent replay won). */
export class ReceiptTakenError extends ConflictError {
  constructor(readonly key: string) {
    super(`The capture with idempotency key ${key} was already applied`, "idempotencyKey");
  }
}

export async function readReceipt(ctx: Ctx, key: string) {
  return (await ctx.db.entities.captureReceipt.get({ key }).go({ consistent: true })).data;
}

export function receiptWrite(ctx: Ctx, key: string, leadId: string, outcome: "created" | "touched", channel: string, at: string): TxWrite {
  return { kind: "Put", params: ctx.db.entities.captureReceipt.create({ key, leadId, outcome, channel, at }).params(), onConditionFailed: () => new ReceiptTakenError(key) };
}

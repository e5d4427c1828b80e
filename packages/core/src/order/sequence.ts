import type { Db } from "../db/service.ts";
import type { TxWrite } from "../db/transact.ts";
import { ConflictError } from "../errors.ts";
import { entityOf } from "../records/record-writer.ts";

/** The counter moved between our read and our write: the whole transaction is retried with a fresh read. */
export class SequenceRaceError extends Error {
  constructor(name: string) {
    super(`Sequence ${name} moved on; retry`);
  }
}

export interface NextNumber {
  value: number;
  /** The counter's conditional move to `value`, for the same transaction as the record that takes it. */
  write: TxWrite;
}

/** Reads the counter (strongly) and plans its move to the next value, conditional on the value read. */
export async function nextNumber(db: Db, name: string, at: string): Promise<NextNumber> {
  const { data } = await db.entities.sequence.get({ name }).go({ consistent: true });
  const current = data?.value ?? 0;
  const value = current + 1;
  const counter = entityOf(db, "sequence");
  const params = data
    ? db.entities.sequence.patch({ name }).set({ value, updatedAt: at }).where((a, op) => op.eq(a.value, current)).params()
    : counter.create({ name, value, updatedAt: at }).params();
  return { value, write: { kind: data ? "Update" : "Put", params, onConditionFailed: () => new SequenceRaceError(name) } };
}

/** A Dynamo transaction conflict (two transactions on one item at once) is as retryable as a moved counter. */
function retryable(err: unknown): boolean {
  return err instanceof SequenceRaceError || (err instanceof ConflictError && err.message.startsWith("Another change to the same record was in progress"));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` (which reads the counter and commits its transaction) until no other writer got the number
 * first. Exponential backoff with full jitter spreads a burst of concurrent creations, so fewer retries collide.
 */
export async function withNextNumber<T>(attempt: () => Promise<T>, maxAttempts = 200): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      if (!retryable(err) || i >= maxAttempts) {
        if (retryable(err)) throw new ConflictError("Too many concurrent creations took the next number; try again", "orderNumber");
        throw err;
      }
      await sleep(Math.random() * Math.min(250, 5 * 2 ** Math.min(i, 6)));
    }
  }
}

/** "SO-2026-000123". */
export function formatNumber(prefix: string, year: number, value: number): string {
  return `${prefix}-${year}-${String(value).padStart(6, "0")}`;
}

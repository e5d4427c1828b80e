import { isConditionFailed } from "../db/conditional.ts";
import type { Db } from "../db/service.ts";
import { DomainError } from "../errors.ts";

/** Too many submissions from one address; `retryAfterSeconds` is when its window ends. */
export class RateLimitedError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, "rate_limited", `Too many submissions from your address; try again in ${retryAfterSeconds} s`, "ip", { retryAfterSeconds });
  }
}

export interface RateLimit {
  max: number;
  windowSeconds: number;
}

/**
 * Counts one submission of `ip` to `formId` in the current fixed window, or refuses it (429) when the window's
 * count is at the limit. One conditional update: concurrent posts can never exceed the limit between them.
 */
export async function takeSubmissionSlot(db: Db, formId: string, ip: string, limit: RateLimit, now: Date): Promise<void> {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const windowStart = nowSeconds - (nowSeconds % limit.windowSeconds);
  const windowEnd = windowStart + limit.windowSeconds;
  try {
    await db.entities.webFormHits
      .update({ formId, ip, windowStart })
      .add({ count: 1 })
      // TTL deletion lags by up to days; the window in the key, not the TTL, is what resets the count.
      .set({ expiresAt: windowEnd + 60 })
      .where((a, op) => `${op.notExists(a.count)} OR ${op.lt(a.count, limit.max)}`)
      .go({ response: "none" });
  } catch (err) {
    if (isConditionFailed(err)) throw new RateLimitedError(Math.max(1, windowEnd - nowSeconds));
    throw err;
  }
}

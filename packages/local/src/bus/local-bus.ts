import type { RuleSpec } from "@dealflow/infra";
import type { BusEnvelope } from "@dealflow/core/ports/bus";
import { systemClock, type Clock } from "@dealflow/core/ports/clock";
import { DeadLetterQueue, type DeadLetter } from "./dead-letter-queue.ts";
import { matchesPattern, validatePattern } from "./pattern-matcher.ts";
import {
  BusValidationError, MAX_ENTRIES_PER_CALL, isEntryError, toEnvelope,
  type PutEventsEntry, type PutEventsResult, type PutEventsResultEntry,
} from "./put-events-entry.ts";

export type BusTarget = (event: BusEnvelope) => Promise<unknown>;

export interface LocalBusOptions {
  busName: string;
  rules: readonly RuleSpec[];
  /** Keyed by a rule's `target.handler`; every rule needs one. */
  targets: Record<string, BusTarget>;
  /** Attempts per (rule, event) including the first; waits baseDelayMs, 2x, 4x... between them. */
  retry?: { maxAttempts: number; baseDelayMs: number };
  dlqFile?: string;
  /**
   * The local runtime has one bus, so by default entries without EventBusName (or "default") land on it: an outside
   * tool pointed at the default bus still reaches the rules. Set false to reject them like a separate AWS bus would.
   */
  acceptDefaultBus?: boolean;
  region?: string;
  clock?: Clock;
  /** Called after each delivery settles (delivered, or dead-lettered after the last attempt). */
  onDelivery?: (record: DeliveryRecord) => void;
  /** Called with each event the bus accepts, before any rule runs (tests watch the bus through it). */
  onAccepted?: (envelope: BusEnvelope) => void;
}

export interface DeliveryRecord {
  rule: string;
  target: string;
  eventId: string;
  attempts: number;
  outcome: "delivered" | "dead-lettered";
  error?: string;
}

export interface BusStats {
  accepted: number;
  rejected: number;
  deliveries: number;
  delivered: number;
  retries: number;
  deadLettered: number;
}

export const LOCAL_ACCOUNT = "000000000000";

/** EventBridge on loopback: PutEvents -> rule matching -> asynchronous delivery with retries and a DLQ. */
export class LocalBus {
  readonly busName: string;
  readonly stats: BusStats = { accepted: 0, rejected: 0, deliveries: 0, delivered: 0, retries: 0, deadLettered: 0 };
  private readonly pending = new Set<Promise<void>>();
  private readonly deadLetters: DeadLetterQueue;
  private readonly retry: { maxAttempts: number; baseDelayMs: number };

  constructor(private readonly opts: LocalBusOptions) {
    this.busName = opts.busName;
    this.retry = opts.retry ?? { maxAttempts: 3, baseDelayMs: 100 };
    if (!(this.retry.maxAttempts >= 1)) throw new Error("retry.maxAttempts must be at least 1");
    this.deadLetters = new DeadLetterQueue(opts.dlqFile);
    checkRules(opts.rules, opts.targets);
  }

  /** Answers like AWS PutEvents; matched targets run after this returns. Throws BusValidationError for bad calls. */
  putEvents(entries: readonly PutEventsEntry[]): PutEventsResult {
    if (!Array.isArray(entries) || entries.length === 0 || entries.length > MAX_ENTRIES_PER_CALL) {
      throw new BusValidationError(
        `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length between 1 and ${MAX_ENTRIES_PER_CALL}`,
      );
    }
    if (entries.every((e) => !e.Source || !e.DetailType || !e.Detail)) {
      // AWS fails the whole request, not each entry, when no entry has all three.
      throw new BusValidationError("Parameters Source, DetailType and Detail are required: no entry has all three");
    }
    const ctx = {
      busName: this.busName,
      acceptDefaultBus: this.opts.acceptDefaultBus ?? true,
      account: LOCAL_ACCOUNT,
      region: this.opts.region ?? "us-east-1",
      now: (this.opts.clock ?? systemClock).now(),
    };
    const results: PutEventsResultEntry[] = entries.map((entry) => {
      const envelope = toEnvelope(entry, ctx);
      if (isEntryError(envelope)) return envelope;
      this.opts.onAccepted?.(structuredClone(envelope));
      this.dispatch(envelope);
      return { EventId: envelope.id };
    });
    const failed = results.filter((r) => "ErrorCode" in r).length;
    this.stats.accepted += results.length - failed;
    this.stats.rejected += failed;
    return { FailedEntryCount: failed, Entries: results };
  }

  dlq(): DeadLetter[] {
    return this.deadLetters.list();
  }

  /** Resolves once no delivery is running or waiting for a retry (including ones those deliveries caused). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /**
   * Delivers an event it already delivered once more, same id and all, to every rule it matches: EventBridge
   * delivers at least once, so every consumer must shrug off this.
   */
  deliverAgain(envelope: BusEnvelope): void {
    this.dispatch(structuredClone(envelope));
  }

  private dispatch(envelope: BusEnvelope): void {
    for (const rule of this.opts.rules) {
      if (!matchesPattern(rule.pattern, envelope)) continue;
      const target = this.opts.targets[rule.target.handler];
      if (!target) continue;
      this.stats.deliveries++;
      const delivery = this.deliver(rule, target, envelope).finally(() => this.pending.delete(delivery));
      this.pending.add(delivery);
    }
  }

  private async deliver(rule: RuleSpec, target: BusTarget, envelope: BusEnvelope): Promise<void> {
    const { maxAttempts, baseDelayMs } = this.retry;
    let lastError = "";
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      // Always yield first so the caller gets its PutEvents answer before any target runs.
      await sleep(attempt === 1 ? 0 : baseDelayMs * 2 ** (attempt - 2));
      if (attempt > 1) this.stats.retries++;
      try {
        await target(structuredClone(envelope));
        this.stats.delivered++;
        this.report({ rule: rule.name, target: rule.target.handler, eventId: envelope.id, attempts: attempt, outcome: "delivered" });
        return;
      } catch (err) {
        lastError = err instanceof Error ? err.message : String(err);
      }
    }
    this.stats.deadLettered++;
    await this.deadLetters.add({
      rule: rule.name, target: rule.target.handler, error: lastError, attempts: maxAttempts,
      failedAt: (this.opts.clock ?? systemClock).now().toISOString(), event: envelope,
    });
    this.report({
      rule: rule.name, target: rule.target.handler, eventId: envelope.id, attempts: maxAttempts,
      outcome: "dead-lettered", error: lastError,
    });
  }

  private report(record: DeliveryRecord): void {
    try {
      this.opts.onDelivery?.(record);
    } catch (err) {
      console.error(`local bus: onDelivery hook threw: ${String(err)}`);
    }
  }
}

function checkRules(rules: readonly RuleSpec[], targets: Record<string, BusTarget>): void {
  for (const rule of rules) {
    const error = validatePattern(rule.pattern);
    if (error) throw new Error(`Rule ${rule.name} has an invalid event pattern: ${error}`);
    if (typeof targets[rule.target.handler] !== "function") {
      throw new Error(`Rule ${rule.name} targets handler "${rule.target.handler}", but no target with that key was given`);
    }
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

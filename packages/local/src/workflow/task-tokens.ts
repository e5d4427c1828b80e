import { randomBytes } from "node:crypto";
import type { JsonValue } from "./asl-types.ts";
import { StatesApiError } from "./engine-errors.ts";

export type TokenOutcome = { kind: "success"; output: JsonValue } | { kind: "failure"; error: string; cause: string };

export interface TokenWaiter {
  token: string;
  executionArn: string;
  stateName: string;
  dueAt?: number;
  /** Completes the waiting task; resolves once the result is checkpointed. */
  settle(outcome: TokenOutcome): Promise<void>;
}

/** Tokens carry their execution ARN so a restarted engine can tell a closed task from an unknown one. */
export function mintTaskToken(executionArn: string): string {
  return `${Buffer.from(executionArn).toString("base64url")}.${randomBytes(24).toString("base64url")}`;
}

export function tokenExecutionArn(token: string): string {
  const [head, nonce, ...rest] = token.split(".");
  const arn = head ? Buffer.from(head, "base64url").toString("utf8") : "";
  if (rest.length > 0 || !nonce || !/^arn:aws[a-z-]*:states:[^:]+:\d{12}:execution:[^:]+:[^:]+$/.test(arn)) {
    throw new StatesApiError("InvalidToken", "Invalid Token: not a task token issued by this engine", "taskToken");
  }
  return arn;
}

interface ParkedToken {
  executionArn: string;
  buffered?: { outcome: TokenOutcome; deliver: (settled: Promise<void>) => void };
}

export class TokenRegistry {
  private readonly waiters = new Map<string, TokenWaiter>();
  private readonly parked = new Map<string, ParkedToken>();

  /** Registers a waiting task; an outcome that arrived while its token was parked is delivered at once. */
  add(waiter: TokenWaiter): void {
    const parked = this.parked.get(waiter.token);
    this.parked.delete(waiter.token);
    if (!parked?.buffered) return void this.waiters.set(waiter.token, waiter);
    this.waiters.delete(waiter.token);
    parked.buffered.deliver(waiter.settle(parked.buffered.outcome));
  }

  get(token: string): TokenWaiter | undefined {
    return this.waiters.get(token);
  }

  remove(token: string): void {
    this.waiters.delete(token);
  }

  /**
   * Keeps a token answerable while its task is re-armed into a new segment: an outcome sent meanwhile is held
   * for the next `add` of the same token, and its sender waits for that.
   */
  park(token: string): void {
    const waiter = this.waiters.get(token);
    if (!waiter) return;
    const parked: ParkedToken = { executionArn: waiter.executionArn };
    this.parked.set(token, parked);
    this.waiters.set(token, {
      ...waiter,
      settle: (outcome) =>
        new Promise<void>((resolve, reject) => {
          parked.buffered = { outcome, deliver: (settled) => void settled.then(resolve, reject) };
        }),
    });
  }

  removeExecution(executionArn: string): void {
    for (const [token, waiter] of this.waiters) if (waiter.executionArn === executionArn) this.waiters.delete(token);
    for (const [token, parked] of this.parked) {
      if (parked.executionArn !== executionArn) continue;
      this.parked.delete(token);
      parked.buffered?.deliver(Promise.reject(new Error("the execution closed")));
    }
  }
}

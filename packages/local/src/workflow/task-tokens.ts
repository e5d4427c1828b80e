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

export class TokenRegistry {
  private readonly waiters = new Map<string, TokenWaiter>();

  add(waiter: TokenWaiter): void {
    this.waiters.set(waiter.token, waiter);
  }

  get(token: string): TokenWaiter | undefined {
    return this.waiters.get(token);
  }

  remove(token: string): void {
    this.waiters.delete(token);
  }

  removeExecution(executionArn: string): void {
    for (const [token, waiter] of this.waiters) if (waiter.executionArn === executionArn) this.waiters.delete(token);
  }
}

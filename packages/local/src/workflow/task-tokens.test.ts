import { describe, expect, it } from "vitest";
import { mintTaskToken, tokenExecutionArn, TokenRegistry, type TokenOutcome, type TokenWaiter } from "./task-tokens.ts";

const executionArn = "arn:aws:states:us-east-1:000000000000:execution:deal-flow:deal-42";

function waiter(token: string, received: TokenOutcome[]): TokenWaiter {
  return { token, executionArn, stateName: "AwaitStageMove", settle: async (o) => void received.push(o) };
}

describe("task tokens", () => {
  it("name the execution that issued them, and are unique", () => {
    const token = mintTaskToken(executionArn);

    expect(tokenExecutionArn(token)).toBe(executionArn);
    expect(mintTaskToken(executionArn)).not.toBe(token);
  });

  it("refuses a token the engine did not issue as InvalidToken", () => {
    expect(() => tokenExecutionArn("not-a-token")).toThrow(expect.objectContaining({ type: "InvalidToken" }));
    expect(() => tokenExecutionArn(`${Buffer.from("arn:aws:s3:::bucket").toString("base64url")}.abc`)).toThrow(/Invalid Token/);
  });

  it("holds an outcome sent while its task is re-armed and delivers it to the task's next registration", async () => {
    const registry = new TokenRegistry();
    const token = mintTaskToken(executionArn);
    const before: TokenOutcome[] = [];
    const after: TokenOutcome[] = [];
    registry.add(waiter(token, before));
    registry.park(token);

    const parked = registry.get(token);
    let answered = false;
    const sent = parked?.settle({ kind: "success", output: { stage: "won" } }).then(() => (answered = true));
    await Promise.resolve();
    expect(answered).toBe(false);

    registry.add(waiter(token, after));
    await sent;
    expect(answered).toBe(true);
    expect(after).toEqual([{ kind: "success", output: { stage: "won" } }]);
    expect(before).toEqual([]);
    expect(registry.get(token)).toBeUndefined();
  });

  it("fails a held outcome when its execution closes before the task comes back", async () => {
    const registry = new TokenRegistry();
    const token = mintTaskToken(executionArn);
    registry.add(waiter(token, []));
    registry.park(token);
    const sent = registry.get(token)?.settle({ kind: "failure", error: "DealLost", cause: "" });

    registry.removeExecution(executionArn);

    await expect(sent).rejects.toThrow(/execution closed/);
    expect(registry.get(token)).toBeUndefined();
  });
});

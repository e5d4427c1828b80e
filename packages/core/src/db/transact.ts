import { TransactWriteCommand, type TransactWriteCommandInput } from "@aws-sdk/lib-dynamodb";
import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { ConflictError } from "../errors.ts";
import type { Db } from "./service.ts";

type TransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

/** One write in a transaction, built from an ElectroDB `.params()` call, and what to say if its condition fails. */
export interface TxWrite {
  kind: "Put" | "Update";
  params: Record<string, unknown>;
  onConditionFailed: () => Error;
}

/**
 * All-or-nothing write of several items. A failed condition (stale version, duplicate unique key) cancels the
 * whole transaction and surfaces as the error the failing write names, so nothing is ever half-written.
 */
export async function transact(db: Db, writes: TxWrite[]): Promise<void> {
  const items = writes.map((w) => ({ [w.kind]: w.params }) as TransactItem);
  try {
    await db.doc.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (err) {
    if (err instanceof TransactionCanceledException) {
      const failed = (err.CancellationReasons ?? []).findIndex((r) => r.Code === "ConditionalCheckFailed");
      const write = writes[failed];
      if (write) throw write.onConditionFailed();
      if ((err.CancellationReasons ?? []).some((r) => r.Code === "TransactionConflict")) {
        throw new ConflictError("Another change to the same record was in progress; reload and try again");
      }
    }
    throw err;
  }
}

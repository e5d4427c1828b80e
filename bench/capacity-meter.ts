import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";

interface Units {
  CapacityUnits?: number;
}
interface Consumed extends Units {
  Table?: Units;
  GlobalSecondaryIndexes?: Record<string, Units>;
}

const writes = new Set(["PutItemCommand", "UpdateItemCommand", "DeleteItemCommand", "TransactWriteItemsCommand", "BatchWriteItemCommand"]);

/**
 * Asks DynamoDB for ReturnConsumedCapacity=INDEXES on every call the client makes and adds up what comes back,
 * so a benchmark can say how many capacity units one API request costs, how many of them the GSIs take, and how
 * many are write units. `skip` leaves out calls that are not the app's (e.g. the local workflow engine's own
 * checkpoints, which stand in for Step Functions and share the client).
 */
export function meterCapacity(client: DynamoDBClient, skip: (input: Record<string, unknown>) => boolean = () => false) {
  const totals = { units: 0, gsiUnits: 0, writeUnits: 0 };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      if (skip(input)) return next(args);
      input.ReturnConsumedCapacity = "INDEXES";
      const result = await next(args);
      const consumed = (result.output as { ConsumedCapacity?: Consumed | Consumed[] }).ConsumedCapacity;
      for (const c of [consumed ?? []].flat()) {
        totals.units += c.CapacityUnits ?? 0;
        totals.gsiUnits += Object.values(c.GlobalSecondaryIndexes ?? {}).reduce((sum, i) => sum + (i.CapacityUnits ?? 0), 0);
        if (writes.has(context.commandName ?? "")) totals.writeUnits += c.CapacityUnits ?? 0;
      }
      return result;
    },
    { step: "initialize", name: "meterCapacity" },
  );
  return {
    reset: () => Object.assign(totals, { units: 0, gsiUnits: 0, writeUnits: 0 }),
    get units() {
      return totals.units;
    },
    get gsiUnits() {
      return totals.gsiUnits;
    },
    get writeUnits() {
      return totals.writeUnits;
    },
  };
}

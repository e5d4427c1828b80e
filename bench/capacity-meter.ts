import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";

interface Units {
  CapacityUnits?: number;
}
interface Consumed extends Units {
  Table?: Units;
  GlobalSecondaryIndexes?: Record<string, Units>;
}

/**
 * Asks DynamoDB for ReturnConsumedCapacity=INDEXES on every call the client makes and adds up what comes back,
 * so a benchmark can say how many capacity units one API request costs, and how many of them the GSIs take.
 */
export function meterCapacity(client: DynamoDBClient) {
  const totals = { units: 0, gsiUnits: 0 };
  client.middlewareStack.add(
    (next) => async (args) => {
      (args.input as Record<string, unknown>).ReturnConsumedCapacity = "INDEXES";
      const result = await next(args);
      const consumed = (result.output as { ConsumedCapacity?: Consumed | Consumed[] }).ConsumedCapacity;
      for (const c of [consumed ?? []].flat()) {
        totals.units += c.CapacityUnits ?? 0;
        totals.gsiUnits += Object.values(c.GlobalSecondaryIndexes ?? {}).reduce((sum, i) => sum + (i.CapacityUnits ?? 0), 0);
      }
      return result;
    },
    { step: "initialize", name: "meterCapacity" },
  );
  return {
    reset: () => Object.assign(totals, { units: 0, gsiUnits: 0 }),
    get units() {
      return totals.units;
    },
    get gsiUnits() {
      return totals.gsiUnits;
    },
  };
}

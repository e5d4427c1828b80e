import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";

interface Consumed {
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}

/**
 * Asks DynamoDB for ReturnConsumedCapacity=TOTAL on every call the client makes and adds up what comes back, so
 * a benchmark can say how many capacity units one API request costs.
 */
export function meterCapacity(client: DynamoDBClient) {
  let units = 0;
  client.middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as Record<string, unknown>;
      input.ReturnConsumedCapacity = "TOTAL";
      const result = await next(args);
      const consumed = (result.output as { ConsumedCapacity?: Consumed | Consumed[] }).ConsumedCapacity;
      for (const c of [consumed ?? []].flat()) units += c.CapacityUnits ?? (c.ReadCapacityUnits ?? 0) + (c.WriteCapacityUnits ?? 0);
      return result;
    },
    { step: "initialize", name: "meterCapacity" },
  );
  return {
    reset: () => (units = 0),
    get units() {
      return units;
    },
  };
}

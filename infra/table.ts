/**
 * The single-table key schema, shared by the CDK table construct and the local bootstrap so the two can never
 * drift. Plain data: no CDK import, so runtime code can read it cheaply.
 */
export const tableSchema = {
  partitionKey: "pk",
  sortKey: "sk",
  ttlAttribute: "expiresAt",
  /** Generic GSIs; entities name their access patterns (byTeamStatus, byOwnerStage...) on top of these. */
  globalIndexes: [
    { indexName: "gsi1", partitionKey: "gsi1pk", sortKey: "gsi1sk" },
    { indexName: "gsi2", partitionKey: "gsi2pk", sortKey: "gsi2sk" },
    { indexName: "gsi3", partitionKey: "gsi3pk", sortKey: "gsi3sk" },
  ],
} as const;

export type GlobalIndexName = (typeof tableSchema.globalIndexes)[number]["indexName"];

/** CreateTable input (DynamoDB API shape) for local runtimes and tests; the CDK construct mirrors it. */
export function createTableInput(tableName: string) {
  const keyAttrs = [
    tableSchema.partitionKey,
    tableSchema.sortKey,
    ...tableSchema.globalIndexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  ];
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST" as const,
    AttributeDefinitions: keyAttrs.map((name) => ({ AttributeName: name, AttributeType: "S" as const })),
    KeySchema: [
      { AttributeName: tableSchema.partitionKey, KeyType: "HASH" as const },
      { AttributeName: tableSchema.sortKey, KeyType: "RANGE" as const },
    ],
    GlobalSecondaryIndexes: tableSchema.globalIndexes.map((i) => ({
      IndexName: i.indexName,
      KeySchema: [
        { AttributeName: i.partitionKey, KeyType: "HASH" as const },
        { AttributeName: i.sortKey, KeyType: "RANGE" as const },
      ],
      Projection: { ProjectionType: "ALL" as const },
    })),
  };
}

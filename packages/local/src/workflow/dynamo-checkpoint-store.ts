import { ConditionalCheckFailedException, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import type { CheckpointStore, ExecutionRecord, ExecutionStatus, ExecutionSummary } from "./checkpoint-store.ts";
import { fromItem, summaryFromItem, toItem } from "./execution-item.ts";

const runningKey = "WFEXEC#RUNNING";

/**
 * Workflow executions on the shared single table: pk `WFEXEC#<executionArn>`, sk `STATE`; gsi1pk `WFEXEC#<status>`
 * (so `WFEXEC#RUNNING` lists what to resume), gsi1sk `<stateMachineArn>#<startDate>#<name>`.
 */
export class DynamoCheckpointStore implements CheckpointStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async create(record: ExecutionRecord): Promise<ExecutionRecord | undefined> {
    try {
      await this.doc.send(
        new PutCommand({ TableName: this.tableName, Item: toItem(record), ConditionExpression: "attribute_not_exists(pk)" }),
      );
      return undefined;
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
    }
    const existing = await this.get(record.executionArn);
    if (!existing) throw new Error(`execution ${record.executionArn} exists but could not be read`);
    return existing;
  }

  async save(record: ExecutionRecord, expectedVersion: number): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: toItem(record),
          ConditionExpression: "#version = :expected",
          ExpressionAttributeNames: { "#version": "version" },
          ExpressionAttributeValues: { ":expected": expectedVersion },
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  async get(executionArn: string): Promise<ExecutionRecord | undefined> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: `WFEXEC#${executionArn}`, sk: "STATE" }, ConsistentRead: true }),
    );
    return out.Item ? fromItem(out.Item) : undefined;
  }

  async listRunning(): Promise<ExecutionRecord[]> {
    const items = await this.query({ KeyConditionExpression: "gsi1pk = :pk", ExpressionAttributeValues: { ":pk": runningKey } });
    // The index is eventually consistent: read each record itself for its latest checkpoint and version.
    const records = await Promise.all(items.map((item) => this.get(fromItem(item).executionArn)));
    return records.filter((r): r is ExecutionRecord => r?.status === "RUNNING");
  }

  async list(stateMachineArn: string, status?: ExecutionStatus): Promise<ExecutionSummary[]> {
    const statuses: ExecutionStatus[] = status ? [status] : ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"];
    const pages = await Promise.all(
      statuses.map((s) =>
        this.query({
          KeyConditionExpression: "gsi1pk = :pk AND begins_with(gsi1sk, :machine)",
          ExpressionAttributeValues: { ":pk": `WFEXEC#${s}`, ":machine": `${stateMachineArn}#` },
          ScanIndexForward: false,
        }),
      ),
    );
    return pages
      .flat()
      .map(summaryFromItem)
      .sort((a, b) => b.startDate.localeCompare(a.startDate));
  }

  private async query(input: Omit<QueryCommandInput, "TableName" | "IndexName">): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(
        new QueryCommand({ ...input, TableName: this.tableName, IndexName: "gsi1", ExclusiveStartKey: startKey }),
      );
      items.push(...(out.Items ?? []));
      startKey = out.LastEvaluatedKey;
    } while (startKey);
    return items;
  }
}

import { App, Stack } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { describe, expect, test } from "vitest";
import { SingleTable } from "./table.construct.ts";
import { createTableInput, tableSchema } from "./table.ts";

function tableTemplate(retain: boolean) {
  const stack = new Stack(new App(), "TableStack");
  new SingleTable(stack, "Data", { retain });
  const tables = Template.fromStack(stack).findResources("AWS::DynamoDB::Table");
  expect(Object.keys(tables)).toHaveLength(1);
  const [table] = Object.values(tables);
  if (!table) throw new Error("no table synthesized");
  return table;
}

describe("SingleTable", () => {
  test("has exactly the keys and indexes the local runtime creates (createTableInput)", () => {
    const { Properties: props } = tableTemplate(true);
    const local = createTableInput("unused");
    expect(props.KeySchema).toEqual(local.KeySchema);
    expect(props.GlobalSecondaryIndexes).toEqual(local.GlobalSecondaryIndexes);
    expect(new Set(props.AttributeDefinitions)).toEqual(new Set(local.AttributeDefinitions));
  });

  test("is on-demand, point-in-time recoverable and expires items by the schema's TTL attribute", () => {
    const { Properties: props } = tableTemplate(true);
    expect(props.BillingMode).toBe("PAY_PER_REQUEST");
    expect(props.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(props.TimeToLiveSpecification).toEqual({ AttributeName: tableSchema.ttlAttribute, Enabled: true });
    expect(props.TableName).toBeUndefined();
  });

  test("a retained table survives stack removal and refuses deletion", () => {
    const table = tableTemplate(true);
    expect(table.DeletionPolicy).toBe("Retain");
    expect(table.UpdateReplacePolicy).toBe("Retain");
    expect(table.Properties.DeletionProtectionEnabled).toBe(true);
  });

  test("a disposable stage's table is deleted with its stack", () => {
    const table = tableTemplate(false);
    expect(table.DeletionPolicy).toBe("Delete");
    expect(table.Properties.DeletionProtectionEnabled).toBe(false);
  });
});

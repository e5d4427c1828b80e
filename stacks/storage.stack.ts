import type { StackContext } from "sst/constructs";
import { SingleTable } from "@dealflow/infra/table.construct";
import { stageSettings } from "./stage-settings.ts";

export function Storage({ stack, app }: StackContext) {
  const { table } = new SingleTable(stack, "Data", { retain: stageSettings(app.stage).retainData });
  stack.addOutputs({ TableName: table.tableName });
  return { table };
}

import type { FunctionProps } from "sst/constructs";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import type { IEventBus } from "aws-cdk-lib/aws-events";
import type { IGrantable } from "aws-cdk-lib/aws-iam";
import type { IEmailIdentity } from "aws-cdk-lib/aws-ses";
import { envNames } from "@dealflow/core/config";

/** Every Lambda in the app: Node 22 on Graviton, bundled by SST's esbuild to ESM. */
export const functionDefaults: FunctionProps = {
  runtime: "nodejs22.x",
  architecture: "arm_64",
  memorySize: 512,
  timeout: 30,
  logRetention: "one_month",
  nodejs: { format: "esm" },
};

export interface RuntimeResources {
  readonly table: ITable;
  readonly bus: IEventBus;
  readonly mailFrom: string;
  readonly appUrl: string;
}

/** The variables `packages/core/src/config.ts` reads; names come from there so the two cannot drift. */
export function runtimeEnvironment(resources: RuntimeResources): Record<string, string> {
  return {
    [envNames.runtime]: "aws",
    [envNames.tableName]: resources.table.tableName,
    [envNames.eventBusName]: resources.bus.eventBusName,
    [envNames.mailFrom]: resources.mailFrom,
    [envNames.appUrl]: resources.appUrl,
  };
}

export interface RuntimeGrants {
  readonly table: ITable;
  readonly bus: IEventBus;
  readonly sender: IEmailIdentity;
}

/** Least privilege: this table and its indexes, PutEvents on this bus, sending as this identity only. */
export function grantRuntimeAccess(grantee: IGrantable, grants: RuntimeGrants): void {
  grants.table.grantReadWriteData(grantee);
  grants.bus.grantPutEventsTo(grantee);
  grants.sender.grantSendEmail(grantee);
}

import { RemovalPolicy } from "aws-cdk-lib";
import { AttributeType, BillingMode, ProjectionType, Table } from "aws-cdk-lib/aws-dynamodb";
import { Construct } from "constructs";
import { tableSchema } from "./table.ts";

export interface SingleTableProps {
  /** Keep the table (and refuse deletion) when its stack is removed; false only for disposable stages. */
  readonly retain: boolean;
}

const stringKey = (name: string) => ({ name, type: AttributeType.STRING });

/** The single DynamoDB table, built from the same `tableSchema` the local runtime creates its table from. */
export class SingleTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string, props: SingleTableProps) {
    super(scope, id);
    this.table = new Table(this, "Table", {
      partitionKey: stringKey(tableSchema.partitionKey),
      sortKey: stringKey(tableSchema.sortKey),
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: tableSchema.ttlAttribute,
      removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      deletionProtection: props.retain,
    });
    for (const index of tableSchema.globalIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: stringKey(index.partitionKey),
        sortKey: stringKey(index.sortKey),
        projectionType: ProjectionType.ALL,
      });
    }
  }
}

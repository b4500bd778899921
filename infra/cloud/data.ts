/**
 * The data of Yichuang in the cloud: the single table (built from the table definition in
 * functions/store/table.ts, the same data the local runtime's CreateTable reads), the Powertools
 * idempotency table and the domain event bus.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { KeyAttribute, TableDefinition } from '../../functions/store/table.ts';

const attributeTypes = { S: AttributeType.STRING, N: AttributeType.NUMBER } as const;

function attribute(key: KeyAttribute): { name: string; type: AttributeType } {
  return { name: key.name, type: attributeTypes[key.type] };
}

/**
 * Settings shared by both tables. Encryption uses the AWS-managed key (aws/dynamodb): every item is
 * encrypted with KMS and every use of the key is in CloudTrail, with no key policy to get wrong, no
 * $1/month per key and no grants the functions need. A customer-managed key would only add value
 * for crypto-shredding or cross-account control, which a single-account service centre does not use.
 */
const durable = {
  billingMode: BillingMode.PAY_PER_REQUEST,
  pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
  deletionProtection: true,
  removalPolicy: RemovalPolicy.RETAIN,
  encryption: TableEncryption.AWS_MANAGED,
} as const;

/** The actions a function needs to read and write items; no scans, no table management. */
export const tableReadActions = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
] as const;
export const tableWriteActions = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
] as const;
/** What the Powertools idempotency layer calls (Put/Get/Update/Delete on one item). */
export const idempotencyActions = [
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
] as const;

/** A table exactly as its definition says: keys, indexes (sparse ones need nothing special: DynamoDB
 * only indexes items that carry the key), expiry attribute. */
function tableFrom(scope: Construct, id: string, definition: TableDefinition): Table {
  const table = new Table(scope, id, {
    ...durable,
    partitionKey: attribute(definition.partitionKey),
    ...(definition.sortKey ? { sortKey: attribute(definition.sortKey) } : {}),
    timeToLiveAttribute: definition.timeToLiveAttribute,
  });
  for (const index of definition.globalIndexes) {
    table.addGlobalSecondaryIndex({
      indexName: index.name,
      partitionKey: attribute(index.partitionKey),
      ...(index.sortKey ? { sortKey: attribute(index.sortKey) } : {}),
    });
  }
  return table;
}

export interface DataProps {
  definition: TableDefinition;
  idempotencyDefinition: TableDefinition;
  /** Name of the domain event bus; the functions read it from EVENT_BUS_NAME. */
  eventBusName: string;
}

export class Data extends Construct {
  readonly table: Table;
  readonly idempotencyTable: Table;
  readonly bus: EventBus;
  readonly #definition: TableDefinition;

  constructor(scope: Construct, id: string, props: DataProps) {
    super(scope, id);
    const { definition } = props;
    this.#definition = definition;

    this.table = tableFrom(this, 'Table', definition);
    this.idempotencyTable = tableFrom(this, 'IdempotencyTable', props.idempotencyDefinition);

    this.bus = new EventBus(this, 'Bus', {
      eventBusName: props.eventBusName,
      description: 'Yichuang domain events (clock warnings, escalations, case transitions).',
    });
  }

  /** The table and each of its indexes by name: no `index/*` wildcard in any policy. */
  tableResources(): string[] {
    return [
      this.table.tableArn,
      ...this.#definition.globalIndexes.map((index) => `${this.table.tableArn}/index/${index.name}`),
    ];
  }

  readStatement(): PolicyStatement {
    return new PolicyStatement({ actions: [...tableReadActions], resources: this.tableResources() });
  }

  writeStatement(): PolicyStatement {
    return new PolicyStatement({ actions: [...tableWriteActions], resources: [this.table.tableArn] });
  }

  idempotencyStatement(): PolicyStatement {
    return new PolicyStatement({
      actions: [...idempotencyActions],
      resources: [this.idempotencyTable.tableArn],
    });
  }
}

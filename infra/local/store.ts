/**
 * The embedded store: dynalite (a DynamoDB-compatible server on LevelDB) with its data on disk,
 * and the tables created from the same definitions the CDK stack deploys.
 */
import { once } from 'node:events';
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import {
  type AttributeDefinition,
  type AttributeValue,
  BatchWriteItemCommand,
  CreateTableCommand,
  type CreateTableCommandInput,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ScanCommand,
  waitUntilTableExists,
  waitUntilTableNotExists,
} from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import type { TableDefinition } from '../../functions/store/table.ts';
import { tables } from '../../functions/store/table.ts';

export interface LocalStore {
  endpoint: string;
  client: DynamoDBClient;
  stop(): Promise<void>;
}

/** Credentials dynalite ignores but the SDK insists on. */
export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };
export const localRegion = 'local';

export function createTableInput(definition: TableDefinition, tableName: string): CreateTableCommandInput {
  const attributes = new Map<string, AttributeDefinition>();
  const keyAttributes = [
    definition.partitionKey,
    definition.sortKey,
    ...definition.globalIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
  ];
  for (const key of keyAttributes) {
    if (key) attributes.set(key.name, { AttributeName: key.name, AttributeType: key.type });
  }
  const keySchema = (partitionKey: { name: string }, sortKey?: { name: string }) => [
    { AttributeName: partitionKey.name, KeyType: 'HASH' as const },
    ...(sortKey ? [{ AttributeName: sortKey.name, KeyType: 'RANGE' as const }] : []),
  ];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes.values()],
    KeySchema: keySchema(definition.partitionKey, definition.sortKey),
    ...(definition.globalIndexes.length > 0
      ? {
          GlobalSecondaryIndexes: definition.globalIndexes.map((index) => ({
            IndexName: index.name,
            KeySchema: keySchema(index.partitionKey, index.sortKey),
            Projection: { ProjectionType: 'ALL' },
          })),
        }
      : {}),
  };
}

/** Locally each table is named by its logical name; the cloud's names come from the stack. */
export function localTableName(definition: TableDefinition): string {
  return definition.logicalName;
}

/**
 * A data directory made by an older version lacks the indexes added since. dynalite cannot add an
 * index to a table (it ignores `GlobalSecondaryIndexUpdates`), so the table is rebuilt: its items
 * read, the table made again from the definition, the items written back — `npm start` keeps the
 * data it kept.
 */
async function addMissingIndexes(client: DynamoDBClient, definition: TableDefinition, name: string) {
  const described = await client.send(new DescribeTableCommand({ TableName: name }));
  const present = new Set((described.Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  if (definition.globalIndexes.every((index) => present.has(index.name))) return false;
  const items: Record<string, AttributeValue>[] = [];
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({ TableName: name, ConsistentRead: true, ExclusiveStartKey: startKey }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  await client.send(new DeleteTableCommand({ TableName: name }));
  await waitUntilTableNotExists({ client, maxWaitTime: 30, minDelay: 1 }, { TableName: name });
  await client.send(new CreateTableCommand(createTableInput(definition, name)));
  await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 1 }, { TableName: name });
  for (let i = 0; i < items.length; i += 25) {
    let pending = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (pending.length > 0) {
      const result = await client.send(new BatchWriteItemCommand({ RequestItems: { [name]: pending } }));
      pending = (result.UnprocessedItems?.[name] ?? []) as typeof pending;
    }
  }
  return true;
}

export async function ensureTables(client: DynamoDBClient): Promise<string[]> {
  const existing = new Set((await client.send(new ListTablesCommand({}))).TableNames ?? []);
  const created: string[] = [];
  for (const definition of tables) {
    const name = localTableName(definition);
    if (existing.has(name)) {
      if (await addMissingIndexes(client, definition, name)) created.push(name);
      continue;
    }
    await client.send(new CreateTableCommand(createTableInput(definition, name)));
    await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 1 }, { TableName: name });
    created.push(name);
  }
  return created;
}

export async function startStore(dataDir: string): Promise<LocalStore> {
  const storeDir = path.join(dataDir, 'dynamodb');
  await mkdir(storeDir, { recursive: true });
  const server = dynalite({ path: storeDir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: localRegion, credentials: localCredentials });
  await ensureTables(client);
  return {
    endpoint,
    client,
    async stop() {
      client.destroy();
      // dynalite's close waits for open requests, then closes LevelDB, flushing what was written.
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

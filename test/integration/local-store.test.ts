import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  waitUntilTableExists,
  waitUntilTableNotExists,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { table } from '../../functions/store/table.ts';
import { createTableInput, localTableName, startStore } from '../../infra/local/store.ts';

/**
 * A data directory kept from an older version whose table lacks an index added since (gsi2):
 * dynalite cannot add an index, so the store rebuilds the table on start — with every item kept.
 */
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'yichuang-store-'));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('a data directory from before an index existed', () => {
  it('is rebuilt with the index on start, keeping every item', async () => {
    const name = localTableName(table);
    const older = { ...table, globalIndexes: table.globalIndexes.filter((index) => index.name !== 'gsi2') };
    const first = await startStore(dataDir);
    // dynalite deletes and creates tables asynchronously even at 0 ms: wait as the store itself does.
    await first.client.send(new DeleteTableCommand({ TableName: name }));
    await waitUntilTableNotExists(
      { client: first.client, maxWaitTime: 30, minDelay: 1 },
      { TableName: name },
    );
    await first.client.send(new CreateTableCommand(createTableInput(older, name)));
    await waitUntilTableExists({ client: first.client, maxWaitTime: 30, minDelay: 1 }, { TableName: name });
    const documents = DynamoDBDocumentClient.from(first.client);
    // More than one scan page's worth would need 1 MB; 60 items cross several batch writes.
    for (let i = 0; i < 60; i += 1) {
      await documents.send(
        new PutCommand({
          TableName: name,
          Item: { pk: `old#${i}`, sk: 'old', gsi1pk: 'kept', gsi1sk: String(i).padStart(2, '0'), n: i },
        }),
      );
    }
    await first.stop();

    const second = await startStore(dataDir);
    try {
      const described = await second.client.send(new DescribeTableCommand({ TableName: name }));
      expect(described.Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual(
        table.globalIndexes.map((index) => index.name).sort(),
      );
      const again = DynamoDBDocumentClient.from(second.client);
      const kept = await again.send(
        new QueryCommand({
          TableName: name,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :kept',
          ExpressionAttributeValues: { ':kept': 'kept' },
        }),
      );
      expect(kept.Items?.map((item) => item.n)).toEqual(Array.from({ length: 60 }, (_, i) => i));
      await again.send(
        new PutCommand({ TableName: name, Item: { pk: 'new', sk: 'new', gsi2pk: 'q', gsi2sk: '1' } }),
      );
      const listed = await again.send(
        new QueryCommand({
          TableName: name,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :q',
          ExpressionAttributeValues: { ':q': 'q' },
        }),
      );
      expect(listed.Items?.map((item) => item.pk)).toEqual(['new']);
    } finally {
      await second.stop();
    }
  });
});

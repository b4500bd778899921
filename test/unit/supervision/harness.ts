/**
 * A store for the supervision integration tests and the bench: an embedded dynalite with a fresh
 * table per test (same definition as the real one), cases saved through the real case store with
 * a chosen `now`, and the sweep run against that table with the local bus.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CreateTableCommand, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { CaseState } from '../../../functions/domain/cases/types.ts';
import type { ClockContext } from '../../../functions/domain/clocks/clock.ts';
import type { SupervisionEvent } from '../../../functions/domain/supervision/index.ts';
import { runSweep, type SweepOptions } from '../../../functions/jobs/sweep.ts';
import { insertCase, saveCase } from '../../../functions/store/cases/cases.ts';
import { localEventBus } from '../../../functions/store/supervision/event-bus.ts';
import { table } from '../../../functions/store/table.ts';
import {
  createTableInput,
  type LocalStore,
  localCredentials,
  localRegion,
  startStore,
} from '../../../infra/local/store.ts';

export interface Harness {
  store: LocalStore;
  client: DynamoDBDocumentClient;
  stop(): Promise<void>;
  newTable(): Promise<string>;
}

let tables = 0;

export async function startHarness(): Promise<Harness> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'yichuang-supervision-'));
  const store = await startStore(dataDir);
  // The case store's own client reads these, as a Lambda function would.
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: store.endpoint,
    AWS_REGION: localRegion,
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    POWERTOOLS_LOG_LEVEL: 'ERROR',
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
  const client = DynamoDBDocumentClient.from(store.client, {
    marshallOptions: { removeUndefinedValues: true },
  });
  return {
    store,
    client,
    async newTable() {
      tables += 1;
      const name = `supervision-${process.pid}-${tables}`;
      await store.client.send(new CreateTableCommand(createTableInput(table, name)));
      await waitUntilTableExists({ client: store.client, maxWaitTime: 30, minDelay: 1 }, { TableName: name });
      return name;
    },
    async stop() {
      await store.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export const sealed = { applicantSealed: 'sealed', queryCodeSalt: 'salt', queryCodeHash: 'hash' };

/** Stores a new case (any version) as intake would. */
export async function createCase(tableName: string, state: CaseState, now: string, ctx: ClockContext) {
  await insertCase(tableName, { state, ...sealed }, now, ctx);
}

/** Writes a case after a command, with the case store's one conditional write. */
export async function updateCase(tableName: string, state: CaseState, now: string, ctx: ClockContext) {
  await saveCase(tableName, state, now, ctx);
}

export function sweepAt(
  h: Harness,
  tableName: string,
  ctx: ClockContext,
  now: string,
  options: SweepOptions = {},
) {
  return runSweep(new Date(now), {
    tableName,
    client: h.client,
    bus: localEventBus(tableName, h.client),
    clocks: ctx,
    marginMs: 0,
    ...options,
  });
}

export async function scanAll(h: Harness, tableName: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await h.client.send(
      new ScanCommand({ TableName: tableName, ...(startKey ? { ExclusiveStartKey: startKey } : {}) }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** Every event on the local bus of the table, in event-id order. */
export async function busEvents(h: Harness, tableName: string): Promise<SupervisionEvent[]> {
  return (await scanAll(h, tableName))
    .filter((item) => String(item.pk).startsWith('bus#'))
    .map((item) => item.detail as SupervisionEvent)
    .sort((a, b) => a.eventId.localeCompare(b.eventId));
}

export async function caseItem(h: Harness, tableName: string, caseNo: string) {
  return (
    await h.client.send(
      new GetCommand({
        TableName: tableName,
        Key: { pk: `case#${caseNo}`, sk: 'case' },
        ConsistentRead: true,
      }),
    )
  ).Item as Record<string, unknown>;
}

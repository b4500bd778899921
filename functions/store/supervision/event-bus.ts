/**
 * The event bus port for supervision events. In the cloud: EventBridge PutEvents on EVENT_BUS_NAME,
 * with the deterministic event id in `detail.eventId` for consumers to dedupe on (EventBridge itself
 * is at-least-once). Locally there is no EventBridge: the bus is items in the same table
 * (`pk = bus#<day of the event>`, `sk = <eventId>`), so the function host worker and the API see
 * the same bus and an event id is stored once however often it is published: events announced for
 * the first time go in batches of 25, a replay (an outbox another run may have published in part)
 * is put with `attribute_not_exists`, which tells the duplicates apart.
 *
 * Mode: EVENT_BUS_MODE=local|eventbridge; without it, a bus name starting with `local` or ending
 * with `-local` (the local runtime's `yichuang-local`) is the local bus.
 */
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { envNames, readFunctionEnvironment } from '../../config/env.ts';
import { eventSource, type SupervisionEvent } from '../../domain/supervision/index.ts';
import { dynamoDocumentClient } from '../client.ts';
import { batchPut, mapBounded, putOnce } from './writes.ts';

export interface PublishResult {
  /** Events the bus accepted now. */
  published: number;
  /** Events the bus already had (local bus only: a republish after a crash or a race). */
  duplicates: number;
}

export interface PublishOptions {
  /** The events come from an outbox another run recorded: some may be on the bus already. */
  replay?: boolean;
}

export interface EventBus {
  readonly mode: 'local' | 'eventbridge';
  publish(events: readonly SupervisionEvent[], options?: PublishOptions): Promise<PublishResult>;
}

export const eventBusModeEnv = 'EVENT_BUS_MODE';

/** Local bus items expire after this many days (the cloud expires them; dynalite keeps them). */
const localBusRetentionDays = 90;

export function localBusPartition(occurredAt: string): string {
  return `bus#${occurredAt.slice(0, 10)}`;
}

export function localEventBus(
  tableName: string,
  client: DynamoDBDocumentClient = dynamoDocumentClient(),
): EventBus {
  const busItem = (event: SupervisionEvent) => ({
    pk: localBusPartition(event.occurredAt),
    sk: event.eventId,
    type: 'bus-event',
    source: eventSource,
    detailType: event.type,
    detail: event,
    publishedAt: new Date().toISOString(),
    expiresAt: Math.floor(Date.now() / 1000) + localBusRetentionDays * 86_400,
  });
  return {
    mode: 'local',
    async publish(events, options = {}) {
      if (!options.replay) {
        return { published: await batchPut(client, tableName, events.map(busItem)), duplicates: 0 };
      }
      const created = await mapBounded(events, 4, (event) => putOnce(client, tableName, busItem(event)));
      const published = created.filter(Boolean).length;
      return { published, duplicates: created.length - published };
    },
  };
}

/** What a local bus holds for one day (`YYYY-MM-DD`, Beijing date of the events). */
export async function readLocalBus(
  tableName: string,
  day: string,
  client: DynamoDBDocumentClient = dynamoDocumentClient(),
): Promise<SupervisionEvent[]> {
  const events: SupervisionEvent[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `bus#${day}` },
        ConsistentRead: true,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    for (const item of page.Items ?? []) events.push(item.detail as SupervisionEvent);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return events;
}

let eventBridge: EventBridgeClient | undefined;

/** EventBridge's limit of entries per PutEvents. */
const putEventsLimit = 10;
const putEventsAttempts = 3;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * PutEvents in batches of 10, four batches at once. Entries EventBridge fails (throttling, an
 * internal error) are sent again, twice, with backoff; if some still fail the publish throws, so
 * the outbox stays for the retry. A resent entry may reach consumers twice: they dedupe on
 * `detail.eventId`.
 */
export function eventBridgeBus(busName: string, client?: EventBridgeClient): EventBus {
  return {
    mode: 'eventbridge',
    async publish(events) {
      // Loaded on the first publish: most sweeps announce nothing, and a bundle would otherwise load
      // the client at every cold start.
      const { EventBridgeClient, PutEventsCommand } = await import('@aws-sdk/client-eventbridge');
      if (!client) eventBridge ??= new EventBridgeClient({});
      const sender = client ?? (eventBridge as EventBridgeClient);
      const batches: SupervisionEvent[][] = [];
      for (let i = 0; i < events.length; i += putEventsLimit)
        batches.push(events.slice(i, i + putEventsLimit));
      await mapBounded(batches, 4, async (batch) => {
        let pending = batch;
        let refusals: string[] = [];
        for (let attempt = 0; pending.length > 0; attempt += 1) {
          if (attempt === putEventsAttempts) {
            throw new Error(
              `EventBridge refused ${pending.length} of ${batch.length} events: ${refusals.join('; ')}`,
            );
          }
          if (attempt > 0) await wait(100 * 2 ** attempt);
          const result = await sender.send(
            new PutEventsCommand({
              Entries: pending.map((event) => ({
                EventBusName: busName,
                Source: eventSource,
                DetailType: event.type,
                Time: new Date(event.occurredAt),
                Resources: [],
                Detail: JSON.stringify(event),
              })),
            }),
          );
          if ((result.FailedEntryCount ?? 0) === 0) break;
          // The result's entries are in the order of the request's: a failed one has an ErrorCode.
          const entries = result.Entries ?? [];
          refusals = entries
            .filter((entry) => entry.ErrorCode)
            .map((entry) => `${entry.ErrorCode} ${entry.ErrorMessage ?? ''}`.trim());
          pending = pending.filter((_, i) => entries[i]?.ErrorCode !== undefined || entries[i] === undefined);
        }
      });
      return { published: events.length, duplicates: 0 };
    },
  };
}

export function isLocalBus(env: NodeJS.ProcessEnv = process.env): boolean {
  const mode = env[eventBusModeEnv];
  if (mode) return mode === 'local';
  const name = env[envNames.eventBusName] ?? '';
  return name.startsWith('local') || name.endsWith('-local');
}

/** The bus the environment names: local (table items) or EventBridge. */
export function eventBusFromEnvironment(env: NodeJS.ProcessEnv = process.env): EventBus {
  const { tableName, eventBusName } = readFunctionEnvironment(env);
  return isLocalBus(env) ? localEventBus(tableName) : eventBridgeBus(eventBusName);
}

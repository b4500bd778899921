/**
 * The event bus port for supervision events. In the cloud: EventBridge PutEvents on EVENT_BUS_NAME,
 * with the deterministic event id in `detail.eventId` for consumers to dedupe on (EventBridge itself
 * is at-least-once). Locally there is no EventBridge: the bus is items in the same table
 * (`pk = bus#<day of the event>`, `sk = <eventId>`), written with `attribute_not_exists`, so the
 * function host worker and the API see the same bus and an event id is stored once however often
 * it is published.
 *
 * Mode: EVENT_BUS_MODE=local|eventbridge; without it, a bus name starting with `local` or ending
 * with `-local` (the local runtime's `yichuang-local`) is the local bus.
 */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { envNames, readFunctionEnvironment } from '../../config/env.ts';
import { eventSource, type SupervisionEvent } from '../../domain/supervision/index.ts';
import { dynamoDocumentClient } from '../client.ts';
import { isConditionFailure } from '../conditional-write.ts';

export interface PublishResult {
  /** Events the bus accepted now. */
  published: number;
  /** Events the bus already had (local bus only: a republish after a crash or a race). */
  duplicates: number;
}

export interface EventBus {
  readonly mode: 'local' | 'eventbridge';
  publish(events: readonly SupervisionEvent[]): Promise<PublishResult>;
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
  return {
    mode: 'local',
    async publish(events) {
      let published = 0;
      let duplicates = 0;
      for (const event of events) {
        try {
          await client.send(
            new PutCommand({
              TableName: tableName,
              Item: {
                pk: localBusPartition(event.occurredAt),
                sk: event.eventId,
                type: 'bus-event',
                source: eventSource,
                detailType: event.type,
                detail: event,
                publishedAt: new Date().toISOString(),
                expiresAt: Math.floor(Date.now() / 1000) + localBusRetentionDays * 86_400,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            }),
          );
          published += 1;
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
          duplicates += 1;
        }
      }
      return { published, duplicates };
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

export function eventBridgeBus(busName: string, client?: EventBridgeClient): EventBus {
  return {
    mode: 'eventbridge',
    async publish(events) {
      eventBridge ??= new EventBridgeClient({});
      const sender = client ?? eventBridge;
      let published = 0;
      for (let i = 0; i < events.length; i += 10) {
        const batch = events.slice(i, i + 10);
        const result = await sender.send(
          new PutEventsCommand({
            Entries: batch.map((event) => ({
              EventBusName: busName,
              Source: eventSource,
              DetailType: event.type,
              Time: new Date(event.occurredAt),
              Resources: [],
              Detail: JSON.stringify(event),
            })),
          }),
        );
        if ((result.FailedEntryCount ?? 0) > 0) {
          const failed = (result.Entries ?? []).filter((entry) => entry.ErrorCode);
          throw new Error(
            `EventBridge refused ${result.FailedEntryCount} of ${batch.length} events: ${failed
              .map((entry) => `${entry.ErrorCode} ${entry.ErrorMessage ?? ''}`)
              .join('; ')}`,
          );
        }
        published += batch.length;
      }
      return { published, duplicates: 0 };
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

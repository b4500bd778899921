/**
 * Counting what a bench's store requests cost, on the store modules' own document client: the
 * requests by command, the conditional writes refused, the items a query examined and the items
 * every read returned. `snapshot()` starts a measurement; calling what it returns ends it.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface RequestCounts {
  /** Requests of one command (`QueryCommand`, `UpdateCommand`, `PutCommand`…). */
  sent(command: string): number;
  /** Conditional writes refused (ConditionalCheckFailedException). */
  failed: number;
  /** Items the queries examined (ScannedCount). */
  queried: number;
  /** Items the reads returned (Query, GetItem, BatchGetItem). */
  returned: number;
}

export function countRequests(client: DynamoDBDocumentClient, name: string) {
  const sent = new Map<string, number>();
  let failed = 0;
  let queried = 0;
  let returned = 0;
  // The document client shares the base client's stack, so each request passes the counter twice
  // with the same arguments: count it once.
  const counted = new WeakSet<object>();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (counted.has(args)) return next(args);
      counted.add(args);
      const command = (context.commandName ?? 'unknown').replace('ItemCommand', 'Command');
      sent.set(command, (sent.get(command) ?? 0) + 1);
      try {
        const result = await next(args);
        const output = result.output as {
          Count?: number;
          ScannedCount?: number;
          Items?: unknown[];
          Item?: unknown;
          Responses?: Record<string, unknown[]>;
        };
        if (command === 'QueryCommand') queried += output.ScannedCount ?? output.Count ?? 0;
        returned += (output.Items?.length ?? 0) + (output.Item ? 1 : 0);
        for (const items of Object.values(output.Responses ?? {})) returned += items.length;
        return result;
      } catch (error) {
        if ((error as { name?: string }).name === 'ConditionalCheckFailedException') failed += 1;
        throw error;
      }
    },
    { step: 'initialize', name },
  );
  return {
    snapshot(): () => RequestCounts {
      const before = { sent: new Map(sent), failed, queried, returned };
      return () => {
        const after = new Map(sent);
        return {
          sent: (command: string) => (after.get(command) ?? 0) - (before.sent.get(command) ?? 0),
          failed: failed - before.failed,
          queried: queried - before.queried,
          returned: returned - before.returned,
        };
      };
    },
  };
}

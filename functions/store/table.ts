/**
 * The one table definition, kept as plain data. The CDK stack and the local runtime's CreateTable
 * both read it, so the cloud and the embedded store cannot drift apart.
 */
export type KeyType = 'S' | 'N';

export interface KeyAttribute {
  name: string;
  type: KeyType;
}

export interface GlobalIndexDefinition {
  name: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  /** Why the index exists and who reads it. */
  purpose: string;
  /** Sparse: only items that carry the partition key attribute appear in the index. */
  sparse: boolean;
}

export interface TableDefinition {
  /** Logical name; the deployed name comes from the environment (TABLE_NAME). */
  logicalName: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  globalIndexes: readonly GlobalIndexDefinition[];
  /** Expiry attribute (epoch seconds). dynalite does not expire items; the cloud does. */
  timeToLiveAttribute: string;
}

/**
 * Running clocks are spread over this many shards so no single index partition takes every
 * write; the sweep queries each shard for "next check ≤ now".
 */
export const clockShardCount = 8;

export const table: TableDefinition = {
  logicalName: 'yichuang',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  globalIndexes: [
    {
      name: 'gsi1',
      partitionKey: { name: 'gsi1pk', type: 'S' },
      sortKey: { name: 'gsi1sk', type: 'S' },
      purpose: 'Work queues and listings: a window or a department with items ordered by due instant.',
      sparse: true,
    },
    {
      name: 'gsi2',
      partitionKey: { name: 'gsi2pk', type: 'S' },
      sortKey: { name: 'gsi2sk', type: 'S' },
      purpose:
        'A second listing for items that belong to two at once: a rating is in its month’s figures (gsi1) and, while its rectification is open, in the handler’s window queue (gsi2).',
      sparse: true,
    },
    {
      name: 'clocks',
      partitionKey: { name: 'clockShard', type: 'S' },
      sortKey: { name: 'nextCheckAt', type: 'S' },
      purpose:
        'Running clocks only (sparse, sharded): the supervision sweep reads "nextCheckAt ≤ now" per shard, so its reads follow the due items, not the open ones.',
      sparse: true,
    },
    {
      name: 'figures',
      partitionKey: { name: 'figuresShard', type: 'S' },
      sortKey: { name: 'figuresDueAt', type: 'S' },
      purpose:
        'Sources (cases, complaints, ratings, cards) whose change is not yet in the kept figures (sparse, sharded): the figures job reads "figuresDueAt ≤ now − a grace" per shard, so it finds what an interrupted request left, reading only that.',
      sparse: true,
    },
  ],
  timeToLiveAttribute: 'expiresAt',
};

function shardOf(id: string, count: number): number {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return hash % count;
}

/** The shard key for a clock owner; stable, so an item stays on its shard for its whole life. */
export function clockShardFor(ownerId: string): string {
  return `clock#${shardOf(ownerId, clockShardCount)}`;
}

/** Sources waiting for the kept figures are spread over this many shards of the `figures` index. */
export const figuresShardCount = 8;

export const figuresShards: readonly string[] = Array.from(
  { length: figuresShardCount },
  (_, i) => `figures#${i}`,
);

export function figuresShardFor(sourceId: string): string {
  return figuresShards[shardOf(sourceId, figuresShardCount)] as string;
}

/** Powertools idempotency records (the `Idempotency-Key` of intake and other retried commands). */
export const idempotencyTable: TableDefinition = {
  logicalName: 'yichuang-idempotency',
  partitionKey: { name: 'id', type: 'S' },
  globalIndexes: [],
  timeToLiveAttribute: 'expiration',
};

export const tables: readonly TableDefinition[] = [table, idempotencyTable];

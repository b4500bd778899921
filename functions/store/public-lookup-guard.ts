/**
 * Guards of the public progress lookup, as counters with `ADD` (dynalite expires nothing, so each
 * item stores the instants it is valid until and the code checks them; the cloud's TTL attribute
 * cleans up):
 *
 * - per client: `ratelimit#client#<keyed hash of the source address>` / `<window start>`, a
 *   fixed-window count — the address itself is never stored;
 * - per case number: `lookup#<caseNo>` / `guard` — attempts in the current window, wrong codes in
 *   it, and `lockedUntil` once too many were wrong. An unknown number gets the same item and the
 *   same counting as a known one, so neither the answers nor the lock tell them apart.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from './client.ts';
import { isConditionFailure } from './conditional-write.ts';
import { table } from './table.ts';

export const lookupLimits = {
  /** Lookups per client address per window. */
  clientPerWindow: 60,
  clientWindowMs: 10 * 60_000,
  /** Lookups per case number per window. */
  casePerWindow: 30,
  caseWindowMs: 60 * 60_000,
  /** Wrong codes per case number per window before the lookup locks. */
  failuresBeforeLock: 5,
  lockMs: 60 * 60_000,
} as const;

export type GuardVerdict =
  | { ok: true; failures: number }
  | { ok: false; reason: 'client-rate' | 'case-rate' | 'locked'; retryAfterSeconds: number };

const expiry = (ms: number) => Math.floor(ms / 1000) + 86_400;

/** A per-client limit counted apart from the lookups' (the queue tickets' own, for instance). */
export interface ClientLimit {
  /** Part of the counter's key: `ratelimit#<scope>#<hash>`. */
  scope: string;
  perWindow: number;
  windowMs: number;
}

const lookupClientLimit = {
  perWindow: lookupLimits.clientPerWindow,
  windowMs: lookupLimits.clientWindowMs,
} as const;

/** Counts one lookup by the client (or one request under `limit`); refuses past the limit. */
export async function countClient(
  tableName: string,
  clientHash: string,
  nowMs: number,
  limit?: ClientLimit,
): Promise<GuardVerdict> {
  const { perWindow, windowMs } = limit ?? lookupClientLimit;
  const start = nowMs - (nowMs % windowMs);
  const result = await dynamoDocumentClient().send(
    new UpdateCommand({
      TableName: tableName,
      Key: {
        pk: limit ? `ratelimit#${limit.scope}#${clientHash}` : `ratelimit#client#${clientHash}`,
        sk: String(start),
      },
      UpdateExpression: 'ADD #count :one SET #expires = :expires',
      ExpressionAttributeNames: { '#count': 'count', '#expires': table.timeToLiveAttribute },
      ExpressionAttributeValues: { ':one': 1, ':expires': expiry(start + windowMs) },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  const count = Number(result.Attributes?.count);
  if (count > perWindow) {
    return {
      ok: false,
      reason: 'client-rate',
      retryAfterSeconds: Math.ceil((start + windowMs - nowMs) / 1000),
    };
  }
  return { ok: true, failures: 0 };
}

const guardKey = (caseNo: string) => ({ pk: `lookup#${caseNo}`, sk: 'guard' });

/**
 * Counts one lookup of a case number: within the current window `ADD attempts`, else a new window.
 * Refuses while locked or past the per-case limit.
 */
export async function countCase(tableName: string, caseNo: string, nowMs: number): Promise<GuardVerdict> {
  const client = dynamoDocumentClient();
  const cutoff = nowMs - lookupLimits.caseWindowMs;
  const names = {
    '#start': 'windowStart',
    '#attempts': 'attempts',
    '#failures': 'failures',
    '#expires': table.timeToLiveAttribute,
  };
  let attributes: Record<string, unknown> | undefined;
  for (let attempt = 0; attempt < 3 && !attributes; attempt += 1) {
    try {
      attributes = (
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: guardKey(caseNo),
            UpdateExpression: 'ADD #attempts :one',
            ConditionExpression: 'attribute_exists(#start) AND #start > :cutoff',
            ExpressionAttributeNames: { '#start': names['#start'], '#attempts': names['#attempts'] },
            ExpressionAttributeValues: { ':one': 1, ':cutoff': cutoff },
            ReturnValues: 'ALL_NEW',
          }),
        )
      ).Attributes;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      try {
        attributes = (
          await client.send(
            new UpdateCommand({
              TableName: tableName,
              Key: guardKey(caseNo),
              UpdateExpression: 'SET #start = :now, #attempts = :one, #failures = :zero, #expires = :expires',
              ConditionExpression: 'attribute_not_exists(#start) OR #start <= :cutoff',
              ExpressionAttributeNames: names,
              ExpressionAttributeValues: {
                ':now': nowMs,
                ':one': 1,
                ':zero': 0,
                ':cutoff': cutoff,
                ':expires': expiry(nowMs + lookupLimits.caseWindowMs + lookupLimits.lockMs),
              },
              ReturnValues: 'ALL_NEW',
            }),
          )
        ).Attributes;
      } catch (inner) {
        if (!isConditionFailure(inner)) throw inner;
        // Another lookup opened the window first: count in it.
      }
    }
  }
  const lockedUntil = Number(attributes?.lockedUntil ?? 0);
  if (lockedUntil > nowMs) {
    return { ok: false, reason: 'locked', retryAfterSeconds: Math.ceil((lockedUntil - nowMs) / 1000) };
  }
  const failures = Number(attributes?.failures ?? 0);
  const windowEnd = Number(attributes?.windowStart ?? nowMs) + lookupLimits.caseWindowMs;
  if (failures >= lookupLimits.failuresBeforeLock) {
    return { ok: false, reason: 'locked', retryAfterSeconds: Math.ceil((windowEnd - nowMs) / 1000) };
  }
  if (Number(attributes?.attempts ?? 0) > lookupLimits.casePerWindow) {
    return { ok: false, reason: 'case-rate', retryAfterSeconds: Math.ceil((windowEnd - nowMs) / 1000) };
  }
  return { ok: true, failures };
}

/** Records a wrong code (or an unknown number); the one that reaches the limit locks the lookup. */
export async function recordFailure(
  tableName: string,
  caseNo: string,
  nowMs: number,
  failuresBefore: number,
): Promise<void> {
  const locks = failuresBefore + 1 >= lookupLimits.failuresBeforeLock;
  await dynamoDocumentClient().send(
    new UpdateCommand({
      TableName: tableName,
      Key: guardKey(caseNo),
      UpdateExpression: `ADD #failures :one${locks ? ' SET #locked = :until' : ''}`,
      ExpressionAttributeNames: { '#failures': 'failures', ...(locks ? { '#locked': 'lockedUntil' } : {}) },
      ExpressionAttributeValues: { ':one': 1, ...(locks ? { ':until': nowMs + lookupLimits.lockMs } : {}) },
    }),
  );
}

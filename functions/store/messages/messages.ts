/**
 * Messages to visitors in the single table: the outbox the messages job drains. One item per
 * message; queueing is one put, every attempt two conditional writes (the claim, the outcome).
 *
 *   pk = message#<id>   sk = message   type = 'message'
 *   data            the message value (domain/messages/message.ts): masked phone, text, attempts
 *   version, status copies for conditions and the desk's filter
 *   phoneSealed     the phone, sealed with the personal-data cipher (context `message:<id>`), when
 *                   the caller handed one over (a booking)
 *   phoneRef        or where the phone is already sealed: `{ kind: 'case', caseNo }` (the
 *                   applicant's) or `{ kind: 'ticket', date, ticketNo }` (the visitor's) — opened
 *                   only by the job, at sending time
 *   contentSealed   for a message that shows a secret masked (a booking code): its text and
 *                   parameters in clear, sealed (context `message-content:<id>`); removed once the
 *                   message is sent, given up or withdrawn
 *   gsi1pk/gsi1sk   only while due (sparse): `messages#due` / `<nextAttemptAt>#<id>`; the job reads
 *                   "next attempt ≤ now", so its reads follow the due messages, not the sent ones
 *   gsi2pk/gsi2sk   the day's messages for the desk: `messages#<date>` / `<createdAt>#<id>`
 *
 * A message whose event happens once has a deterministic id, and its put has
 * `attribute_not_exists(pk)`: queueing it twice (a retried call, two windows calling at once)
 * makes one message.
 */
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CivilDate } from '../../domain/calendar/civil.ts';
import { civilDateAt } from '../../domain/calendar/instant.ts';
import type { Message } from '../../domain/messages/message.ts';
import { dynamoDocumentClient } from '../client.ts';
import { isConditionFailure, setAndRemove } from '../conditional-write.ts';
import { putOnce } from '../supervision/writes.ts';
import { table } from '../table.ts';

/** Where the phone of a message is sealed, when not on the message itself. */
export type PhoneRef =
  | { kind: 'case'; caseNo: string }
  | { kind: 'ticket'; date: CivilDate; ticketNo: string };

export type PhoneSource = { sealed: string } | { ref: PhoneRef };

export interface StoredMessage {
  message: Message;
  phone: PhoneSource;
  /** The text and parameters in clear of a message that shows a secret masked, sealed. */
  contentSealed?: string;
}

export const dueMessagesPartition = 'messages#due';

export function messageKey(id: string) {
  return { pk: `message#${id}`, sk: 'message' };
}

/** The context a message's own sealed phone is bound to. */
export function messagePhoneContext(id: string): string {
  return `message:${id}`;
}

/** The context a message's sealed content in clear is bound to. */
export function messageContentContext(id: string): string {
  return `message-content:${id}`;
}

const retentionDays = 400;

function dueAttributes(message: Message) {
  return {
    gsi1pk: message.nextAttemptAt ? dueMessagesPartition : null,
    gsi1sk: message.nextAttemptAt ? `${message.nextAttemptAt}#${message.id}` : null,
  };
}

/** Queues a message; false when one with its id exists already (nothing written). */
export async function putMessage(tableName: string, stored: StoredMessage): Promise<boolean> {
  const { message, phone, contentSealed } = stored;
  const due = dueAttributes(message);
  return putOnce(dynamoDocumentClient(), tableName, {
    ...messageKey(message.id),
    type: 'message',
    data: message,
    version: message.version,
    status: message.status,
    ...('sealed' in phone ? { phoneSealed: phone.sealed } : { phoneRef: phone.ref }),
    ...(contentSealed ? { contentSealed } : {}),
    ...(due.gsi1pk && due.gsi1sk ? { gsi1pk: due.gsi1pk, gsi1sk: due.gsi1sk } : {}),
    gsi2pk: `messages#${civilDateAt(message.createdAt)}`,
    gsi2sk: `${message.createdAt}#${message.id}`,
    [table.timeToLiveAttribute]: Math.floor(Date.parse(message.createdAt) / 1000) + retentionDays * 86_400,
  });
}

function fromItem(item: Record<string, unknown>): StoredMessage {
  return {
    message: item.data as Message,
    phone:
      typeof item.phoneSealed === 'string'
        ? { sealed: item.phoneSealed }
        : { ref: item.phoneRef as PhoneRef },
    ...(typeof item.contentSealed === 'string' ? { contentSealed: item.contentSealed } : {}),
  };
}

export async function loadMessage(tableName: string, id: string): Promise<StoredMessage | undefined> {
  const result = await dynamoDocumentClient().send(
    new GetCommand({ TableName: tableName, Key: messageKey(id), ConsistentRead: true }),
  );
  return result.Item ? fromItem(result.Item) : undefined;
}

/** The message changed since it was read (another run of the job claimed it). */
export class MessageConflictError extends Error {
  override readonly name = 'MessageConflictError';
  constructor(readonly id: string) {
    super(`Message ${id} changed meanwhile.`);
  }
}

/**
 * Writes the next value of a message decided on `previous`: one write conditional on its version.
 * A message no longer due (sent, given up, withdrawn) drops its sealed content: the secret in it
 * is kept only while it may still be sent.
 */
export async function saveMessage(tableName: string, previous: Message, next: Message): Promise<void> {
  try {
    await dynamoDocumentClient().send(
      new UpdateCommand({
        TableName: tableName,
        Key: messageKey(next.id),
        ConditionExpression: '#version = :expected',
        ...setAndRemove(
          { data: next, version: next.version, status: next.status, ...dueAttributes(next) },
          next.nextAttemptAt ? [] : ['contentSealed'],
          { '#version': 'version' },
          { ':expected': previous.version },
        ),
      }),
    );
  } catch (error) {
    if (isConditionFailure(error)) throw new MessageConflictError(next.id);
    throw error;
  }
}

/** Messages whose next attempt is due at `nowInstant`, earliest first, a page at a time. */
export async function dueMessages(
  tableName: string,
  nowInstant: string,
  limit: number,
  startKey?: Record<string, unknown>,
): Promise<{ items: StoredMessage[]; next?: Record<string, unknown> }> {
  const result = await dynamoDocumentClient().send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :due AND gsi1sk <= :upTo',
      ExpressionAttributeValues: { ':due': dueMessagesPartition, ':upTo': `${nowInstant}#\uffff` },
      Limit: limit,
      ...(startKey ? { ExclusiveStartKey: startKey } : {}),
    }),
  );
  return {
    items: (result.Items ?? []).map(fromItem),
    ...(result.LastEvaluatedKey ? { next: result.LastEvaluatedKey } : {}),
  };
}

/** A cursor that is not one of this day's listing. */
export class MessageCursorError extends Error {
  override readonly name = 'MessageCursorError';
}

function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodeCursor(text: string, partition: string): Record<string, unknown> {
  try {
    const key = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (key.gsi2pk === partition && typeof key.pk === 'string' && typeof key.gsi2sk === 'string') return key;
  } catch {
    // fall through
  }
  throw new MessageCursorError('The cursor does not belong to this listing.');
}

/** The messages queued on one day, newest first, a page at a time (the desk's outbox). */
export async function messagesOfDay(
  tableName: string,
  date: CivilDate,
  limit: number,
  cursor?: string,
): Promise<{ items: Message[]; nextCursor: string | null }> {
  const partition = `messages#${date}`;
  const result = await dynamoDocumentClient().send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :day',
      ExpressionAttributeValues: { ':day': partition },
      ScanIndexForward: false,
      Limit: limit,
      ...(cursor ? { ExclusiveStartKey: decodeCursor(cursor, partition) } : {}),
    }),
  );
  return {
    items: (result.Items ?? []).map((item) => item.data as Message),
    nextCursor: result.LastEvaluatedKey ? encodeCursor(result.LastEvaluatedKey) : null,
  };
}

/**
 * The sweep's batched writes against dynalite, with DynamoDB's throttling injected (the only mock
 * here): what a batch leaves unprocessed is sent again until everything is written, and a batch
 * that never gets through fails the write instead of dropping items.
 */
import { BatchGetCommand, BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClock } from '../../functions/domain/clocks/clock.ts';
import {
  answerCard,
  buildEvents,
  cardFor,
  levelChanges,
  type Subject,
} from '../../functions/domain/supervision/index.ts';
import { loadCard, recordNewCards, saveCardAnswer } from '../../functions/store/supervision/supervision.ts';
import { batchPut, existingKeys } from '../../functions/store/supervision/writes.ts';
import { clocks } from '../unit/cases/fixtures.ts';
import { type Harness, scanAll, startHarness } from '../unit/supervision/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

type Requests = Record<string, Record<string, unknown>[]>;

/**
 * Passes each batch request through with only its first `served` entries (or keys); the rest come
 * back unprocessed, as DynamoDB returns them when a partition is throttled. Records request sizes.
 */
function throttling(client: DynamoDBDocumentClient, served: (call: number) => number) {
  const sizes: number[] = [];
  let calls = 0;
  const send = async (command: { input: unknown }) => {
    const forward = (c: unknown) => (client.send as (c: unknown) => Promise<Record<string, unknown>>)(c);
    if (command instanceof BatchWriteCommand) {
      const [[table, requests] = ['', []]] = Object.entries(command.input.RequestItems as Requests);
      sizes.push(requests.length);
      const n = served(calls++);
      if (n > 0) await forward(new BatchWriteCommand({ RequestItems: { [table]: requests.slice(0, n) } }));
      const rest = requests.slice(n);
      return { UnprocessedItems: rest.length > 0 ? { [table]: rest } : {} };
    }
    if (command instanceof BatchGetCommand) {
      const input = command.input.RequestItems as Record<string, { Keys: Record<string, unknown>[] }>;
      const [[table, request] = ['', { Keys: [] }]] = Object.entries(input);
      sizes.push(request.Keys.length);
      const n = served(calls++);
      const result = await forward(
        new BatchGetCommand({
          ...command.input,
          RequestItems: { [table]: { ...request, Keys: request.Keys.slice(0, n) } },
        }),
      );
      const rest = request.Keys.slice(n);
      return { ...result, UnprocessedKeys: rest.length > 0 ? { [table]: { ...request, Keys: rest } } : {} };
    }
    return forward(command);
  };
  const proxy = new Proxy(client, { get: (t, key) => (key === 'send' ? send : Reflect.get(t, key)) });
  return { client: proxy, sizes };
}

const items = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    pk: `inbox#test`,
    sk: String(i).padStart(3, '0'),
    type: 'inbox',
    n: i,
  }));

describe('batched puts', () => {
  it('send what a batch left unprocessed again until every item is written, each key once', async () => {
    const tableName = await h.newTable();
    const throttled = throttling(h.client, (call) => (call % 2 === 0 ? 7 : 25));
    const written = await batchPut(throttled.client, tableName, [...items(60), ...items(10)], 2);
    expect(written).toBe(60);
    expect(Math.max(...throttled.sizes)).toBeLessThanOrEqual(25);
    expect(throttled.sizes.length).toBeGreaterThan(3);
    const stored = (await scanAll(h, tableName)).filter((item) => item.pk === 'inbox#test');
    expect(stored.map((item) => item.n).sort((a, b) => Number(a) - Number(b))).toEqual(
      items(60).map((i) => i.n),
    );
  });

  it('fail, rather than drop items, when a batch never gets through', async () => {
    const tableName = await h.newTable();
    const stuck = throttling(h.client, () => 0);
    await expect(batchPut(stuck.client, tableName, items(3))).rejects.toThrow(/unprocessed/);
  });
});

describe('the existence check', () => {
  it('asks again for the keys a batch left unprocessed and finds exactly the stored ones', async () => {
    const tableName = await h.newTable();
    await batchPut(
      h.client,
      tableName,
      items(150).filter((item) => item.n % 3 === 0),
    );
    const throttled = throttling(h.client, () => 40);
    const found = await existingKeys(
      throttled.client,
      tableName,
      items(150).map(({ pk, sk }) => ({ pk, sk })),
    );
    expect(Math.max(...throttled.sizes)).toBeLessThanOrEqual(100);
    expect([...found.keys].map((key) => Number(key.split('\u0000')[1])).sort((a, b) => a - b)).toEqual(
      items(150)
        .filter((item) => item.n % 3 === 0)
        .map((item) => item.n),
    );
    expect(found.readCapacity).toBeGreaterThan(0);
  });
});

describe('cards of events announced for the first time', () => {
  const subject: Subject = {
    kind: 'case',
    id: 'YC0001-20261102-0901',
    title: '社会团体变更登记',
    department: 'mz',
    window: 'mz-01',
    handler: 'clerk',
    clocks: ['a', 'b', 'c'].map((name) => [
      name,
      startClock({ kind: 'generic', start: '2026-11-02T10:00:00+08:00', budget: 5 }),
    ]),
  };
  const at = '2026-11-20T09:00:00+08:00';
  const cards = buildEvents(subject, levelChanges(subject, {}, at, clocks), at, clocks).flatMap((event) => {
    const card = cardFor(event, clocks);
    return card ? [card] : [];
  });

  it('are put in batches, and an existing card — answered meanwhile — is never written again', async () => {
    const tableName = await h.newTable();
    const [first, ...others] = cards;
    if (!first) throw new Error('no card');
    expect(others).toHaveLength(2);
    expect((await recordNewCards(tableName, [first], at, clocks, h.client)).created).toBe(1);
    const answered = answerCard(
      first,
      '已督促办结',
      { username: 'chief', roles: ['chief'], department: 'mz' },
      at,
    );
    expect(await saveCardAnswer(tableName, answered, 1, h.client)).toBe(true);
    // The same event announced again (a calendar amendment undone brings back its threshold).
    const again = await recordNewCards(tableName, cards, at, clocks, h.client);
    expect(again).toMatchObject({ created: 2, itemsRead: 1 });
    expect(await loadCard(tableName, first.id, h.client)).toMatchObject({
      version: 2,
      card: { answer: '已督促办结' },
    });
    for (const card of others)
      expect(await loadCard(tableName, card.id, h.client)).toMatchObject({ version: 1 });
  });
});

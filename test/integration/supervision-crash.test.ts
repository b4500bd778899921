/**
 * A sweep killed part-way — an injected failure after N writes, the only mock here — and run again
 * ends with every due level recorded and announced exactly once: one bus event per event id, one
 * inbox entry per recipient, one card per yellow or red, no outbox left behind. A queue ticket
 * waiting past its target rides along: its one warning is announced once too.
 */
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counterSettings } from '../../functions/config/centre.ts';
import type { CaseState } from '../../functions/domain/cases/types.ts';
import { type CounterCategory, findCategory } from '../../functions/domain/counter/settings.ts';
import { takeTicket } from '../../functions/domain/counter/tickets.ts';
import { waitTargetAt } from '../../functions/domain/counter/waits.ts';
import { createTicket } from '../../functions/store/counter/tickets.ts';
import { clocks, commands, intake, run } from '../unit/cases/fixtures.ts';
import {
  busEvents,
  createCase,
  type Harness,
  scanAll,
  startHarness,
  sweepAt,
} from '../unit/supervision/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

function reviewed(caseNo: string): CaseState {
  return run({ ...intake(), caseNo }, [[commands.accept()], [commands.transfer('审查')]]);
}
const caseNos = ['YC0001-20261102-0801', 'YC0001-20261102-0802', 'YC0001-20261102-0803'];
// Remind on the statutory clock, red on the promised and step clocks: several events per case.
const instants = ['2026-11-16T09:00:00+08:00', '2026-11-27T09:00:00+08:00'];

class InjectedCrash extends Error {}

type BatchRequests = Record<string, { PutRequest: { Item: Record<string, unknown> } }[]>;

/**
 * The same client, counting writes — each item of a batch write as one; once `budget.left` writes
 * are spent, every write throws. A batch that outlasts the budget writes its first items, then throws
 * (a run killed while DynamoDB was applying the batch).
 */
function crashing(
  client: DynamoDBDocumentClient,
  budget: { left: number; crashed: boolean },
): DynamoDBDocumentClient {
  const forward = (command: unknown) => (client.send as (c: unknown) => Promise<unknown>)(command);
  const crash = () => {
    budget.crashed = true;
    return Promise.reject(new InjectedCrash('injected crash'));
  };
  const send = async (command: { constructor: { name: string }; input: unknown }) => {
    if (command instanceof BatchWriteCommand) {
      const [[tableName, requests] = ['', []]] = Object.entries(command.input.RequestItems as BatchRequests);
      if (requests.length <= budget.left) {
        budget.left -= requests.length;
        return forward(command);
      }
      const applied = requests.slice(0, Math.max(0, budget.left));
      budget.left = 0;
      if (applied.length > 0)
        await forward(new BatchWriteCommand({ RequestItems: { [tableName]: applied } }));
      return crash();
    }
    if (['PutCommand', 'UpdateCommand'].includes(command.constructor.name)) {
      if (budget.left <= 0) return crash();
      budget.left -= 1;
    }
    return forward(command);
  };
  return new Proxy(client, { get: (target, key) => (key === 'send' ? send : Reflect.get(target, key)) });
}

const civilAffairs = findCategory(counterSettings(), 'civil-affairs') as CounterCategory;

async function seeded() {
  const tableName = await h.newTable();
  for (const caseNo of caseNos)
    await createCase(tableName, reviewed(caseNo), '2026-11-02T11:00:00+08:00', clocks);
  // Taken at 8:20 on the first instant's day: its 30-minute target has passed by the first sweep.
  const ticket = takeTicket({
    category: civilAffairs,
    serial: 7,
    date: '2026-11-16',
    now: new Date('2026-11-16T08:20:00+08:00'),
  });
  await createTicket(tableName, ticket, { waitTargetAt: waitTargetAt(ticket, civilAffairs) });
  return tableName;
}

async function outcome(tableName: string) {
  const items = await scanAll(h, tableName);
  const inbox = items.filter((i) => String(i.pk).startsWith('inbox#')).map((i) => `${i.pk}|${i.sk}`);
  const cards = items.filter((i) => i.type === 'card').map((i) => String(i.pk));
  const recorded = items
    .filter((i) => i.type === 'case' || i.type === 'ticket')
    .map((i) => [i.caseNo ?? i.pk, i.recordedLevels, i.nextCheckAt ?? null, i.outbox ?? null]);
  const events = (await busEvents(h, tableName)).map((e) => e.eventId);
  return { inbox: inbox.sort(), cards: cards.sort(), recorded, events };
}

describe('a sweep killed part-way', () => {
  it('ends, once run again, with every due level recorded and announced exactly once', async () => {
    const reference = await seeded();
    const clean = { left: Number.POSITIVE_INFINITY, crashed: false };
    for (const at of instants) await sweepAt(h, reference, clocks, at, { client: crashing(h.client, clean) });
    const expected = await outcome(reference);
    expect(expected.events.length).toBeGreaterThanOrEqual(10);
    expect(expected.events.filter((id) => id.startsWith('ticket:'))).toEqual([
      'ticket:2026-11-16#A007:wait:yellow:2026-11-16T08:50:00+08:00',
    ]);
    expect(new Set(expected.events).size).toBe(expected.events.length);
    expect(expected.recorded.every(([, , , outbox]) => outbox === null)).toBe(true);
    // Writes of a clean run, to crash at points all through it.
    const probe = await seeded();
    const counted = { left: 1_000_000, crashed: false };
    for (const at of instants) await sweepAt(h, probe, clocks, at, { client: crashing(h.client, counted) });
    const totalWrites = 1_000_000 - counted.left;
    expect(totalWrites).toBeGreaterThan(20);

    const points = [0, 1, 2, 3, 4, 5, 7, 9, 12, Math.floor(totalWrites / 2), totalWrites - 1];
    for (const crashAfter of points) {
      const tableName = await seeded();
      const budget = { left: crashAfter, crashed: false };
      let crashes = 0;
      for (const at of instants) {
        if (!budget.crashed) {
          try {
            await sweepAt(h, tableName, clocks, at, { client: crashing(h.client, budget), runId: 'doomed' });
          } catch (error) {
            expect(error).toBeInstanceOf(InjectedCrash);
            crashes += 1;
            // The retry, after the crashed run's outbox claim has run out, at the same instant.
            await sweepAt(h, tableName, clocks, at, {
              runId: `retry-${crashAfter}`,
              wallClock: () => Date.now() + 10 * 60_000,
            });
          }
        } else {
          await sweepAt(h, tableName, clocks, at);
        }
      }
      expect(crashes, `crash after ${crashAfter} writes`).toBe(1);
      const result = await outcome(tableName);
      expect(result, `crash after ${crashAfter} writes`).toEqual(expected);
    }
  });
});

import { DynamoDBDocumentClient, GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { msAt } from '../../functions/domain/calendar/instant.ts';
import { startTestRuntime, type TestRuntime } from '../support/runtime.ts';

/**
 * A slot is never overbooked: with one seat left, 20 clients book it at the same moment through
 * the real local runtime — exactly one gets 201, the 19 others 422 slot-full, the slot's counter
 * stops at its capacity and exactly as many bookings exist as seats. A cancellation frees the
 * seat, and the next booking takes it.
 */

let runtime: TestRuntime;

interface Reply {
  status: number;
  body: Record<string, unknown>;
}

async function post(path: string, body: unknown): Promise<Reply> {
  const response = await fetch(`${runtime.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function remaining(date: string, time: string): Promise<number | undefined> {
  const response = await fetch(
    `${runtime.baseUrl}/api/public/appointment-slots?category=civil-affairs&from=${date}&days=1`,
  );
  const listing = (await response.json()) as { days: { slots: { time: string; remaining: number }[] }[] };
  return listing.days[0]?.slots.find((slot) => slot.time === time)?.remaining;
}

const booking = (slot: { date: string; time: string }, n: number) => ({
  category: 'civil-affairs',
  date: slot.date,
  time: slot.time,
  name: `并发${n}`,
  phone: `1370000${String(n).padStart(4, '0')}`,
});

beforeAll(async () => {
  runtime = await startTestRuntime();
}, 60_000);
afterAll(async () => {
  await runtime?.stop();
});

describe('booking the last seat under concurrency', () => {
  it('gives the last seat of a slot to exactly one of 20 clients booking at once; a cancellation frees it', async () => {
    const listing = (await (
      await fetch(`${runtime.baseUrl}/api/public/appointment-slots?category=civil-affairs&days=2`)
    ).json()) as { days: { date: string; slots: { time: string; seats: number; remaining: number }[] }[] };
    const slot = listing.days
      .flatMap((day) => day.slots.map((candidate) => ({ ...candidate, date: day.date })))
      .find(
        (candidate) => candidate.seats === 3 && msAt(candidate.date, candidate.time) > Date.now() + 3600_000,
      );
    if (!slot) throw new Error('no slot of three seats ahead');

    const first = await post('/api/public/appointments', booking(slot, 1));
    const second = await post('/api/public/appointments', booking(slot, 2));
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(await remaining(slot.date, slot.time)).toBe(1);

    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) => post('/api/public/appointments', booking(slot, 100 + i))),
    );
    const statuses = replies.map((reply) => reply.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 422)).toHaveLength(19);
    for (const reply of replies.filter((candidate) => candidate.status === 422)) {
      expect(reply.body).toMatchObject({
        rule: 'slot-full',
        title: '该时段已约满',
        errors: [{ field: 'body.time', rule: 'slot-full' }],
      });
    }
    expect(await remaining(slot.date, slot.time)).toBe(0);

    const documents = DynamoDBDocumentClient.from(runtime.store.client);
    const counter = await documents.send(
      new GetCommand({
        TableName: 'yichuang',
        Key: { pk: 'appointment-slots#civil-affairs', sk: `${slot.date}#${slot.time}` },
        ConsistentRead: true,
      }),
    );
    expect(counter.Item?.booked).toBe(3);
    const stored = await documents.send(
      new ScanCommand({
        TableName: 'yichuang',
        FilterExpression: '#t = :type AND #data.#date = :date AND #data.#time = :time',
        ExpressionAttributeNames: { '#t': 'type', '#data': 'data', '#date': 'date', '#time': 'time' },
        ExpressionAttributeValues: { ':type': 'appointment', ':date': slot.date, ':time': slot.time },
      }),
    );
    expect(stored.Items).toHaveLength(3);

    // The first holder cancels: the seat is free again, and the next booking takes it.
    const cancelled = await post('/api/public/appointments/cancellation', {
      code: first.body.code,
      phoneLast4: booking(slot, 1).phone.slice(-4),
    });
    expect(cancelled.status).toBe(200);
    expect(await remaining(slot.date, slot.time)).toBe(1);
    expect((await post('/api/public/appointments', booking(slot, 200))).status).toBe(201);
    const full = await post('/api/public/appointments', booking(slot, 201));
    expect(full.status).toBe(422);
    expect(full.body.rule).toBe('slot-full');
  });
});

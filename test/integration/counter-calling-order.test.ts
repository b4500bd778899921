import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { windowClerkToken } from '../support/window-clerks.ts';

/**
 * The order calls keep (store/counter/tickets.ts, nextCandidateIndex): a window calling alone gets
 * exactly the next ticket in priority-then-arrival order, across its category's queue and the
 * tickets transferred to it; under contention — waves of ten windows pressing "next" at once — no
 * ticket is passed over for good, and no priority ticket is left to a later wave once an ordinary
 * ticket was called.
 */

let runtime: TestRuntime;
const tokens = new Map<string, string>();

async function post(path: string, window?: string, body: unknown = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (window) {
    if (!tokens.has(window)) tokens.set(window, await windowClerkToken(runtime, window));
    headers.authorization = `Bearer ${tokens.get(window)}`;
  }
  const response = await fetch(`${runtime.baseUrl}${path}`, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function take(category: string, priority?: string): Promise<string> {
  const reply = await post('/api/public/tickets', undefined, { category, ...(priority ? { priority } : {}) });
  expect(reply.status).toBe(201);
  return reply.body.ticketNo as string;
}

const callNext = (window: string) => post(`/api/windows/${window}/calls`, window);

beforeAll(async () => {
  runtime = await startTestRuntime();
}, 60_000);
afterAll(async () => {
  await runtime?.stop();
});

describe('the order of calls', () => {
  it('gives a window calling alone the next ticket in priority-then-arrival order, exactly', async () => {
    const reasons = [
      undefined,
      'elderly',
      undefined,
      undefined,
      'disabled',
      undefined,
      'pregnant',
      undefined,
    ];
    const priority: string[] = [];
    const ordinary: string[] = [];
    for (const [i, reason] of reasons.entries()) {
      (reason ? priority : ordinary).push(await take('market', reason));
      if (i === 2) {
        // A tax ticket taken here, called at sw-01 and transferred to sj-01, keeps its place in time.
        const tax = await take('tax');
        expect((await callNext('sw-01')).body.ticketNo).toBe(tax);
        const transferred = await post(`/api/windows/sw-01/calls/${tax}/transfer`, 'sw-01', {
          window: 'sj-01',
        });
        expect(transferred.status).toBe(200);
        ordinary.push(tax);
      }
    }
    priority.push(await take('market', 'serviceman'));

    const called: string[] = [];
    for (let i = 0; i < reasons.length + 2; i += 1) {
      const reply = await callNext('sj-01');
      expect(reply.status).toBe(201);
      called.push(reply.body.ticketNo as string);
    }
    expect(called).toEqual([...priority, ...ordinary]);
    expect((await callNext('sj-01')).status).toBe(404);
  }, 60_000);

  it('passes no ticket over for good when ten windows call at once, nor a priority one for a later wave', async () => {
    const windows = Array.from({ length: 10 }, (_, i) => `zrzy-${String(i + 1).padStart(2, '0')}`);
    const priority = new Set<string>();
    const waiting: string[] = [];
    for (let i = 0; i < 60; i += 1) {
      const ticketNo = await take('real-estate', i % 4 === 1 ? 'elderly' : undefined);
      waiting.push(ticketNo);
      if (i % 4 === 1) priority.add(ticketNo);
    }
    expect(priority.size).toBe(15);

    // Waves: each of the ten windows presses "next" at once; the next wave starts when all answered.
    const waveOf = new Map<string, number>();
    let wave = 0;
    for (; wave < 20; wave += 1) {
      const replies = await Promise.all(windows.map((window) => callNext(window)));
      const called = replies.filter((reply) => reply.status === 201);
      for (const reply of called) {
        const ticketNo = reply.body.ticketNo as string;
        expect(waveOf.has(ticketNo), `${ticketNo} called twice`).toBe(false);
        waveOf.set(ticketNo, wave);
      }
      if (called.length === 0) {
        expect(replies.map((reply) => reply.status)).toEqual(Array(10).fill(404));
        break;
      }
      // Every call of a wave gets a ticket while at least ten wait: none lost, none left over.
      expect(called.length).toBe(Math.min(10, 60 - (waveOf.size - called.length)));
    }
    expect(wave).toBe(6);
    expect([...waveOf.keys()].sort()).toEqual([...waiting].sort());

    // A priority ticket is never called by a wave later than one that called an ordinary ticket.
    const waves = (ordinaryOnes: boolean) =>
      [...waveOf].filter(([ticketNo]) => priority.has(ticketNo) !== ordinaryOnes).map(([, w]) => w);
    expect(Math.max(...waves(false))).toBeLessThanOrEqual(Math.min(...waves(true)));
    // Ten priority tickets in the first wave, the other five in the second.
    expect(waves(false).filter((w) => w === 0)).toHaveLength(10);
  }, 120_000);
});

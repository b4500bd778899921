import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { windowClerkToken } from '../support/window-clerks.ts';

/**
 * Two clerks pressing "next" at once never get the same ticket: 50 calls at once from 5 windows
 * of one category at 40 waiting tickets — every ticket called exactly once, none lost, and the
 * 10 calls too many answered 404. The demo users hold one window of the category, so the test
 * signs clerks of sj-01…sj-05 (support/window-clerks.ts).
 */

let runtime: TestRuntime;

const clerkToken = (window: string) => windowClerkToken(runtime, window);

beforeAll(async () => {
  runtime = await startTestRuntime();
}, 60_000);
afterAll(async () => {
  await runtime?.stop();
});

describe('calling under concurrency', () => {
  it('gives 40 waiting tickets to 50 simultaneous calls from 5 windows exactly once each', async () => {
    const taken: string[] = [];
    for (let i = 0; i < 40; i += 1) {
      const response = await fetch(`${runtime.baseUrl}/api/public/tickets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ category: 'market' }),
      });
      expect(response.status).toBe(201);
      taken.push(((await response.json()) as { ticketNo: string }).ticketNo);
    }
    expect(new Set(taken).size).toBe(40);

    const windows = ['sj-01', 'sj-02', 'sj-03', 'sj-04', 'sj-05'];
    const tokens = new Map(await Promise.all(windows.map(async (w) => [w, await clerkToken(w)] as const)));
    const replies = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const window = windows[i % windows.length] as string;
        const response = await fetch(`${runtime.baseUrl}/api/windows/${window}/calls`, {
          method: 'POST',
          headers: { authorization: `Bearer ${tokens.get(window)}` },
        });
        return { window, status: response.status, body: (await response.json()) as Record<string, unknown> };
      }),
    );
    const called = replies.filter((reply) => reply.status === 201);
    const refused = replies.filter((reply) => reply.status !== 201);
    expect(refused.map((reply) => reply.status)).toEqual(Array(10).fill(404));
    const calledNumbers = called.map((reply) => reply.body.ticketNo as string);
    expect(calledNumbers.sort()).toEqual([...taken].sort());
    for (const reply of called) expect(reply.body.window).toBe(reply.window);

    const hall = (await (await fetch(`${runtime.baseUrl}/api/public/hall`)).json()) as {
      categories: { code: string; waiting: number }[];
      calls: { window: string }[];
    };
    expect(hall.categories.find((category) => category.code === 'market')?.waiting).toBe(0);
    expect(hall.calls.map((call) => call.window).sort()).toEqual(windows);
  }, 120_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envNames } from '../../functions/config/env.ts';
import { addDays } from '../../functions/domain/calendar/civil.ts';
import { table } from '../../functions/store/table.ts';
import { localCredentials, localRegion, localTableName } from '../../infra/local/store.ts';
import { startTestRuntime, type TestRuntime } from '../support/runtime.ts';

/**
 * The front counter against the real local runtime: taking tickets (daily serial per prefix,
 * priority ahead, people ahead), the hall state, calling at a window with every step (recall,
 * no-show and its one rejoin, transfer to a category and a window, end) and their refusals, and
 * hostile input on the public routes. The sample centre's hall is open around the clock.
 */

interface Reply {
  status: number;
  contentType: string | null;
  headers: Headers;
  body: Record<string, unknown>;
}

let runtime: TestRuntime;
const tokens = new Map<string, string>();

async function call(
  method: string,
  path: string,
  options: { user?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.user) {
    if (!tokens.has(options.user)) tokens.set(options.user, await runtime.identity.issue(options.user));
    headers.authorization = `Bearer ${tokens.get(options.user)}`;
  }
  const payload = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (payload !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(`${runtime.baseUrl}${path}`, {
    method,
    headers,
    ...(payload === undefined ? {} : { body: payload }),
  });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    headers: response.headers,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}

const take = (body: unknown) => call('POST', '/api/public/tickets', { body });
const step = (window: string, ticketNo: string, slug: string, user = 'clerk', body: unknown = {}) =>
  call('POST', `/api/windows/${window}/calls/${ticketNo}/${slug}`, { user, body });

async function hall() {
  const reply = await call('GET', '/api/public/hall');
  expect(reply.status).toBe(200);
  return reply.body as {
    open: boolean;
    categories: { code: string; prefix: string; waiting: number; windows: string[] }[];
    calls: { ticketNo: string; window: string; calledAt: string }[];
  };
}

const waitingIn = async (code: string) => (await hall()).categories.find((c) => c.code === code)?.waiting;

beforeAll(async () => {
  runtime = await startTestRuntime();
}, 60_000);
afterAll(async () => {
  await runtime?.stop();
});

describe('taking tickets and calling them at a window', () => {
  it('numbers tickets per prefix, counts the people ahead and puts priority tickets first', async () => {
    const first = await take({ category: 'civil-affairs' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      ticketNo: 'A001',
      category: 'civil-affairs',
      categoryName: '民政业务',
      ahead: 0,
      estimateMinutes: 0,
      windows: ['mz-01', 'mz-02', 'mz-03'],
    });
    const second = await take({ category: 'civil-affairs' });
    expect(second.body).toMatchObject({ ticketNo: 'A002', ahead: 1, estimateMinutes: 4 });
    const tax = await take({ category: 'tax' });
    expect(tax.body).toMatchObject({ ticketNo: 'B001', ahead: 0 });
    const elderly = await take({ category: 'civil-affairs', priority: 'elderly' });
    expect(elderly.body).toMatchObject({
      ticketNo: 'A003',
      ahead: 0,
      priority: 'elderly',
      priorityLabel: '60 周岁以上老年人',
    });
    expect(await waitingIn('civil-affairs')).toBe(3);

    const called = await call('POST', '/api/windows/mz-01/calls', { user: 'clerk' });
    expect(called.status).toBe(201);
    expect(called.body).toMatchObject({ ticketNo: 'A003', status: 'called', window: 'mz-01', calls: 1 });
    expect(called.body.waitSeconds).toBeGreaterThanOrEqual(0);
    const state = await hall();
    expect(state.calls[0]).toMatchObject({ ticketNo: 'A003', window: 'mz-01' });
    expect(state.categories.find((c) => c.code === 'civil-affairs')?.waiting).toBe(2);

    // The B post of the window calls the next in order.
    const next = await call('POST', '/api/windows/mz-01/calls', { user: 'clerk-b' });
    expect(next.body).toMatchObject({ ticketNo: 'A001', window: 'mz-01' });
    const ended = await step('mz-01', 'A001', 'end', 'clerk-b');
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ status: 'ended', statusLabel: '已办结' });
    expect(ended.body.serviceSeconds).toBeGreaterThanOrEqual(0);
    const again = await step('mz-01', 'A001', 'end', 'clerk-b');
    expect(again.status).toBe(409);
    expect(again.contentType).toBe('application/problem+json');
  });

  it('recalls, marks a no-show that rejoins once at the back, and refuses the second rejoin', async () => {
    const recalled = await step('mz-01', 'A003', 'recall');
    expect(recalled.status).toBe(200);
    expect(recalled.body).toMatchObject({ calls: 2 });
    expect((await hall()).calls.find((c) => c.window === 'mz-01')?.calledAt).toBe(recalled.body.calledAt);

    const gone = await step('mz-01', 'A003', 'no-show');
    expect(gone.body).toMatchObject({ status: 'no-show', statusLabel: '过号' });
    const back = await step('mz-01', 'A003', 'rejoin');
    expect(back.body).toMatchObject({ status: 'waiting', rejoined: true });
    // Back at the end of the queue, but still a priority ticket: called before A002.
    const called = await call('POST', '/api/windows/mz-01/calls', { user: 'clerk' });
    expect(called.body.ticketNo).toBe('A003');
    expect((await step('mz-01', 'A003', 'no-show')).status).toBe(200);
    const twice = await step('mz-01', 'A003', 'rejoin');
    expect(twice.status).toBe(422);
    expect(twice.body).toMatchObject({ title: '已过号重排过一次', rule: 'rejoined-already' });
  });

  it('transfers a called ticket to another category and to one window', async () => {
    const called = await call('POST', '/api/windows/mz-01/calls', { user: 'clerk' });
    expect(called.body.ticketNo).toBe('A002');
    const neither = await step('mz-01', 'A002', 'transfer', 'clerk', {});
    expect(neither.status).toBe(400);
    const unknown = await step('mz-01', 'A002', 'transfer', 'clerk', { category: 'nothing' });
    expect(unknown.status).toBe(400);
    expect((unknown.body.errors as { field: string }[])[0]?.field).toBe('body.category');

    const toTax = await step('mz-01', 'A002', 'transfer', 'clerk', { category: 'tax' });
    expect(toTax.body).toMatchObject({ status: 'waiting', category: 'tax' });
    // It keeps its place in time: taken before B001, so sw-01 calls it first.
    const atTax = await call('POST', '/api/windows/sw-01/calls', { user: 'clerk-sw' });
    expect(atTax.body).toMatchObject({ ticketNo: 'A002', window: 'sw-01' });

    const toWindow = await step('sw-01', 'A002', 'transfer', 'clerk-sw', { window: 'sj-01' });
    expect(toWindow.status).toBe(200);
    const panel = await call('GET', '/api/windows/sj-01/calls', { user: 'clerk-sj' });
    expect(panel.body).toMatchObject({ window: 'sj-01', transferredHere: 1 });
    const atSj = await call('POST', '/api/windows/sj-01/calls', { user: 'clerk-sj' });
    expect(atSj.body).toMatchObject({ ticketNo: 'A002', window: 'sj-01' });
    const current = await call('GET', '/api/windows/sj-01/calls', { user: 'clerk-sj' });
    expect(current.body).toMatchObject({ transferredHere: 0, current: { ticketNo: 'A002' } });
  });

  it('answers 404 when nobody waits, and refuses a clerk of another window', async () => {
    const none = await call('POST', '/api/windows/mz-01/calls', { user: 'clerk' });
    expect(none.status).toBe(404);
    expect(none.contentType).toBe('application/problem+json');
    expect(none.body.title).toBe('当前没有等候的号');
    const other = await call('POST', '/api/windows/mz-01/calls', { user: 'clerk-sw' });
    expect(other.status).toBe(403);
    // A ticket called at sw-01 is not mz-01's to end.
    const b = await call('POST', '/api/windows/sw-01/calls', { user: 'clerk-sw' });
    expect(b.body.ticketNo).toBe('B001');
    const foreign = await call('POST', '/api/windows/mz-01/calls/B001/end', { user: 'clerk' });
    expect(foreign.status).toBe(403);
    expect((await step('mz-01', 'A999', 'end')).status).toBe(404);
  });

  it('restarts the numbers at the centre’s midnight: one counter per prefix and Beijing day', async () => {
    Object.assign(process.env, {
      [envNames.dynamoEndpoint]: runtime.store.endpoint,
      AWS_REGION: localRegion,
      AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    });
    const { nextTicketSerial } = await import('../../functions/store/counters.ts');
    const name = localTableName(table);
    const today = (await hall()) as unknown as { date: string };
    const tomorrow = addDays(today.date, 1);
    expect(await nextTicketSerial(name, 'A', tomorrow)).toBe(1);
    expect(await nextTicketSerial(name, 'A', tomorrow)).toBe(2);
    expect(await nextTicketSerial(name, 'B', tomorrow)).toBe(1);
    // Today's counter went on where the tickets above left it (A001–A003).
    expect(await nextTicketSerial(name, 'A', today.date)).toBe(4);
  });

  it('lets the edge cache the hall state for a second', async () => {
    const reply = await call('GET', '/api/public/hall');
    expect(reply.headers.get('cache-control')).toBe('public, max-age=1, stale-while-revalidate=1');
    expect(reply.body.open).toBe(true);
  });
});

describe('hostile input on the public routes', () => {
  it.each([
    [{}, 'body.category', 400],
    [{ category: 'nothing' }, 'body.category', 400],
    [{ category: '<script>' }, 'body.category', 400],
    [{ category: 'civil-affairs', priority: 'vip' }, 'body.priority', 400],
    [{ category: 'civil-affairs', priority: 7 }, 'body.priority', 400],
    [{ category: 'x'.repeat(200) }, 'body.category', 400],
    [[{ category: 'civil-affairs' }], 'body', 400],
  ])('refuses %j naming the field', async (body, field, status) => {
    const reply = await take(body);
    expect(reply.status).toBe(status);
    expect(reply.contentType).toBe('application/problem+json');
    expect((reply.body.errors as { field: string }[]).map((error) => error.field)).toContain(field);
  });

  it('refuses a body that is not JSON, and one too large', async () => {
    const broken = await call('POST', '/api/public/tickets', { raw: '{"category":' });
    expect(broken.status).toBe(400);
    const large = await call('POST', '/api/public/tickets', {
      raw: JSON.stringify({ category: 'civil-affairs', padding: 'x'.repeat(2000) }),
    });
    expect(large.status).toBe(413);
  });

  it('refuses hostile query strings and methods on the hall', async () => {
    const odd = await call('GET', "/api/public/hall?date=2026-01-01'--&category=<x>");
    expect(odd.status).toBe(200);
    const posted = await call('POST', '/api/public/hall', { body: {} });
    expect([404, 405]).toContain(posted.status);
    expect(posted.contentType).toBe('application/problem+json');
  });

  it('limits the tickets one client takes (429 with Retry-After), counted apart from its lookups', async () => {
    let reply: Reply | undefined;
    let taken = 0;
    for (let i = 0; i < 130; i += 1) {
      reply = await take({ category: 'health' });
      if (reply.status !== 201) break;
      taken += 1;
    }
    expect(reply?.status).toBe(429);
    // 120 per 10 minutes (counter.ticketsPerClient); the tickets and refusals above count too.
    expect(taken).toBeGreaterThan(100);
    expect(taken).toBeLessThan(120);
    const lookup = await call('POST', '/api/public/progress', {
      body: { caseNo: 'YC0001-20260101-0001', queryCode: 'ABCDEFGH' },
    });
    expect(lookup.status).not.toBe(429);
    expect(Number(reply?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(reply?.body.title).toBe('请求过于频繁');
  });
});

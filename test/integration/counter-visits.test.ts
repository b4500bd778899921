/**
 * One visit as one record, on the real local runtime: a ticket waiting past its category's target
 * warns the chief through the supervision sweep and the inbox (once; not when it was called in
 * time); intake from a called ticket links the case and the ticket both ways, and the visit shows
 * its wait and service; the counter's figures over HTTP, with their scopes and refusals.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { civilDateAt } from '../../functions/domain/calendar/instant.ts';
import { apiCaller } from '../support/api.ts';
import { startTestRuntime, type TestRuntime } from '../support/runtime.ts';

let runtime: TestRuntime;
const api = apiCaller(() => runtime);
const call = (
  method: string,
  path: string,
  user?: string,
  body?: unknown,
  headers: Record<string, string> = {},
) => api(method, path, { ...(user ? { user } : {}), ...(body === undefined ? {} : { body }), headers });

const take = async (category: string) => {
  const reply = await call('POST', '/api/public/tickets', undefined, { category });
  expect(reply.status).toBe(201);
  return reply.body as { ticketNo: string; date: string; takenAt: string };
};
const sweepAt = async (at: Date) => {
  const reply = await call('POST', '/api/supervision/sweeps', 'supervisor', { now: at.toISOString() });
  expect(reply.status).toBe(200);
  return reply.body;
};
const ticketWarnings = async (user: string) => {
  const inbox = await call('GET', '/api/inbox?limit=200', user);
  expect(inbox.status).toBe(200);
  return (
    inbox.body.items as { type: string; subject: { kind: string; id: string; title: string } }[]
  ).filter((entry) => entry.subject.kind === 'ticket');
};

beforeAll(async () => {
  runtime = await startTestRuntime();
}, 60_000);
afterAll(async () => {
  await runtime?.stop();
});

describe('a ticket waiting past its category’s target', () => {
  it('warns the chief through the sweep and the inbox, once; a ticket called in time does not', async () => {
    // 市场监管 (sj): its window sj-01 has clerk-sj, its chief is chief-sj.
    const inTime = await take('market');
    const late = await take('market');
    const called = await call('POST', '/api/windows/sj-01/calls', 'clerk-sj');
    expect(called.body.ticketNo).toBe(inTime.ticketNo);
    const target = Date.parse(late.takenAt) + 30 * 60_000;

    const before = await sweepAt(new Date(target - 60_000));
    expect(before.changedByType).toEqual({});
    expect(await ticketWarnings('chief-sj')).toEqual([]);

    const at = await sweepAt(new Date(target + 60_000));
    // One warning (the late ticket's), yellow, with no card: the called one left the index.
    expect(at.changedByType).toEqual({ TicketYellowCard: 1 });
    expect(at.examined).toBe(1);
    expect(at.cards).toBe(0);
    const warnings = await ticketWarnings('chief-sj');
    expect(warnings).toEqual([
      expect.objectContaining({
        type: 'TicketYellowCard',
        subject: expect.objectContaining({
          id: `${late.date}#${late.ticketNo}`,
          title: expect.stringContaining(late.ticketNo),
        }),
      }),
    ]);
    // Another department's chief, and the clerks, are not told.
    expect(await ticketWarnings('chief')).toEqual([]);
    expect(await ticketWarnings('clerk-sj')).toEqual([]);

    // Exactly once: a later sweep does not even read the ticket again.
    const later = await sweepAt(new Date(target + 20 * 60_000));
    expect(later.changedByType).toEqual({});
    expect(later.examined).toBe(0);
    expect(await ticketWarnings('chief-sj')).toHaveLength(1);
  });
});

const intake = (ticket?: { date: string; ticketNo: string }) => ({
  itemCode: 'YC-MZ-0102',
  applicant: { kind: 'individual', name: '张三丰', idNumber: '11010519491231002X', phone: '13812345678' },
  materials: ['m1', 'm2', 'm3', 'm6'].map((id) => ({ id, state: 'submitted' })),
  ...(ticket ? { ticket } : {}),
});
const takeIn = (user: string, body: unknown) =>
  call('POST', '/api/cases', user, body, { 'idempotency-key': randomUUID() });

describe('intake from a called ticket', () => {
  it('links the case to the ticket and the ticket to its cases; the visit shows the wait and the service', async () => {
    const ticket = await take('civil-affairs');
    const called = await call('POST', '/api/windows/mz-01/calls', 'clerk');
    expect(called.body.ticketNo).toBe(ticket.ticketNo);
    const ref = { date: ticket.date, ticketNo: ticket.ticketNo };

    const first = await takeIn('clerk', intake(ref));
    expect(first.status).toBe(201);
    const caseNo = first.body.caseNo as string;
    expect((first.body.case as { ticket?: unknown }).ticket).toEqual(ref);
    const read = await call('GET', `/api/cases/${caseNo}`, 'chief');
    expect(read.body.ticket).toEqual(ref);
    // A second case of the same visit.
    const second = await takeIn('clerk-b', intake(ref));
    expect(second.status).toBe(201);

    const ended = await call('POST', `/api/windows/mz-01/calls/${ticket.ticketNo}/end`, 'clerk');
    expect(ended.status).toBe(200);
    const visit = await call('GET', `/api/counter/tickets/${ticket.date}/${ticket.ticketNo}`, 'chief');
    expect(visit.status).toBe(200);
    expect(visit.body).toMatchObject({
      ticketNo: ticket.ticketNo,
      status: 'ended',
      window: 'mz-01',
      caseNos: [caseNo, second.body.caseNo],
      waitSeconds: expect.any(Number),
      serviceSeconds: expect.any(Number),
    });
    // Served already: a case may still be taken in from it at the window that served it.
    expect((await takeIn('clerk', intake(ref))).status).toBe(201);
  });

  it('refuses a ticket that does not exist or was not called at the clerk’s window, naming the field', async () => {
    const unknown = await takeIn('clerk', intake({ date: civilDateAt(new Date()), ticketNo: 'A999' }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([
      expect.objectContaining({ field: 'body.ticket.ticketNo', rule: 'unknown_ticket' }),
    ]);
    const waiting = await take('civil-affairs');
    const notCalled = await takeIn('clerk', intake({ date: waiting.date, ticketNo: waiting.ticketNo }));
    expect(notCalled.status).toBe(400);
    expect(notCalled.body.errors).toEqual([
      expect.objectContaining({ field: 'body.ticket.ticketNo', rule: 'not_called_here' }),
    ]);
    const bad = await takeIn('clerk', intake({ date: 'today', ticketNo: 'A001' }));
    expect(bad.status).toBe(400);
    expect((await call('GET', `/api/counter/tickets/${waiting.date}/Z999`, 'chief')).status).toBe(404);
    expect((await call('GET', `/api/counter/tickets/${waiting.date}/${waiting.ticketNo}`)).status).toBe(401);
  });
});

describe('the counter’s figures over HTTP', () => {
  it('counts today’s tickets by category, window and hour, within the caller’s scope', async () => {
    const today = civilDateAt(new Date());
    const centre = await call('GET', `/api/counter/figures?period=${today}&scope=centre`, 'supervisor');
    expect(centre.status).toBe(200);
    const total = centre.body.total as Record<string, number>;
    // market: 2 (one called, one waiting); civil-affairs: 2 (one served, one waiting).
    expect(total).toMatchObject({ tickets: 4, called: 2, served: 1, neverCalled: 2 });
    expect(
      (centre.body.byCategory as { code: string; tickets: number }[]).map((row) => [row.code, row.tickets]),
    ).toEqual([
      ['civil-affairs', 2],
      ['market', 2],
    ]);
    expect((centre.body.byWindow as { window: string }[]).map((row) => row.window)).toEqual([
      'mz-01',
      'sj-01',
    ]);
    expect((centre.body.byHour as { tickets: number }[]).reduce((sum, row) => sum + row.tickets, 0)).toBe(4);
    expect((centre.body.definitions as unknown[]).length).toBeGreaterThan(5);

    // A chief reads their department (by default), a clerk their own.
    const mz = await call('GET', `/api/counter/figures?period=${today.slice(0, 7)}`, 'chief');
    expect(mz.status).toBe(200);
    expect(mz.body.scope).toBe('department:mz');
    expect((mz.body.total as Record<string, number>).tickets).toBe(2);
    const own = await call('GET', `/api/counter/figures?period=${today}`, 'clerk');
    expect(own.body.scope).toBe('clerk:clerk');
    expect((own.body.total as Record<string, number>).tickets).toBe(1);

    expect((await call('GET', `/api/counter/figures?period=${today}&scope=centre`, 'chief')).status).toBe(
      403,
    );
    const quarter = await call('GET', '/api/counter/figures?period=2026-Q4', 'supervisor');
    expect(quarter.status).toBe(400);
    expect(quarter.body.errors).toEqual([expect.objectContaining({ field: 'query.period' })]);
    expect(
      (await call('GET', `/api/counter/figures?period=${today}&scope=planet:x`, 'supervisor')).status,
    ).toBe(400);
  });
});

/**
 * Supervision through the real local runtime: the sweep run by hand at a chosen instant
 * (POST /api/supervision/sweeps with `now`), events on the local bus (table items the function
 * host worker writes and the API reads), and each staff member's inbox (GET /api/inbox).
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBDocumentClient, GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../support/runtime.ts';

let runtime: TestRuntime;
const tokens = new Map<string, string>();

async function call(method: string, path: string, user: string, body?: unknown) {
  if (!tokens.has(user)) tokens.set(user, await runtime.identity.issue(user));
  const response = await fetch(`${runtime.baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${tokens.get(user)}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json', 'idempotency-key': randomUUID() }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

beforeAll(async () => {
  runtime = await startTestRuntime();
});
afterAll(async () => {
  await runtime?.stop();
});

describe('supervision over HTTP', () => {
  it('a sweep at a later instant files escalations in the right inboxes and on the local bus', async () => {
    const intake = await call('POST', '/api/cases', 'clerk', {
      itemCode: 'YC-MZ-0102',
      applicant: { kind: 'individual', name: '李四', idNumber: '440304199001010011', phone: '13998765432' },
      materials: ['m1', 'm2', 'm3', 'm6'].map((id) => ({ id, state: 'submitted' })),
    });
    expect(intake.status).toBe(201);
    const caseNo = intake.body.caseNo as string;

    expect(
      (await call('POST', '/api/supervision/sweeps', 'clerk', { now: '2027-01-10T09:00:00+08:00' })).status,
    ).toBe(403);
    expect((await call('POST', '/api/supervision/sweeps', 'supervisor', { now: 'tomorrow' })).status).toBe(
      400,
    );

    // Two months on, the correction-notice clock (5 working days) is long overdue: red.
    const at = new Date(Date.now() + 60 * 86_400_000).toISOString();
    const sweep = await call('POST', '/api/supervision/sweeps', 'supervisor', { now: at });
    expect(sweep.status).toBe(200);
    expect(sweep.body).toMatchObject({ at, examined: expect.any(Number), changed: expect.any(Number) });
    expect((sweep.body.changedByType as Record<string, number>).CaseRedCard).toBeGreaterThanOrEqual(1);
    expect(sweep.body.published).toBeGreaterThanOrEqual(1);
    const again = await call('POST', '/api/supervision/sweeps', 'supervisor', { now: at });
    expect(again.body).toMatchObject({ changed: 0, published: 0 });

    const redFor = async (user: string) => {
      const inbox = await call('GET', '/api/inbox', user);
      expect(inbox.status).toBe(200);
      return (inbox.body.items as { type: string; subject: { id: string } }[]).filter(
        (entry) => entry.subject.id === caseNo && entry.type === 'CaseRedCard',
      );
    };
    for (const user of ['chief', 'leader', 'supervisor']) expect(await redFor(user)).toHaveLength(1);
    expect(await redFor('clerk-sw')).toHaveLength(0);

    const bus = await DynamoDBDocumentClient.from(runtime.store.client).send(
      new ScanCommand({
        TableName: 'yichuang',
        FilterExpression: '#t = :bus',
        ExpressionAttributeNames: { '#t': 'type' },
        ExpressionAttributeValues: { ':bus': 'bus-event' },
      }),
    );
    const events = (bus.Items ?? []).filter(
      (item) => (item.detail as { subject: { id: string } }).subject.id === caseNo,
    );
    expect(events.map((item) => item.detailType)).toContain('CaseRedCard');
    expect(new Set(events.map((item) => item.sk)).size).toBe(events.length);
  });

  it('a department answers its card once; the answer stops the card’s clock', async () => {
    const intake = await call('POST', '/api/cases', 'clerk', {
      itemCode: 'YC-MZ-0102',
      applicant: { kind: 'individual', name: '王五', idNumber: '11010519491231002X', phone: '13911112222' },
      materials: ['m1', 'm2', 'm3', 'm6'].map((id) => ({ id, state: 'submitted' })),
    });
    const caseNo = intake.body.caseNo as string;
    const at = new Date(Date.now() + 70 * 86_400_000).toISOString();
    expect((await call('POST', '/api/supervision/sweeps', 'supervisor', { now: at })).status).toBe(200);

    type Card = {
      id: string;
      version: number;
      subject: { id: string };
      answeredAt?: string;
      answer?: string;
    };
    const cardsOf = async (user: string, query = '') => {
      const reply = await call('GET', `/api/supervision/cards${query}`, user);
      return { status: reply.status, items: (reply.body.items ?? []) as Card[] };
    };
    const open = await cardsOf('chief', '?open=true');
    expect(open.status).toBe(200);
    const card = open.items.find((candidate) => candidate.subject.id === caseNo);
    if (!card) throw new Error(`no open card for ${caseNo}`);
    expect((await cardsOf('clerk')).status).toBe(403);
    expect((await cardsOf('chief', '?department=sj')).status).toBe(403);
    expect((await cardsOf('chief-sj')).items.some((other) => other.id === card.id)).toBe(false);

    const answer = (user: string, body: Record<string, unknown>) =>
      call('POST', '/api/supervision/card-answers', user, {
        cardId: card.id,
        version: card.version,
        ...body,
      });
    expect((await answer('chief-sj', { answer: '已核查' })).status).toBe(403);
    expect((await answer('supervisor', { answer: '已核查' })).status).toBe(403);
    expect((await answer('chief', { answer: '   ' })).status).toBe(400);
    const stale = await answer('chief', { answer: '已核查', version: card.version + 5 });
    expect(stale.body).toMatchObject({ status: 409 });
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(card.version);

    const done = await answer('chief', { answer: '已核查：材料流转延误，已督促办结并约谈经办人。' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ id: card.id, version: card.version + 1, answeredBy: 'chief' });
    const twice = await answer('leader', { answer: '再次回复', version: card.version + 1 });
    expect(twice.status).toBe(409);

    const all = await cardsOf('supervisor', '?department=mz');
    expect(all.items.find((candidate) => candidate.id === card.id)?.answer).toMatch(/约谈经办人/);
    expect((await cardsOf('chief', '?open=true')).items.some((candidate) => candidate.id === card.id)).toBe(
      false,
    );
    const stored = await DynamoDBDocumentClient.from(runtime.store.client).send(
      new GetCommand({ TableName: 'yichuang', Key: { pk: `card#${card.id}`, sk: 'card' } }),
    );
    expect(stored.Item?.clockShard).toBeUndefined();
    expect(stored.Item?.nextCheckAt).toBeUndefined();
  });
});

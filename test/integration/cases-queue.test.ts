import { randomUUID } from 'node:crypto';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../support/runtime.ts';

/**
 * The window's three lists against the real local runtime: cases in progress (the work queue),
 * delivered cases awaiting closure (待归档) apart from them, and finished cases; a status filter
 * mixing lists is refused; a delivered case stays awaiting closure — even after a sweep two
 * months on — until the clerk or the chief closes it (归档).
 */

interface Reply {
  status: number;
  body: Record<string, unknown>;
}

interface Entry {
  caseNo: string;
  status: string;
  statusLabel: string;
  deliveredAt: string | null;
}

let runtime: TestRuntime;
const tokens = new Map<string, string>();

async function call(method: string, path: string, user: string, body?: unknown): Promise<Reply> {
  if (!tokens.has(user)) tokens.set(user, await runtime.identity.issue(user));
  const headers: Record<string, string> = { authorization: `Bearer ${tokens.get(user)}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (path === '/api/cases' && method === 'POST') headers['idempotency-key'] = randomUUID();
  const response = await fetch(`${runtime.baseUrl}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** A YC-MZ-0102 case of mz-01, moved by `clerk` through the given steps. */
async function caseThrough(slugs: readonly string[]): Promise<string> {
  const intake = await call('POST', '/api/cases', 'clerk', {
    itemCode: 'YC-MZ-0102',
    applicant: { kind: 'individual', name: '孙八', idNumber: '11010519491231002X', phone: '13812340000' },
    materials: ['m1', 'm2', 'm3', 'm6'].map((id) => ({ id, state: 'submitted' })),
  });
  expect(intake.status).toBe(201);
  const caseNo = intake.body.caseNo as string;
  const bodies: Record<string, Record<string, unknown>> = {
    acceptance: { told: '受理' },
    approval: { told: '准予变更登记' },
    delivery: { method: 'window' },
    closure: {},
  };
  for (const [index, slug] of slugs.entries()) {
    const reply = await call('POST', `/api/cases/${caseNo}/${slug}`, 'clerk', {
      version: index + 1,
      ...bodies[slug],
    });
    expect(reply.status, `${slug}: ${JSON.stringify(reply.body)}`).toBe(200);
  }
  return caseNo;
}

const delivered = ['acceptance', 'approval', 'delivery'] as const;

async function list(query: string, user = 'clerk'): Promise<Entry[]> {
  const reply = await call('GET', `/api/cases${query}`, user);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body.items as Entry[];
}

const numbers = (entries: Entry[]) => entries.map((entry) => entry.caseNo);

beforeAll(async () => {
  runtime = await startTestRuntime();
}, 60_000);
afterAll(async () => {
  await runtime?.stop();
});

describe('the window’s lists', () => {
  let inProgress: string;
  let firstDelivered: string;
  let secondDelivered: string;
  let closed: string;

  it('lists delivered cases apart from the cases in progress, oldest delivery first', async () => {
    inProgress = await caseThrough(['acceptance']);
    firstDelivered = await caseThrough(delivered);
    secondDelivered = await caseThrough(delivered);
    closed = await caseThrough([...delivered, 'closure']);

    const queue = await list('');
    expect(numbers(queue)).toContain(inProgress);
    for (const caseNo of [firstDelivered, secondDelivered, closed])
      expect(numbers(queue)).not.toContain(caseNo);
    expect(queue.every((entry) => entry.status !== 'delivered' && entry.deliveredAt === null)).toBe(true);

    const toClose = await list('?status=delivered');
    expect(numbers(toClose)).toEqual([firstDelivered, secondDelivered]);
    for (const entry of toClose) {
      expect(entry).toMatchObject({ status: 'delivered', statusLabel: '已出件' });
      expect(entry.deliveredAt).toMatch(/\+08:00$/);
    }
    expect(String(toClose[0]?.deliveredAt) <= String(toClose[1]?.deliveredAt)).toBe(true);
    // The chief reads the same list of the window, page by page.
    const first = await call('GET', '/api/cases?window=mz-01&status=delivered&limit=1', 'chief');
    expect(numbers(first.body.items as Entry[])).toEqual([firstDelivered]);
    const second = await list(
      `?window=mz-01&status=delivered&limit=1&cursor=${first.body.nextCursor as string}`,
      'chief',
    );
    expect(numbers(second)).toEqual([secondDelivered]);

    expect(numbers(await list('?status=closed'))).toEqual([closed]);
    const item = await DynamoDBDocumentClient.from(runtime.store.client).send(
      new GetCommand({ TableName: 'yichuang', Key: { pk: `case#${secondDelivered}`, sk: 'case' } }),
    );
    expect(item.Item?.gsi1pk).toBe('window#mz-01#delivered');
  });

  it('refuses a status filter that mixes lists, naming the field and rule', async () => {
    for (const status of ['accepted,delivered', 'delivered,closed', 'inReview,closed']) {
      const reply = await call('GET', `/api/cases?status=${status}`, 'clerk');
      expect(reply.status).toBe(400);
      expect(reply.body.errors).toEqual([
        expect.objectContaining({ field: 'query.status', rule: 'one_list' }),
      ]);
    }
  });

  it('keeps a delivered case awaiting closure until the clerk closes it; nothing closes it by itself', async () => {
    const later = new Date(Date.now() + 60 * 86_400_000).toISOString();
    expect((await call('POST', '/api/supervision/sweeps', 'supervisor', { now: later })).status).toBe(200);
    expect(numbers(await list('?status=delivered'))).toEqual([firstDelivered, secondDelivered]);

    const current = await call('GET', `/api/cases/${firstDelivered}`, 'clerk');
    const closure = await call('POST', `/api/cases/${firstDelivered}/closure`, 'clerk', {
      version: current.body.version,
    });
    expect(closure.status).toBe(200);
    expect(closure.body.status).toBe('closed');
    expect(numbers(await list('?status=delivered'))).toEqual([secondDelivered]);
    expect(numbers(await list('?status=closed'))).toEqual([firstDelivered, closed]);
    expect(numbers(await list(''))).not.toContain(firstDelivered);
    // The visit can still be rated once the case is closed.
    expect((await call('GET', `/api/cases/${firstDelivered}/rating-link`, 'clerk')).status).toBe(200);
  });
});

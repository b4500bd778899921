import { randomUUID } from 'node:crypto';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { civilDateAt } from '../../functions/domain/calendar/instant.ts';
import { startTestRuntime, type TestRuntime } from '../support/runtime.ts';

/**
 * GET /api/figures against the real local runtime: cases taken in and finished over HTTP show in
 * the figures of the day and the month, for the department, the window and the clerk; each role
 * reads its own scope and below; a bad scope or period is a 400 naming the parameter.
 */

interface Reply {
  status: number;
  contentType: string | null;
  body: Record<string, unknown>;
}

interface Rate {
  numerator: number;
  denominator: number;
  value: number | null;
}

interface Figures {
  scope: string;
  period: { key: string };
  counts: Record<string, number>;
  rates: Record<'onTime' | 'early' | 'onTheSpot' | 'correctionNotice' | 'instantShare', Rate>;
  workdays: { decisions: number; meanUsed: number | null };
  overdue: { count: number; cases?: unknown[] };
}

let runtime: TestRuntime;
const tokens = new Map<string, string>();

async function call(
  method: string,
  path: string,
  user?: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const all: Record<string, string> = { ...headers };
  if (user) {
    if (!tokens.has(user)) tokens.set(user, await runtime.identity.issue(user));
    all.authorization = `Bearer ${tokens.get(user)}`;
  }
  if (body !== undefined) all['content-type'] = 'application/json';
  const response = await fetch(`${runtime.baseUrl}${path}`, {
    method,
    headers: all,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}

const applicant = {
  kind: 'individual',
  name: '张三丰',
  idNumber: '11010519491231002X',
  phone: '13812345678',
};
const complete = ['m1', 'm2', 'm3', 'm6'].map((id) => ({ id, state: 'submitted' }));

async function intake(body: Record<string, unknown>, user = 'clerk'): Promise<string> {
  const reply = await call(
    'POST',
    '/api/cases',
    user,
    { applicant, ...body },
    { 'idempotency-key': randomUUID() },
  );
  expect(reply.status).toBe(201);
  return reply.body.caseNo as string;
}

async function step(caseNo: string, slug: string, user: string, body: Record<string, unknown>) {
  const version = (await call('GET', `/api/cases/${caseNo}`, 'supervisor')).body.version as number;
  const reply = await call('POST', `/api/cases/${caseNo}/${slug}`, user, { version, ...body });
  expect(reply.status, `${slug}: ${JSON.stringify(reply.body)}`).toBe(200);
}

async function figures(
  query: string,
  user: string,
): Promise<{ current: Figures; previous: Figures; yearBefore: Figures; scope: string }> {
  const reply = await call('GET', `/api/figures?${query}`, user);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body as never;
}

const today = civilDateAt(new Date());
const month = today.slice(0, 7);
let before: Figures;
let caseNos: Record<string, string>;

beforeAll(async () => {
  runtime = await startTestRuntime();
  before = (await figures(`scope=department:mz&period=${month}`, 'chief')).current;
  const settled = await intake({ itemCode: 'YC-MZ-0102', materials: complete });
  await step(settled, 'acceptance', 'clerk', { told: '出具受理通知书' });
  await step(settled, 'approval', 'clerk', { told: '准予变更登记' });
  await step(settled, 'delivery', 'clerk', { method: 'window' });
  const noticed = await intake({
    itemCode: 'YC-MZ-0102',
    materials: complete.map((m) => (m.id === 'm2' ? { ...m, state: 'missing' } : m)),
  });
  await step(noticed, 'correction-notice', 'clerk', { told: '一次性告知：缺少业务主管单位同意文件' });
  const withdrawn = await intake({ itemCode: 'YC-MZ-0102', materials: complete });
  await step(withdrawn, 'acceptance', 'clerk', { told: '受理' });
  await step(withdrawn, 'withdrawal', 'clerk', { reason: '申请人书面撤回', told: '已告知' });
  const refused = await intake({ itemCode: 'YC-MZ-0102', materials: complete });
  await step(refused, 'non-acceptance', 'clerk', {
    reason: '不属于本部门职权范围',
    remedies: '可申请行政复议或提起行政诉讼',
    told: '已告知',
  });
  const instant = await intake({
    itemCode: 'YC-MZ-0401',
    materials: [
      { id: 'm1', state: 'submitted' },
      { id: 'm3', state: 'submitted' },
    ],
    settleInstantly: { told: '当场办结' },
  });
  const otherClerk = await intake({ itemCode: 'YC-MZ-0102', materials: complete }, 'clerk-b');
  caseNos = { settled, noticed, withdrawn, refused, instant, otherClerk };
}, 120_000);
afterAll(async () => {
  await runtime?.stop();
});

const delta = (after: Figures, key: string) => (after.counts[key] ?? 0) - (before.counts[key] ?? 0);

describe('GET /api/figures', () => {
  it('counts the cases taken in and finished this month for the department', async () => {
    const reply = await figures(`scope=department:mz&period=${month}`, 'chief');
    const after = reply.current;
    expect(reply.scope).toBe('department:mz');
    expect(after.period.key).toBe(month);
    expect(
      Object.fromEntries(
        [
          'received',
          'accepted',
          'notAccepted',
          'correctionNotices',
          'instantSettlements',
          'decided',
          'approved',
          'refused',
          'delivered',
          'withdrawn',
        ].map((key) => [key, delta(after, key)]),
      ),
    ).toEqual({
      received: 6,
      accepted: 3,
      notAccepted: 1,
      correctionNotices: 1,
      instantSettlements: 1,
      decided: 2,
      approved: 2,
      refused: 0,
      delivered: 2,
      withdrawn: 1,
    });
    expect(after.rates.onTime.numerator - before.rates.onTime.numerator).toBe(2);
    expect(after.rates.onTheSpot.numerator - before.rates.onTheSpot.numerator).toBe(2);
    expect(after.rates.correctionNotice.denominator).toBe(after.counts.received);
    expect(after.overdue.cases).toEqual([]);
  });

  it('counts the day, a window and a clerk, with 环比 and 同比', async () => {
    const day = await figures(`scope=window:mz-01&period=${today}`, 'supervisor');
    expect(day.current.counts.received).toBeGreaterThanOrEqual(6);
    expect(day.previous.period.key < today).toBe(true);
    expect(day.yearBefore.period.key).toBe(`${Number(today.slice(0, 4)) - 1}${today.slice(4)}`);
    const clerkB = await figures(`scope=clerk:clerk-b&period=${month}`, 'chief');
    expect(clerkB.current.counts.received).toBe(1);
    const own = await figures(`period=${month}`, 'clerk-b');
    expect(own.scope).toBe('clerk:clerk-b');
    expect(own.current.counts).toEqual(clerkB.current.counts);
  });

  it('lets each role read its own scope and below, and refuses a scope above it with 403', async () => {
    const cases: [string, string, number][] = [
      ['clerk', 'clerk:clerk', 200],
      ['clerk', 'clerk:clerk-b', 403],
      ['clerk', 'window:mz-01', 403],
      ['clerk', 'centre', 403],
      ['chief', 'window:mz-01', 200],
      ['chief', 'department:sw', 403],
      ['chief', 'centre', 403],
      ['leader', 'centre', 200],
      ['supervisor', 'department:sw', 200],
      ['admin', 'centre', 200],
    ];
    const outcomes = [];
    for (const [user, scope] of cases) {
      const reply = await call(
        'GET',
        `/api/figures?scope=${encodeURIComponent(scope)}&period=${month}`,
        user,
      );
      outcomes.push([user, scope, reply.status]);
      if (reply.status === 403) expect(reply.contentType).toBe('application/problem+json');
    }
    expect(outcomes).toEqual(cases);
  });

  it('answers a bad scope or period with 400 naming the parameter', async () => {
    for (const [query, field] of [
      ['scope=team:mz&period=2026-12', 'query.scope'],
      ['scope=centre&period=2026-13', 'query.period'],
      ['scope=centre&period=2026-02-30', 'query.period'],
      ['scope=centre', 'query.period'],
    ] as const) {
      const reply = await call('GET', `/api/figures?${query}`, 'supervisor');
      expect(reply.status, query).toBe(400);
      expect(reply.contentType).toBe('application/problem+json');
      expect((reply.body.errors as { field: string }[]).map((error) => error.field)).toEqual([field]);
    }
  });

  it('reads a month through its index: one item per case and month touched', async () => {
    const result = await DynamoDBDocumentClient.from(runtime.store.client).send(
      new QueryCommand({
        TableName: 'yichuang',
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `figures#YC0001#${month}` },
      }),
    );
    const indexed = (result.Items ?? []).map((item) => item.caseNo as string);
    for (const caseNo of Object.values(caseNos)) expect(indexed).toContain(caseNo);
    expect(new Set(indexed).size).toBe(indexed.length);
    const settled = result.Items?.find((item) => item.caseNo === caseNos.settled);
    expect([...((settled?.days as Set<string> | undefined) ?? [])]).toEqual([today]);
  });
});

async function ledger(query: string, user: string) {
  if (!tokens.has(user)) tokens.set(user, await runtime.identity.issue(user));
  const response = await fetch(`${runtime.baseUrl}/api/ledger?${query}`, {
    headers: { authorization: `Bearer ${tokens.get(user)}` },
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { response, bytes, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) };
}

/** The rows of a ledger page (without a header row), split on CRLF; fields hold no commas here. */
const rowsOf = (text: string, header: boolean) =>
  text
    .split('\r\n')
    .filter((line) => line !== '')
    .slice(header ? 1 : 0)
    .map((line) => line.split(','));

describe('GET /api/ledger', () => {
  it('gives the month’s cases as CSV in UTF-8 with a BOM, the applicant masked, with a filename', async () => {
    const { response, bytes, text } = await ledger(`scope=department:mz&period=${month}`, 'chief');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toContain(
      `filename="ledger-department-mz-${month}.csv"`,
    );
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header] = text.slice(1).split('\r\n');
    expect(header?.split(',').slice(0, 4)).toEqual(['受理编号', '事项编码', '事项名称', '申请人']);
    const rows = rowsOf(text.slice(1), true);
    const byCase = new Map(rows.map((row) => [row[0], row]));
    for (const caseNo of Object.values(caseNos)) expect(byCase.has(caseNo)).toBe(true);
    expect(byCase.get(caseNos.settled)?.slice(3, 4)).toEqual(['张**']);
    expect(byCase.get(caseNos.settled)?.at(-1)).toBe('是');
    expect(byCase.get(caseNos.refused)?.[7]).toBe('不予受理');
    expect(text).not.toContain('张三丰');
    expect(text).not.toContain(applicant.idNumber);
    expect(text).not.toContain(applicant.phone);
    expect(response.headers.get('link')).toBeNull();
  });

  it('pages: the header once, then rows only, following rel="next" to the last page', async () => {
    const whole = rowsOf((await ledger(`scope=department:mz&period=${month}`, 'chief')).text.slice(1), true);
    const paged: string[][] = [];
    let query: string | null = `scope=department:mz&period=${month}&limit=2`;
    let pages = 0;
    while (query) {
      const { response, text } = await ledger(query, 'chief');
      expect(response.status).toBe(200);
      expect(text.startsWith('\uFEFF')).toBe(pages === 0);
      paged.push(...rowsOf(pages === 0 ? text.slice(1) : text, pages === 0));
      const next = /^<\/api\/ledger\?([^>]+)>; rel="next"$/.exec(response.headers.get('link') ?? '');
      query = next ? (next[1] as string) : null;
      pages += 1;
    }
    expect(pages).toBeGreaterThan(2);
    expect(paged).toEqual(whole);
  });

  it('refuses a bad cursor, an unknown format and a scope above the role', async () => {
    const badCursor = await call('GET', `/api/ledger?period=${month}&cursor=abc`, 'supervisor');
    expect(badCursor.status).toBe(400);
    expect((badCursor.body.errors as { field: string }[])[0]?.field).toBe('query.cursor');
    const pdf = await call('GET', `/api/ledger?period=${month}&format=pdf`, 'supervisor');
    expect(pdf.status).toBe(400);
    expect((pdf.body.errors as { field: string }[])[0]?.field).toBe('query.format');
    const above = await call('GET', `/api/ledger?period=${month}&scope=centre`, 'clerk');
    expect(above.status).toBe(403);
  });
});

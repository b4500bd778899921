import { randomUUID } from 'node:crypto';
import { DynamoDBDocumentClient, GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatInstant } from '../../functions/domain/calendar/instant.ts';
import { startTestRuntime, type TestRuntime } from '../support/runtime.ts';

/**
 * Ratings (好差评) against the real local runtime: the receipt link of a delivered case, the
 * rater's lookup and submission with every refusal (forged token, reuse, concurrency, size,
 * markup, levels, staff token), the rectification of bad ratings over HTTP to closed, the queue,
 * the figures checked against what this file created, and the sweep escalating a late call-back.
 */

interface Reply {
  status: number;
  contentType: string | null;
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
  if (payload !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${runtime.baseUrl}${path}`, {
    method,
    headers,
    ...(payload === undefined ? {} : { body: payload }),
  });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}

const mzIntake = {
  itemCode: 'YC-MZ-0102',
  applicant: { kind: 'individual', name: '张三丰', idNumber: '11010519491231002X', phone: '13812345678' },
  materials: ['m1', 'm2', 'm3', 'm6'].map((id) => ({ id, state: 'submitted' })),
};

let delivered = 0;

/** A case of mz-01 taken in, accepted, approved and delivered by `clerk`. */
async function deliveredCase(): Promise<string> {
  const intake = await call('POST', '/api/cases', {
    user: 'clerk',
    body: mzIntake,
    headers: { 'idempotency-key': randomUUID() },
  });
  expect(intake.status).toBe(201);
  const caseNo = intake.body.caseNo as string;
  const steps: [string, Record<string, unknown>][] = [
    ['acceptance', { told: '受理' }],
    ['approval', { told: '准予变更登记' }],
    ['delivery', { method: 'window' }],
  ];
  for (const [index, [slug, body]] of steps.entries()) {
    const reply = await call('POST', `/api/cases/${caseNo}/${slug}`, {
      user: 'clerk',
      body: { version: index + 1, ...body },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  }
  delivered += 1;
  return caseNo;
}

async function linkOf(caseNo: string): Promise<{ token: string; path: string; url: string }> {
  const reply = await call('GET', `/api/cases/${caseNo}/rating-link`, { user: 'clerk' });
  expect(reply.status).toBe(200);
  return reply.body as { token: string; path: string; url: string };
}

async function rate(caseNo: string, token: string, levels: Record<string, unknown>): Promise<Reply> {
  return call('POST', '/api/public/ratings', { body: { caseNo, token, ...levels } });
}

async function ratingItem(caseNo: string): Promise<Record<string, unknown> | undefined> {
  const result = await DynamoDBDocumentClient.from(runtime.store.client).send(
    new GetCommand({ TableName: 'yichuang', Key: { pk: `rating#${caseNo}`, sk: 'rating' } }),
  );
  return result.Item;
}

async function step(
  caseNo: string,
  slug: string,
  user: string,
  body: Record<string, unknown>,
): Promise<Reply> {
  const current = await call('GET', `/api/ratings/${caseNo}`, { user: 'supervisor' });
  return call('POST', `/api/ratings/${caseNo}/rectification/${slug}`, {
    user,
    body: { version: current.body.version, ...body },
  });
}

beforeAll(async () => {
  runtime = await startTestRuntime();
}, 60_000);
afterAll(async () => {
  await runtime?.stop();
});

const month = formatInstant(Date.now()).slice(0, 7);
let goodCase: string;
let badCase: string;
let appealedCase: string;

describe('the receipt link', () => {
  it('is issued for a delivered case only, to its department', async () => {
    const intake = await call('POST', '/api/cases', {
      user: 'clerk',
      body: mzIntake,
      headers: { 'idempotency-key': randomUUID() },
    });
    const open = intake.body.caseNo as string;
    const early = await call('GET', `/api/cases/${open}/rating-link`, { user: 'clerk' });
    expect(early.status).toBe(422);
    expect(await ratingItem(open)).toBeUndefined();

    goodCase = await deliveredCase();
    // The delivery recorded the invitation.
    expect(await ratingItem(goodCase)).toMatchObject({
      type: 'rating',
      version: 1,
      gsi1pk: `ratings#${month}`,
    });
    const link = await linkOf(goodCase);
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(link.path).toBe(`/rate/#c=${goodCase}&t=${link.token}`);
    expect(link.url).toBe(`${runtime.baseUrl}${link.path}`);
    expect((await call('GET', `/api/cases/${goodCase}/rating-link`, { user: 'chief' })).body.token).toBe(
      link.token,
    );
    expect((await call('GET', `/api/cases/${goodCase}/rating-link`, { user: 'clerk-sw' })).status).toBe(403);
    expect((await call('GET', `/api/cases/${goodCase}/rating-link`, { user: 'leader' })).status).toBe(403);
  });

  it('opens on the rater’s side: the item, the window, the day, nothing personal', async () => {
    const { token } = await linkOf(goodCase);
    const lookup = await call('POST', '/api/public/ratings/lookup', { body: { caseNo: goodCase, token } });
    expect(lookup.status).toBe(200);
    expect(lookup.body).toEqual({
      caseNo: goodCase,
      itemName: expect.any(String),
      window: 'mz-01',
      deliveredOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      rated: false,
    });
    expect(JSON.stringify(lookup.body)).not.toContain('张');
  });
});

describe('the rating', () => {
  it('answers a forged token and an unknown case the same 404, storing nothing', async () => {
    const { token } = await linkOf(goodCase);
    const before = await ratingItem(goodCase);
    const forged = await rate(goodCase, `${token.slice(0, -2)}xx`, { overall: 5 });
    const unknownNo = 'YC0001-20200101-0001';
    const unknown = await rate(unknownNo, token, { overall: 5 });
    const malformed = await rate('no-such-case', token, { overall: 5 });
    for (const reply of [forged, unknown, malformed]) {
      expect(reply.status).toBe(404);
      expect(reply.contentType).toBe('application/problem+json');
    }
    expect(unknown.body).toEqual(forged.body);
    expect(malformed.body).toEqual(forged.body);
    const lookup = await call('POST', '/api/public/ratings/lookup', { body: { caseNo: unknownNo, token } });
    expect(lookup.body).toEqual(forged.body);
    expect(await ratingItem(goodCase)).toEqual(before);
    expect(await ratingItem(unknownNo)).toBeUndefined();
  });

  it('refuses bad bodies: oversized 413, markup and levels 400 naming the field', async () => {
    const { token } = await linkOf(goodCase);
    const big = await call('POST', '/api/public/ratings', {
      raw: JSON.stringify({ caseNo: goodCase, token, overall: 5, comment: '好'.repeat(4000) }),
    });
    expect(big.status).toBe(413);
    const markup = await rate(goodCase, token, { overall: 5, comment: '<script>alert(1)</script>' });
    expect(markup.status).toBe(400);
    expect((markup.body.errors as { field: string }[]).map((e) => e.field)).toEqual(['body.comment']);
    const missing = await rate(goodCase, token, { attitude: 5 });
    expect(missing.status).toBe(400);
    expect((missing.body.errors as { field: string }[]).map((e) => e.field)).toEqual(['body.overall']);
    const outOfRange = await rate(goodCase, token, { overall: 6, efficiency: 0, serviceLevel: 2.5 });
    expect(outOfRange.status).toBe(400);
    expect((outOfRange.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
      'body.efficiency',
      'body.overall',
      'body.serviceLevel',
    ]);
    expect((await ratingItem(goodCase))?.ratedAt).toBeUndefined();
  });

  it('refuses a staff token on the public route: 工作人员不得代为评价', async () => {
    const { token } = await linkOf(goodCase);
    const staff = await call('POST', '/api/public/ratings', {
      user: 'clerk',
      body: { caseNo: goodCase, token, overall: 5 },
    });
    expect(staff.status).toBe(403);
    expect(staff.body.title).toBe('工作人员不得代为评价');
    expect((await ratingItem(goodCase))?.ratedAt).toBeUndefined();
  });

  it('records one rating per visit: a reused token gets 409 and changes nothing', async () => {
    const { token } = await linkOf(goodCase);
    const first = await rate(goodCase, token, { overall: 4, efficiency: 5, attitude: 4, comment: '很快' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      rated: true,
      rating: { overall: 4, overallLabel: '满意', comment: '很快' },
    });
    const stored = await ratingItem(goodCase);
    expect(stored).toMatchObject({ version: 2, ratedAt: expect.any(String) });
    expect(stored?.gsi2pk).toBeUndefined();
    const again = await rate(goodCase, token, { overall: 1 });
    expect(again.status).toBe(409);
    expect(again.body.title).toBe('此次办事已评价');
    expect(await ratingItem(goodCase)).toEqual(stored);
    const lookup = await call('POST', '/api/public/ratings/lookup', { body: { caseNo: goodCase, token } });
    expect(lookup.body).toMatchObject({ rated: true, rating: { overall: 4, efficiency: 5 } });
  });

  it('lets exactly one of two concurrent submissions through', async () => {
    const caseNo = await deliveredCase();
    const { token } = await linkOf(caseNo);
    const replies = await Promise.all([
      rate(caseNo, token, { overall: 5 }),
      rate(caseNo, token, { overall: 3 }),
      rate(caseNo, token, { overall: 4 }),
    ]);
    expect(replies.map((reply) => reply.status).sort()).toEqual([201, 409, 409]);
    const winner = replies.find((reply) => reply.status === 201) as Reply;
    expect((await ratingItem(caseNo))?.data).toMatchObject({
      version: 2,
      rating: { overall: (winner.body.rating as { overall: number }).overall },
    });
  });

  it('creates a missing invitation lazily (a crash between the delivery and its invitation loses nothing)', async () => {
    const caseNo = await deliveredCase();
    const { DeleteCommand } = await import('@aws-sdk/lib-dynamodb');
    await DynamoDBDocumentClient.from(runtime.store.client).send(
      new DeleteCommand({ TableName: 'yichuang', Key: { pk: `rating#${caseNo}`, sk: 'rating' } }),
    );
    const { token } = await linkOf(caseNo);
    expect(await ratingItem(caseNo)).toMatchObject({ version: 1 });
    expect((await rate(caseNo, token, { overall: 5 })).status).toBe(201);
  });
});

describe('a bad rating', () => {
  it('opens a rectification in the handler’s queue', async () => {
    badCase = await deliveredCase();
    const { token } = await linkOf(badCase);
    expect((await rate(badCase, token, { overall: 1, attitude: 1, comment: '等候太久' })).status).toBe(201);
    const queue = await call('GET', '/api/ratings/rectifications', { user: 'clerk' });
    expect(queue.status).toBe(200);
    expect(queue.body.items).toEqual([
      expect.objectContaining({
        caseNo: badCase,
        assignee: 'clerk',
        status: 'open',
        overall: 1,
        dueAt: expect.any(String),
      }),
    ]);
    expect((await call('GET', '/api/ratings/rectifications', { user: 'chief' })).body.items).toHaveLength(1);
    expect((await call('GET', '/api/ratings/rectifications', { user: 'clerk-sw' })).body.items).toEqual([]);
    expect((await call('GET', '/api/ratings/rectifications?window=sw-01', { user: 'clerk' })).status).toBe(
      403,
    );
    expect(
      (await call('GET', '/api/ratings/rectifications?window=mz-01', { user: 'supervisor' })).body.items,
    ).toHaveLength(1);
    const view = await call('GET', `/api/ratings/${badCase}`, { user: 'clerk' });
    expect(view.body).toMatchObject({ bad: true, statusLabel: '待回访', availableSteps: ['callBack'] });
    expect((await call('GET', `/api/ratings/${badCase}`, { user: 'clerk-sw' })).status).toBe(403);
    expect((await call('GET', '/api/ratings/YC0001-20200101-0001', { user: 'clerk' })).status).toBe(404);
  });

  it('escalates an overdue call-back through the sweep to the handler and the chief', async () => {
    const at = new Date(Date.now() + 10 * 86_400_000).toISOString();
    const sweep = await call('POST', '/api/supervision/sweeps', { user: 'supervisor', body: { now: at } });
    expect(sweep.status).toBe(200);
    expect((sweep.body.changedByType as Record<string, number>).RatingRedCard).toBe(1);
    for (const user of ['clerk', 'chief', 'leader', 'supervisor']) {
      const inbox = await call('GET', '/api/inbox', { user });
      const cards = (inbox.body.items as { type: string; subject: { id: string; kind: string } }[]).filter(
        (entry) => entry.subject.id === badCase && entry.subject.kind === 'rating',
      );
      expect(
        cards.map((entry) => entry.type),
        user,
      ).toEqual(['RatingRedCard']);
    }
    const inbox = await call('GET', '/api/inbox', { user: 'clerk-sw' });
    expect((inbox.body.items as { subject: { id: string } }[]).some((e) => e.subject.id === badCase)).toBe(
      false,
    );
    // The sweep's own attributes survive the next command (an UpdateCommand of the rating's own).
    expect(await ratingItem(badCase)).toMatchObject({ recordedLevels: { callback: { level: 'red' } } });
  });

  it('runs the loop to closed: refusals first, then call back → fix at once → tell the rater → close', async () => {
    const current = (await call('GET', `/api/ratings/${badCase}`, { user: 'clerk' })).body.version as number;
    const stranger = await step(badCase, 'call-back', 'clerk-b', { reached: true, verified: '核实' });
    expect(stranger.status).toBe(403);
    const stale = await call('POST', `/api/ratings/${badCase}/rectification/call-back`, {
      user: 'clerk',
      body: { version: current - 1, reached: true, verified: '核实' },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(current);
    expect((await step(badCase, 'fix-at-once', 'clerk', { done: '改进' })).status).toBe(409);
    const blank = await step(badCase, 'call-back', 'clerk', { reached: true, verified: '' });
    expect(blank.status).toBe(400);
    expect((blank.body.errors as { field: string }[])[0]?.field).toBe('body.verified');
    expect((await step(badCase, 'appeal-decision', 'chief', { upheld: true, reasons: '属实' })).status).toBe(
      403,
    );

    const called = await step(badCase, 'call-back', 'clerk', {
      reached: true,
      verified: '等候 40 分钟，属实',
    });
    expect(called.status).toBe(200);
    expect(called.body).toMatchObject({ statusLabel: '已回访核实', version: current + 1 });
    expect((await ratingItem(badCase))?.clockShard).toBeUndefined();
    expect((await step(badCase, 'fix-at-once', 'clerk', { done: '增开 2 号窗口' })).status).toBe(200);
    expect(
      (await step(badCase, 'tell-rater', 'clerk', { how: '电话', what: '已增开窗口，感谢监督' })).status,
    ).toBe(200);
    const closed = await step(badCase, 'close', 'chief', {});
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ statusLabel: '已办结', availableSteps: [] });
    expect((closed.body.history as { step: string }[]).map((entry) => entry.step)).toEqual([
      'invite',
      'rate',
      'callBack',
      'fixAtOnce',
      'tellRater',
      'close',
    ]);
    expect(await ratingItem(badCase)).not.toHaveProperty('gsi2pk');
    expect((await call('GET', '/api/ratings/rectifications', { user: 'clerk' })).body.items).toEqual([]);
    const { token } = await linkOf(badCase);
    const lookup = await call('POST', '/api/public/ratings/lookup', { body: { caseNo: badCase, token } });
    expect(lookup.body.outcome).toMatchObject({ how: '电话', what: '已增开窗口，感谢监督', closed: true });
  });

  it('rectifies within a deadline, and an upheld appeal leaves the satisfaction figures', async () => {
    const deadline = await deliveredCase();
    await rate(deadline, (await linkOf(deadline)).token, { overall: 2 });
    await step(deadline, 'call-back', 'clerk', { reached: false, verified: '未接通，查阅监控核实' });
    const rectifying = await step(deadline, 'rectify', 'clerk', { plan: '两周内完成礼仪培训' });
    expect(rectifying.body).toMatchObject({ statusLabel: '限期整改中' });
    expect((await ratingItem(deadline))?.gsi2sk).toMatch(/^mz-01#\d{4}-\d{2}-\d{2}T/);

    appealedCase = await deliveredCase();
    await rate(appealedCase, (await linkOf(appealedCase)).token, { overall: 1 });
    await step(appealedCase, 'call-back', 'clerk', { reached: true, verified: '评价人称误点' });
    expect(
      (await step(appealedCase, 'appeal', 'clerk', { ground: 'mistaken', reasons: '评价人误点' })).status,
    ).toBe(200);
    const upheld = await step(appealedCase, 'appeal-decision', 'supervisor', {
      upheld: true,
      reasons: '录音核实',
    });
    expect(upheld.status).toBe(200);
    expect(upheld.body).toMatchObject({
      statusLabel: '申诉成立',
      excluded: { reason: expect.stringContaining('误评') },
    });
  });

  it('counts the month’s figures from what was created', async () => {
    const figures = await call('GET', `/api/ratings/figures?month=${month}`, { user: 'chief' });
    expect(figures.status).toBe(200);
    const windows = figures.body.windows as Record<string, unknown>[];
    expect(windows.map((w) => w.window)).toEqual(['mz-01']);
    // Rated: good (4), concurrent (one of 5/4/3), lazy (5), bad (1, closed), deadline (2), appealed (1, upheld).
    expect(windows[0]).toMatchObject({
      visits: delivered,
      ratings: 6,
      counted: 5,
      satisfied: 3,
      satisfactionRate: 3 / 5,
      bad: 3,
      excluded: 1,
      calledBack: 3,
      callbackRate: 1,
      rectified: 2,
      rectificationRate: 2 / 3,
      closed: 1,
    });
    expect(windows[0]?.ratingRate).toBeCloseTo(6 / delivered);
    const own = await call('GET', `/api/ratings/figures?month=${month}`, { user: 'clerk' });
    expect((own.body.windows as unknown[]).length).toBe(1);
    expect(
      (await call('GET', `/api/ratings/figures?month=${month}&window=sw-01`, { user: 'clerk' })).status,
    ).toBe(403);
    const tax = await call('GET', `/api/ratings/figures?month=${month}`, { user: 'clerk-sw' });
    expect(tax.body.windows).toEqual([]);
    expect((await call('GET', '/api/ratings/figures?month=2026-13', { user: 'admin' })).status).toBe(400);
    const all = await call('GET', `/api/ratings/figures?month=${month}`, { user: 'admin' });
    expect((all.body.total as { visits: number }).visits).toBe(delivered);
  });

  it('keeps the rater anonymous: no rating item holds personal data', async () => {
    const scan = await DynamoDBDocumentClient.from(runtime.store.client).send(
      new ScanCommand({
        TableName: 'yichuang',
        FilterExpression: '#t = :rating',
        ExpressionAttributeNames: { '#t': 'type' },
        ExpressionAttributeValues: { ':rating': 'rating' },
      }),
    );
    const text = JSON.stringify(scan.Items);
    for (const secret of ['张三丰', '11010519491231002X', '13812345678', '127.0.0.1'])
      expect(text).not.toContain(secret);
  });
});

/**
 * The kept figures on the real local runtime: a case taken in and delivered, its bad rating filed
 * as a complaint too, that complaint triaged valid and another invalid, the rating called back and
 * rectified, cards issued by a sweep — each moves the figures read next (cards once the figures
 * job's catch-up has run, as the runtime runs it after each sweep). A duplicate delivery of any of
 * these changes adds nothing; the recount job rebuilds the same figures; the month close archives
 * the ledger as JSON Lines in the data folder.
 */
import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centreClocks } from '../../functions/config/centre.ts';
import { figureSettings } from '../../functions/config/figures.ts';
import { civilDateAt } from '../../functions/domain/calendar/instant.ts';
import type { FiguresJobResult } from '../../functions/jobs/figures.ts';
import { caseKey } from '../../functions/store/cases/cases.ts';
import { complaintKey } from '../../functions/store/complaints/complaints.ts';
import { projectSource } from '../../functions/store/figures/projector.ts';
import { ratingKey } from '../../functions/store/ratings/ratings.ts';
import { figuresJobFunction } from '../../infra/functions.ts';
import { startTestRuntime, type TestRuntime } from '../support/runtime.ts';

interface Rate {
  numerator: number;
  denominator: number;
  value: number | null;
}

interface Figures {
  counts: Record<string, number>;
  cards: { yellow: number; red: number };
  complaints: { received: number; valid: number };
  ratings: { count: number; satisfaction: Rate; bad: number; rectifiedInTime: Rate };
}

let runtime: TestRuntime;
const tokens = new Map<string, string>();

async function call(method: string, url: string, user?: string, body?: unknown) {
  const headers: Record<string, string> = {};
  if (user) {
    if (!tokens.has(user)) tokens.set(user, await runtime.identity.issue(user));
    headers.authorization = `Bearer ${tokens.get(user)}`;
  }
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method === 'POST' && url === '/api/cases') headers['idempotency-key'] = randomUUID();
  const response = await fetch(`${runtime.baseUrl}${url}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

async function figures(scope: string, period: string): Promise<Figures> {
  const reply = await call(
    'GET',
    `/api/figures?scope=${encodeURIComponent(scope)}&period=${period}`,
    'supervisor',
  );
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body.current as Figures;
}

async function step(url: string, user: string, body: Record<string, unknown>, versionOf: string) {
  const version = (await call('GET', versionOf, 'supervisor')).body.version as number;
  const reply = await call('POST', url, user, { version, ...body });
  expect(reply.status, `${url}: ${JSON.stringify(reply.body)}`).toBe(200);
}

const job = (event: Record<string, unknown>) =>
  runtime.host.invoke(figuresJobFunction, event) as Promise<FiguresJobResult>;

/** The same change delivered again, from outside the runtime: the projector as the job runs it. */
async function deliverAgain(key: { pk: string; sk: string }) {
  return projectSource(
    {
      client: DynamoDBDocumentClient.from(runtime.store.client),
      tableName: 'yichuang',
      centre: 'YC0001',
      ctx: centreClocks(),
      settings: figureSettings(),
    },
    key,
  );
}

const today = civilDateAt(new Date());
const month = today.slice(0, 7);
const scopes = ['centre', 'department:mz', 'window:mz-01', 'clerk:clerk'];
let before: Record<string, Figures>;
let caseNo: string;
let badComplaint: string;
let invalidComplaint: string;

beforeAll(async () => {
  runtime = await startTestRuntime();
  before = Object.fromEntries(
    await Promise.all(scopes.map(async (scope) => [scope, await figures(scope, month)])),
  );
  // A case taken in, accepted, approved and delivered at mz-01 by `clerk`.
  const intake = await call('POST', '/api/cases', 'clerk', {
    itemCode: 'YC-MZ-0102',
    applicant: { kind: 'individual', name: '周九', idNumber: '11010519491231002X', phone: '13812349999' },
    materials: ['m1', 'm2', 'm3', 'm6'].map((id) => ({ id, state: 'submitted' })),
  });
  expect(intake.status).toBe(201);
  caseNo = intake.body.caseNo as string;
  for (const [slug, body] of [
    ['acceptance', { told: '受理' }],
    ['approval', { told: '准予变更登记' }],
    ['delivery', { method: 'window' }],
  ] as const) {
    await step(`/api/cases/${caseNo}/${slug}`, 'clerk', body, `/api/cases/${caseNo}`);
  }
  // Rated 非常不满意 and filed as a complaint; the complaint triaged valid.
  const token = (await call('GET', `/api/cases/${caseNo}/rating-link`, 'clerk')).body.token as string;
  const rated = await call('POST', '/api/public/ratings', undefined, {
    caseNo,
    token,
    overall: 1,
    attitude: 1,
    asComplaint: true,
    complaintFacts: '询问材料要求时被打断',
  });
  expect(rated.status, JSON.stringify(rated.body)).toBe(201);
  badComplaint = (rated.body.complaintReceipt as { complaintNo: string }).complaintNo;
  await step(
    `/api/complaints/${badComplaint}/triage-assign`,
    'supervisor',
    { department: 'mz', window: 'mz-01', complexity: 'simple', told: '已转民政窗口办理' },
    `/api/complaints/${badComplaint}`,
  );
  // The rating called back and rectified at once, in time.
  for (const [slug, body] of [
    ['call-back', { reached: true, verified: '等候时间长，核实属实' }],
    ['fix-at-once', { done: '已当面致歉并调整叫号' }],
  ] as const) {
    await step(`/api/ratings/${caseNo}/rectification/${slug}`, 'clerk', body, `/api/ratings/${caseNo}`);
  }
  // A complaint from the public form against mz-01, triaged invalid.
  const filed = await call('POST', '/api/public/complaints', undefined, {
    category: 'attitude',
    facts: '窗口工作人员态度生硬。',
    complainant: { realName: false },
    respondent: { department: 'mz', window: 'mz-01' },
  });
  expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  invalidComplaint = filed.body.complaintNo as string;
  await step(
    `/api/complaints/${invalidComplaint}/triage-invalid`,
    'supervisor',
    { reason: 'unverifiable', told: '无法核实。' },
    `/api/complaints/${invalidComplaint}`,
  );
}, 120_000);
afterAll(async () => {
  await runtime?.stop();
});

const moved = (scope: string, after: Figures) => {
  const was = before[scope] as Figures;
  return {
    received: (after.counts.received ?? 0) - (was.counts.received ?? 0),
    delivered: (after.counts.delivered ?? 0) - (was.counts.delivered ?? 0),
    complaints: after.complaints.received - was.complaints.received,
    valid: after.complaints.valid - was.complaints.valid,
    ratings: after.ratings.count - was.ratings.count,
    bad: after.ratings.bad - was.ratings.bad,
    inTime: after.ratings.rectifiedInTime.numerator - was.ratings.rectifiedInTime.numerator,
    satisfied: (after.ratings.satisfaction.numerator ?? 0) - (was.ratings.satisfaction.numerator ?? 0),
    rated: after.ratings.satisfaction.denominator - was.ratings.satisfaction.denominator,
  };
};

describe('kept figures on the runtime', () => {
  it('move with the case, its bad rating and rectification, and the complaints, at once', async () => {
    const expected = {
      received: 1,
      delivered: 1,
      complaints: 2,
      valid: 1,
      ratings: 1,
      bad: 1,
      inTime: 1,
      satisfied: 0,
      rated: 1,
    };
    for (const scope of ['centre', 'department:mz', 'window:mz-01']) {
      expect(moved(scope, await figures(scope, month)), scope).toEqual(expected);
    }
    // The clerk: the case and the rating are theirs; the public complaint named no clerk, the
    // bad-rating complaint names them.
    expect(moved('clerk:clerk', await figures('clerk:clerk', month))).toEqual({ ...expected, complaints: 1 });
  });

  it('add nothing when a change is delivered again', async () => {
    const now = await Promise.all(scopes.map((scope) => figures(scope, month)));
    for (const key of [
      caseKey(caseNo),
      ratingKey(caseNo),
      complaintKey(badComplaint),
      complaintKey(invalidComplaint),
    ]) {
      const [first, second] = await Promise.all([deliverAgain(key), deliverAgain(key)]);
      expect([first.outcome, second.outcome]).toEqual(['unchanged', 'unchanged']);
    }
    const pending = await job({ action: 'catch-up', graceSeconds: 0 });
    expect(pending.pending?.counted).toBe(0);
    expect(await Promise.all(scopes.map((scope) => figures(scope, month)))).toEqual(now);
  });

  it('count the cards a sweep issues once the figures job has caught up, where they were issued', async () => {
    // An open case left to run past its deadlines.
    const intake = await call('POST', '/api/cases', 'clerk', {
      itemCode: 'YC-MZ-0102',
      applicant: { kind: 'individual', name: '吴十', idNumber: '11010519491231002X', phone: '13812340000' },
      materials: ['m1', 'm2', 'm3', 'm6'].map((id) => ({ id, state: 'submitted' })),
    });
    const open = intake.body.caseNo as string;
    await step(`/api/cases/${open}/acceptance`, 'clerk', { told: '受理' }, `/api/cases/${open}`);
    const later = new Date(Date.now() + 90 * 86_400_000).toISOString();
    expect((await call('POST', '/api/supervision/sweeps', 'supervisor', { now: later })).status).toBe(200);
    // Every card of mz-01: the open case's, and the valid complaint's (its answer clock ran out too).
    const cards = (
      (await call('GET', '/api/supervision/cards?department=mz', 'supervisor')).body.items as {
        level: 'yellow' | 'red';
        subject: { id: string };
        window?: string;
        issuedAt: string;
      }[]
    ).filter((card) => card.window === 'mz-01');
    // Ninety days on, the promised and statutory limits have both passed: red cards.
    expect(cards.filter((card) => card.subject.id === open).map((card) => card.level)).toContain('red');
    const months = [...new Set(cards.map((card) => civilDateAt(card.issuedAt).slice(0, 7)))];
    const counted = async () =>
      (await Promise.all(months.map((key) => figures('window:mz-01', key)))).reduce(
        (sum, f) => ({ yellow: sum.yellow + f.cards.yellow, red: sum.red + f.cards.red }),
        { yellow: 0, red: 0 },
      );
    const beforeCatchUp = await counted();
    const caughtUp = await job({ action: 'catch-up', graceSeconds: 0 });
    expect(caughtUp.pending?.counted).toBeGreaterThanOrEqual(cards.length);
    const after = await counted();
    expect({ yellow: after.yellow - beforeCatchUp.yellow, red: after.red - beforeCatchUp.red }).toEqual({
      yellow: cards.filter((card) => card.level === 'yellow').length,
      red: cards.filter((card) => card.level === 'red').length,
    });
    // And the clerk it was escalated to.
    const clerkCards = await Promise.all(months.map((key) => figures('clerk:clerk', key)));
    expect(clerkCards.reduce((sum, f) => sum + f.cards.red, 0)).toBeGreaterThanOrEqual(1);
  });

  it('are rebuilt the same by the recount job, which rewrites nothing when nothing was lost', async () => {
    const kept = await Promise.all(scopes.map((scope) => figures(scope, month)));
    const result = await job({ action: 'recount', period: month });
    expect(result.recount?.months.map((m) => [m.month, m.cellsRewritten, m.cellsRemoved])).toEqual([
      [month, 0, 0],
    ]);
    expect(result.recount?.months[0]?.sources).toBeGreaterThanOrEqual(4);
    expect(await Promise.all(scopes.map((scope) => figures(scope, month)))).toEqual(kept);
  });

  it('archives a closed month’s ledger as JSON Lines in the data folder, the applicant masked', async () => {
    const nextMonth = new Date(`${month}-28T12:00:00+08:00`);
    nextMonth.setUTCDate(nextMonth.getUTCDate() + 7);
    const result = await job({ action: 'close-month', month, time: nextMonth.toISOString() });
    const archived = result.archived?.[0];
    expect(archived?.month).toBe(month);
    const dir = path.join(runtime.dataDir, 'ledger', 'centre=YC0001', `month=${month}`);
    const parts = await readdir(dir);
    expect(parts).toEqual(['part-00001.jsonl']);
    const rows = (await readFile(path.join(dir, 'part-00001.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, string>);
    expect(rows).toHaveLength(archived?.rows ?? -1);
    const row = rows.find((candidate) => candidate.caseNo === caseNo);
    expect(row).toMatchObject({ itemCode: 'YC-MZ-0102', applicant: '周*', window: 'mz-01', onTime: '是' });
    expect(JSON.stringify(rows)).not.toContain('周九');
    expect(JSON.stringify(rows)).not.toContain('11010519491231002X');
  });
});

import { randomUUID } from 'node:crypto';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCalendar } from '../../functions/domain/calendar/calendar.ts';
import { decide } from '../../functions/domain/cases/decide.ts';
import type { Actor } from '../../functions/domain/cases/types.ts';
import { clockContext } from '../../functions/domain/clocks/clock.ts';
import { loadCase, saveCase, VersionConflictError } from '../../functions/store/cases/cases.ts';
import { startTestRuntime, type TestRuntime } from '../support/runtime.ts';

/**
 * Storage under contention, against dynalite through the real runtime: many commands on one case
 * at once (one winner per version, the losers told the current version, no history lost), and
 * parallel retries of one intake (one case, one query code).
 */

let runtime: TestRuntime;
const tokens = new Map<string, string>();

interface Reply {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

async function call(
  method: string,
  path: string,
  user: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  if (!tokens.has(user)) tokens.set(user, await runtime.identity.issue(user));
  const response = await fetch(`${runtime.baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${tokens.get(user)}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}

const intakeBody = (idNumber = '11010519491231002X') => ({
  itemCode: 'YC-MZ-0102',
  applicant: { kind: 'individual', name: '张三丰', idNumber, phone: '13812345678' },
  materials: ['m1', 'm2', 'm3', 'm6'].map((id) => ({ id, state: 'submitted' })),
});

async function caseItems() {
  const result = await DynamoDBDocumentClient.from(runtime.store.client).send(
    new ScanCommand({
      TableName: 'yichuang',
      FilterExpression: '#t = :case',
      ExpressionAttributeNames: { '#t': 'type' },
      ExpressionAttributeValues: { ':case': 'case' },
      ConsistentRead: true,
    }),
  );
  return result.Items ?? [];
}

async function acceptedCase(): Promise<string> {
  const created = await call('POST', '/api/cases', 'clerk', intakeBody(), {
    'idempotency-key': randomUUID(),
  });
  const caseNo = created.body.caseNo as string;
  const accepted = await call('POST', `/api/cases/${caseNo}/acceptance`, 'clerk', {
    version: 1,
    told: '受理',
  });
  expect(accepted.status).toBe(200);
  return caseNo;
}

beforeAll(async () => {
  runtime = await startTestRuntime();
  // The store module's client, in this process, talks to the runtime's dynalite.
  process.env.AWS_ENDPOINT_URL_DYNAMODB = runtime.store.endpoint;
  process.env.AWS_REGION = 'local';
  process.env.AWS_ACCESS_KEY_ID = 'local';
  process.env.AWS_SECRET_ACCESS_KEY = 'local';
});
afterAll(async () => {
  await runtime?.stop();
});

describe('many commands on one case at once', () => {
  it('lets exactly one win per version and tells every loser the current version', async () => {
    const caseNo = await acceptedCase();
    const parallel = 12;
    const replies = await Promise.all(
      Array.from({ length: parallel }, (_, i) =>
        call('POST', `/api/cases/${caseNo}/transfers`, i % 2 === 0 ? 'clerk' : 'chief', {
          version: 2,
          step: '审查',
          reason: `并发流转 ${i}`,
        }),
      ),
    );
    const winners = replies.filter((reply) => reply.status === 200);
    const losers = replies.filter((reply) => reply.status !== 200);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(parallel - 1);
    for (const loser of losers) {
      expect(loser.status).toBe(409);
      expect(loser.headers.get('content-type')).toBe('application/problem+json');
      expect(loser.body).toMatchObject({ status: 409, currentVersion: 3, currentStatus: 'inReview' });
    }
    const stored = await call('GET', `/api/cases/${caseNo}`, 'supervisor');
    expect(stored.body.version).toBe(3);
    expect((stored.body.history as unknown[]).length).toBe(3);
  });

  it('loses no history when every command retries until it wins', async () => {
    const caseNo = await acceptedCase();
    const commands = 10;
    const attempts: number[] = [];
    await Promise.all(
      Array.from({ length: commands }, async (_, i) => {
        for (let attempt = 1; attempt <= 60; attempt += 1) {
          const current = await call('GET', `/api/cases/${caseNo}`, 'supervisor');
          const reply = await call('POST', `/api/cases/${caseNo}/transfers`, 'clerk', {
            version: current.body.version,
            step: i % 2 === 0 ? '审查' : '决定',
            reason: `command-${i}`,
          });
          if (reply.status === 200) {
            attempts.push(attempt);
            return;
          }
          expect(reply.status).toBe(409);
          expect(reply.body.currentVersion).toBeGreaterThanOrEqual(current.body.version as number);
        }
        throw new Error(`command-${i} never won`);
      }),
    );
    expect(attempts).toHaveLength(commands);
    const stored = await call('GET', `/api/cases/${caseNo}`, 'supervisor');
    const history = stored.body.history as { version: number; reason?: string; transition: string }[];
    expect(stored.body.version).toBe(2 + commands);
    expect(history.map((entry) => entry.version)).toEqual(
      Array.from({ length: 2 + commands }, (_, i) => i + 1),
    );
    const reasons = history.filter((entry) => entry.transition === 'transfer').map((entry) => entry.reason);
    expect(reasons.sort()).toEqual(Array.from({ length: commands }, (_, i) => `command-${i}`).sort());
    // Contention really happened: some command had to retry.
    expect(Math.max(...attempts)).toBeGreaterThan(1);
  });
});

describe('the conditional write itself', () => {
  it('lets one of many writes decided on the same version through, with no pre-check in front', async () => {
    const caseNo = await acceptedCase();
    const stored = await loadCase('yichuang', caseNo);
    if (!stored) throw new Error('case not stored');
    const ctx = clockContext(defaultCalendar());
    const clerk: Actor = { username: 'clerk', roles: ['clerk'], department: 'mz', window: 'mz-01' };
    const decisions = Array.from({ length: 20 }, (_, i) =>
      decide(stored.state, { type: 'transfer', step: '审查', reason: `direct-${i}` }, clerk, new Date(), {
        clocks: ctx,
        handlerAway: false,
      }),
    );
    const outcomes = await Promise.allSettled(
      decisions.map(({ state }) => saveCase('yichuang', state, new Date(), ctx)),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    for (const outcome of outcomes.filter((o) => o.status === 'rejected')) {
      const reason = (outcome as PromiseRejectedResult).reason;
      expect(reason).toBeInstanceOf(VersionConflictError);
      expect(reason).toMatchObject({ expectedVersion: 2, currentVersion: 3, currentStatus: 'inReview' });
    }
    const after = await loadCase('yichuang', caseNo);
    expect(after?.state.history).toHaveLength(3);
    const winner = decisions.find((d) => d.entry.reason === after?.state.history[2]?.reason);
    expect(winner).toBeDefined();
    // The sealed personal data and the query code hash survive the update untouched.
    expect(after?.applicantSealed).toBe(stored.applicantSealed);
    expect(after?.queryCodeHash).toBe(stored.queryCodeHash);
  });
});

describe('idempotent intake', () => {
  it('makes one case from parallel retries of one intake', async () => {
    const before = (await caseItems()).length;
    const key = randomUUID();
    const replies = await Promise.all(
      Array.from({ length: 10 }, () =>
        call('POST', '/api/cases', 'clerk', intakeBody(), { 'idempotency-key': key }),
      ),
    );
    const created = replies.filter((reply) => reply.status === 201);
    const inProgress = replies.filter((reply) => reply.status === 409);
    expect(created.length + inProgress.length).toBe(10);
    expect(created.length).toBeGreaterThanOrEqual(1);
    for (const reply of inProgress) {
      expect(reply.body.type).toContain('intake-in-progress');
      expect(reply.headers.get('retry-after')).toBe('1');
    }
    expect(new Set(created.map((reply) => reply.body.caseNo)).size).toBe(1);
    expect(new Set(created.map((reply) => reply.body.queryCode)).size).toBe(1);
    // A retry after the first finished gets the same receipt.
    const retry = await call('POST', '/api/cases', 'clerk', intakeBody(), { 'idempotency-key': key });
    expect(retry.status).toBe(201);
    expect(retry.body.caseNo).toBe(created[0]?.body.caseNo);
    expect(retry.body.queryCode).toBe(created[0]?.body.queryCode);
    expect((await caseItems()).length).toBe(before + 1);
  });

  it('refuses the same key with a different request, and scopes keys to the caller', async () => {
    const key = randomUUID();
    const first = await call('POST', '/api/cases', 'clerk', intakeBody(), { 'idempotency-key': key });
    expect(first.status).toBe(201);
    const other = await call('POST', '/api/cases', 'clerk', intakeBody('440304199001010011'), {
      'idempotency-key': key,
    });
    expect(other.status).toBe(422);
    expect(other.body.type).toContain('idempotency-key-reused');
    const colleague = await call('POST', '/api/cases', 'clerk-b', intakeBody(), { 'idempotency-key': key });
    expect(colleague.status).toBe(201);
    expect(colleague.body.caseNo).not.toBe(first.body.caseNo);
  });

  it('keeps the query code out of the idempotency table in clear', async () => {
    const key = randomUUID();
    const reply = await call('POST', '/api/cases', 'clerk', intakeBody(), { 'idempotency-key': key });
    const records = await DynamoDBDocumentClient.from(runtime.store.client).send(
      new ScanCommand({ TableName: 'yichuang-idempotency' }),
    );
    const text = JSON.stringify(records.Items);
    expect(records.Items?.length).toBeGreaterThan(0);
    expect(text).toContain(reply.body.caseNo as string);
    for (const secret of [reply.body.queryCode as string, '11010519491231002X', '13812345678'])
      expect(text).not.toContain(secret);
  });
});

import { randomUUID } from 'node:crypto';
import { DynamoDBDocumentClient, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../support/runtime.ts';

/**
 * 容缺受理 and 告知承诺制 on the real local runtime (dynalite, function host, gateway, identity
 * issuer): intake with an owed material → approval refused naming it → supplied → approved; the
 * owed clock warned by the sweep; a decision on a commitment → false verification → revoked, the
 * bar recorded by keyed hash → the same ID number refused on either path with until-when, still
 * taken in on the plain path.
 */

const barred = { kind: 'individual', name: '赵六', idNumber: '11010519491231002X', phone: '13812345678' };
const other = { kind: 'individual', name: '钱七', idNumber: '440304199001010011', phone: '13998765432' };

interface Reply {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

let runtime: TestRuntime;
const tokens = new Map<string, string>();

async function call(
  method: string,
  path: string,
  user: string,
  body?: unknown,
  headers = {},
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
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : {} };
}

const intake = (body: unknown, user: string) =>
  call('POST', '/api/cases', user, body, { 'idempotency-key': randomUUID() });

async function command(caseNo: string, slug: string, user: string, body: Record<string, unknown> = {}) {
  const version = (await call('GET', `/api/cases/${caseNo}`, 'supervisor')).body.version as number;
  return call('POST', `/api/cases/${caseNo}/${slug}`, user, { version, ...body });
}

/** YC-MZ-0102 (社会团体变更登记): m6 (年检或年度报告) may be owed 5 working days; late ⇒ suspend. */
function mzOwing(applicant: unknown) {
  return {
    itemCode: 'YC-MZ-0102',
    applicant,
    materials: [
      { id: 'm1', state: 'submitted' },
      { id: 'm2', state: 'submitted' },
      { id: 'm3', state: 'submitted' },
      { id: 'm6', state: 'owed' },
    ],
    commitments: { deferredAcceptance: { signed: true } },
  };
}

/** YC-SJ-0201 (食品经营许可): the whole item may be decided on a commitment (scope item), 20 days' check. */
function sjCommitted(applicant: unknown) {
  return {
    itemCode: 'YC-SJ-0201',
    applicant,
    materials: ['m1', 'm2', 'm3', 'm4'].map((id) => ({ id, state: 'submitted' })),
    commitments: { commitmentDecision: { signed: true } },
  };
}

beforeAll(async () => {
  runtime = await startTestRuntime();
});
afterAll(async () => {
  await runtime?.stop();
});

describe('容缺受理', () => {
  it('accepts with an owed material, refuses approval naming it, and approves once it is supplied', async () => {
    const taken = await intake(mzOwing(other), 'clerk');
    expect(taken.status).toBe(201);
    const caseNo = taken.body.caseNo as string;
    const view = taken.body.case as Record<string, unknown>;
    expect(view.commitments).toMatchObject({
      deferredAcceptance: { signedBy: '钱*', recordedBy: 'clerk', text: expect.stringContaining('承诺') },
    });

    const accepted = await command(caseNo, 'acceptance', 'clerk', { told: '出具容缺受理通知书' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.owed).toMatchObject({ materials: ['m6'], workdays: 5, onLate: 'suspend' });
    const clocks = accepted.body.clocks as { name: string; state: string; dueAt: string }[];
    const owedClock = clocks.find((clock) => clock.name === 'owedMaterials');
    expect(owedClock).toMatchObject({
      state: 'running',
      dueAt: (accepted.body.owed as { dueAt: string }).dueAt,
    });

    // The applicant sees what is owed and by when, with the receipt's query code.
    const progress = await fetch(`${runtime.baseUrl}/api/public/progress`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ caseNo, queryCode: taken.body.queryCode }),
    });
    expect(((await progress.json()) as { owed: unknown }).owed).toEqual({
      materials: ['社会团体法人登记证书正、副本'],
      dueAt: (accepted.body.owed as { dueAt: string }).dueAt,
    });

    const refused = await command(caseNo, 'approval', 'clerk', { told: '准予' });
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ title: '容缺材料尚未补齐', rule: 'materials-owed' });
    expect(refused.body.detail).toContain('m6');

    const early = await command(caseNo, 'owed-lateness', 'clerk', { told: '告知' });
    expect(early.status).toBe(422);
    expect(early.body.rule).toBe('owed-not-late');

    const notOwed = await command(caseNo, 'owed-materials', 'clerk', { materials: [{ id: 'm1' }] });
    expect(notOwed.status).toBe(400);
    const stale = await call('POST', `/api/cases/${caseNo}/owed-materials`, 'clerk', {
      version: 1,
      materials: [{ id: 'm6' }],
    });
    expect(stale.status).toBe(409);
    expect((await command(caseNo, 'owed-materials', 'clerk-sw', { materials: [{ id: 'm6' }] })).status).toBe(
      403,
    );

    const supplied = await command(caseNo, 'owed-materials', 'clerk', { materials: [{ id: 'm6' }] });
    expect(supplied.status).toBe(200);
    expect(
      (supplied.body.clocks as { name: string; state: string }[]).find((c) => c.name === 'owedMaterials'),
    ).toMatchObject({ state: 'stopped' });
    expect((await command(caseNo, 'approval', 'clerk', { told: '准予变更登记' })).status).toBe(200);
  });

  it('refuses, naming the field, a main material owed and an owed material without the signed commitment', async () => {
    const main = await intake(
      {
        ...mzOwing(other),
        materials: mzOwing(other).materials.map((m) => (m.id === 'm1' ? { ...m, state: 'owed' } : m)),
      },
      'clerk',
    );
    expect(main.status).toBe(422);
    expect(main.body).toMatchObject({
      rule: 'path-not-allowed',
      errors: [{ field: 'body.materials.m1', rule: 'path-not-allowed' }],
    });
    const unsigned = await intake({ ...mzOwing(other), commitments: undefined }, 'clerk');
    expect(unsigned.status).toBe(422);
    expect(unsigned.body).toMatchObject({ errors: [{ field: 'body.commitments.deferredAcceptance' }] });
  });

  it('the sweep warns the owed clock like the others: a red card to the chief once it is late', async () => {
    const taken = await intake(mzOwing(other), 'clerk');
    const caseNo = taken.body.caseNo as string;
    const accepted = await command(caseNo, 'acceptance', 'clerk', { told: '出具容缺受理通知书' });
    const dueAt = (accepted.body.owed as { dueAt: string }).dueAt;
    const after = new Date(Date.parse(dueAt) + 3600_000).toISOString();
    expect((await call('POST', '/api/supervision/sweeps', 'supervisor', { now: after })).status).toBe(200);
    const inbox = await call('GET', '/api/inbox', 'chief');
    const reds = (
      inbox.body.items as { type: string; subject: { id: string }; clock: { name: string } }[]
    ).filter((entry) => entry.subject.id === caseNo && entry.type === 'CaseRedCard');
    expect(reds.map((entry) => entry.clock.name)).toContain('owedMaterials');
  });
});

describe('owed materials late: the rule each item sets', () => {
  /** Moves the owed clock's start a month back: its deadline has passed (the command reads the clock). */
  async function owedClockStartedLongAgo(caseNo: string) {
    const monthAgo = new Date(Date.now() - 30 * 86_400_000).toISOString().replace('Z', '+00:00');
    await DynamoDBDocumentClient.from(runtime.store.client).send(
      new UpdateCommand({
        TableName: 'yichuang',
        Key: { pk: `case#${caseNo}`, sk: 'case' },
        UpdateExpression: 'SET #data.#clocks.#owed.#start = :start',
        ExpressionAttributeNames: {
          '#data': 'data',
          '#clocks': 'clocks',
          '#owed': 'owedMaterials',
          '#start': 'start',
        },
        ExpressionAttributeValues: { ':start': monthAgo },
      }),
    );
  }

  async function acceptedOwing(body: unknown) {
    const taken = await intake(body, 'clerk');
    expect(taken.status).toBe(201);
    const caseNo = taken.body.caseNo as string;
    expect((await command(caseNo, 'acceptance', 'clerk', { told: '出具容缺受理通知书' })).status).toBe(200);
    await owedClockStartedLongAgo(caseNo);
    return { caseNo, queryCode: taken.body.queryCode as string };
  }

  it('suspend (YC-MZ-0102): the decision clocks stop, a plain resumption is refused, supplying resumes', async () => {
    const { caseNo } = await acceptedOwing(mzOwing(other));
    const late = await command(caseNo, 'owed-lateness', 'clerk', { told: '书面告知暂停办理' });
    expect(late.status, JSON.stringify(late.body)).toBe(200);
    expect(late.body).toMatchObject({ status: 'suspended' });
    const clocks = late.body.clocks as { name: string; state: string }[];
    expect(clocks.find((clock) => clock.name === 'promised')).toMatchObject({ state: 'suspended' });
    expect(clocks.find((clock) => clock.name === 'owedMaterials')).toMatchObject({ state: 'stopped' });
    const resumed = await command(caseNo, 'resumption', 'clerk', { told: '恢复' });
    expect(resumed.status).toBe(422);
    expect(resumed.body.rule).toBe('materials-owed');
    const supplied = await command(caseNo, 'owed-materials', 'clerk', { materials: [{ id: 'm6' }] });
    expect(supplied.body).toMatchObject({ status: 'inReview' });
    expect(
      (supplied.body.clocks as { name: string; state: string }[]).find((clock) => clock.name === 'promised'),
    ).toMatchObject({ state: 'running' });
  });

  it('terminate (YC-MZ-0201): the case ends, 终止办理, every clock stopped, and the applicant sees it', async () => {
    const { caseNo, queryCode } = await acceptedOwing({
      itemCode: 'YC-MZ-0201',
      applicant: other,
      materials: ['m1', 'm2', 'm3', 'm4', 'm5', 'm6'].map((id) => ({
        id,
        state: id === 'm3' ? 'owed' : 'submitted',
      })),
      commitments: { deferredAcceptance: { signed: true } },
    });
    const late = await command(caseNo, 'owed-lateness', 'clerk', { told: '出具终止办理通知书' });
    expect(late.status, JSON.stringify(late.body)).toBe(200);
    expect(late.body).toMatchObject({ status: 'terminated' });
    expect((late.body.terminated as { reason: string }).reason).toContain('m3');
    for (const clock of late.body.clocks as { name: string; state: string }[]) {
      expect(clock.state, clock.name).toBe('stopped');
    }
    expect((await command(caseNo, 'owed-materials', 'clerk', { materials: [{ id: 'm3' }] })).status).toBe(
      409,
    );
    const progress = await fetch(`${runtime.baseUrl}/api/public/progress`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ caseNo, queryCode }),
    });
    expect(await progress.json()).toMatchObject({ status: 'terminated' });
  });
});

describe('告知承诺制 and the bar', () => {
  it('decides on the commitment, revokes on a false verification, and bars that ID number from both paths', async () => {
    const taken = await intake(sjCommitted(barred), 'clerk-sj');
    expect(taken.status).toBe(201);
    const caseNo = taken.body.caseNo as string;
    expect((await command(caseNo, 'acceptance', 'clerk-sj', { told: '受理' })).status).toBe(200);
    const approved = await command(caseNo, 'approval', 'clerk-sj', { told: '准予许可' });
    expect(approved.status).toBe(200);
    const verification = (approved.body.clocks as { name: string; budget: number; state: string }[]).find(
      (clock) => clock.name === 'verification',
    );
    expect(verification).toMatchObject({ budget: 20, state: 'running' });

    const noNotice = await command(caseNo, 'verification', 'clerk-sj', {
      result: 'false',
      evidence: '现场核查不符',
    });
    expect(noNotice.status).toBe(400);
    const revoked = await command(caseNo, 'verification', 'chief-sj', {
      result: 'false',
      evidence: '现场核查：经营场所与承诺不符',
      told: '出具撤销行政许可决定书，收回许可证件',
      remedies: '可于 60 日内申请行政复议或 6 个月内提起行政诉讼',
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', statusLabel: '已撤销' });
    const until = (revoked.body.revocation as { barredUntil: string }).barredUntil;
    expect(until).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // The bar is keyed by a keyed hash, never the number in clear.
    const items = await DynamoDBDocumentClient.from(runtime.store.client).send(
      new ScanCommand({
        TableName: 'yichuang',
        FilterExpression: '#t = :bar',
        ExpressionAttributeNames: { '#t': 'type' },
        ExpressionAttributeValues: { ':bar': 'commitmentBar' },
      }),
    );
    const bars = (items.Items ?? []).filter((item) => item.caseNo === caseNo);
    expect(bars).toHaveLength(1);
    expect(JSON.stringify(bars)).not.toContain(barred.idNumber);
    expect(bars[0]).toMatchObject({ caseNo, until });

    for (const [body, user] of [
      [sjCommitted(barred), 'clerk-sj'],
      [mzOwing(barred), 'clerk'],
    ] as const) {
      const refused = await intake(body, user);
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ rule: 'commitment-barred', title: '申请人不适用承诺类受理方式' });
      expect(refused.body.detail).toContain(until);
      expect(JSON.stringify(refused.body)).not.toContain(caseNo);
      expect(JSON.stringify(refused.body)).not.toContain('现场核查');
    }
    const plain = await intake(
      {
        ...mzOwing(barred),
        materials: ['m1', 'm2', 'm3', 'm6'].map((id) => ({ id, state: 'submitted' })),
        commitments: undefined,
      },
      'clerk',
    );
    expect(plain.status).toBe(201);
    // Another applicant is not affected.
    expect((await intake(sjCommitted(other), 'clerk-sj')).status).toBe(201);
  });

  it('bars an organisation that broke its commitment, whichever agent comes next', async () => {
    const organisation = { name: '云川示例餐饮有限公司', creditCode: '91350100M000100Y43' };
    const agent = (person: typeof other) => ({ ...person, kind: 'organisation', organisation });
    const taken = await intake(sjCommitted(agent(other)), 'clerk-sj');
    expect(taken.status).toBe(201);
    const caseNo = taken.body.caseNo as string;
    await command(caseNo, 'acceptance', 'clerk-sj', { told: '受理' });
    await command(caseNo, 'approval', 'clerk-sj', { told: '准予许可' });
    const revoked = await command(caseNo, 'verification', 'chief-sj', {
      result: 'false',
      evidence: '现场核查不符',
      told: '出具撤销决定书',
      remedies: '可申请行政复议或提起行政诉讼',
    });
    expect(revoked.body.status).toBe('revoked');
    const anotherAgent = {
      kind: 'individual',
      name: '吴十',
      idNumber: '320106198503150014',
      phone: '13500003333',
    };
    const refused = await intake(sjCommitted(agent(anotherAgent as typeof other)), 'clerk-sj');
    expect(refused.status).toBe(422);
    expect(refused.body.rule).toBe('commitment-barred');
    // The agents in person, for themselves, are not the organisation.
    expect((await intake(mzOwing(anotherAgent), 'clerk')).status).toBe(201);
    expect((await intake(mzOwing(other), 'clerk')).status).toBe(201);
  });

  it('a confirmed verification stops the clock and lets the case be archived', async () => {
    const taken = await intake(sjCommitted(other), 'clerk-sj');
    const caseNo = taken.body.caseNo as string;
    await command(caseNo, 'acceptance', 'clerk-sj', { told: '受理' });
    await command(caseNo, 'approval', 'clerk-sj', { told: '准予许可' });
    await command(caseNo, 'delivery', 'clerk-sj', { method: 'window' });
    const early = await command(caseNo, 'closure', 'clerk-sj');
    expect(early.status).toBe(422);
    expect(early.body.rule).toBe('verification-pending');
    expect(
      (await command(caseNo, 'verification', 'clerk-sj', { result: 'confirmed', evidence: '现场核查一致' }))
        .status,
    ).toBe(200);
    expect((await command(caseNo, 'closure', 'clerk-sj')).body.status).toBe('closed');
  });
});

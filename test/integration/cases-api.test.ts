import { randomUUID } from 'node:crypto';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskIdNumber, maskPhone } from '../../functions/domain/privacy.ts';
import { startTestRuntime, type TestRuntime } from '../support/runtime.ts';

/**
 * The cases API against the real local runtime (dynalite, function host, gateway, identity
 * issuer): intake and its validation, reading, the work queue, the life cycle over HTTP, the A/B
 * post, personal data, and — at the end — a search of every log line and public response for the
 * applicants' ID numbers and phones in clear.
 */

// Valid resident ID numbers (GB 11643 check characters) and mobile numbers used as fixtures.
const applicants = {
  zhang: {
    kind: 'individual',
    name: '张三丰',
    idNumber: '11010519491231002X',
    phone: '13812345678',
    address: '云川市新城区幸福路 8 号',
  },
  li: { kind: 'individual', name: '李四', idNumber: '440304199001010011', phone: '13998765432' },
  wang: { kind: 'individual', name: '王五', idNumber: '320106198503150014', phone: '0571-87654321' },
} as const;
const secrets = [
  ...Object.values(applicants).flatMap((a) => [a.idNumber, a.phone, a.phone.replace('-', '')]),
  '张三丰',
  '幸福路',
];

interface Reply {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

let runtime: TestRuntime;
const tokens = new Map<string, string>();
const publicResponses: string[] = [];

async function call(
  method: string,
  path: string,
  options: { user?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.user) {
    if (!tokens.has(options.user)) tokens.set(options.user, await runtime.identity.issue(options.user));
    headers.authorization = `Bearer ${tokens.get(options.user)}`;
  }
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${runtime.baseUrl}${path}`, {
    method,
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  if (path.startsWith('/api/public/')) publicResponses.push(text);
  return {
    status: response.status,
    headers: response.headers,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}

function allRequired(count: number, missing: number[] = []) {
  return Array.from({ length: count }, (_, i) => ({
    id: `m${i + 1}`,
    state: missing.includes(i + 1) ? 'missing' : 'submitted',
  }));
}

/** YC-MZ-0102 (社会团体变更登记): m1–m3 and m6 required, m4–m5 conditional. */
function mzIntake(overrides: Record<string, unknown> = {}) {
  return {
    itemCode: 'YC-MZ-0102',
    applicant: applicants.zhang,
    materials: [
      { id: 'm1', state: 'submitted' },
      { id: 'm2', state: 'submitted' },
      { id: 'm3', state: 'submitted' },
      { id: 'm6', state: 'submitted' },
    ],
    ...overrides,
  };
}

async function intake(body: unknown, user = 'clerk', key = randomUUID()) {
  return call('POST', '/api/cases', { user, body, headers: { 'idempotency-key': key } });
}

async function command(
  caseNo: string,
  slug: string,
  user: string,
  body: Record<string, unknown>,
  version?: number,
) {
  const current =
    version ?? ((await call('GET', `/api/cases/${caseNo}`, { user: 'supervisor' })).body.version as number);
  return call('POST', `/api/cases/${caseNo}/${slug}`, { user, body: { version: current, ...body } });
}

async function caseItems(): Promise<Record<string, unknown>[]> {
  const result = await DynamoDBDocumentClient.from(runtime.store.client).send(
    new ScanCommand({
      TableName: 'yichuang',
      FilterExpression: '#t = :case',
      ExpressionAttributeNames: { '#t': 'type' },
      ExpressionAttributeValues: { ':case': 'case' },
    }),
  );
  return result.Items ?? [];
}

beforeAll(async () => {
  runtime = await startTestRuntime({ logLevel: 'DEBUG' });
});
afterAll(async () => {
  await runtime?.stop();
});

describe('intake', () => {
  it('takes in a case with a readable number and a query code shown once', async () => {
    const reply = await intake(mzIntake());
    expect(reply.status).toBe(201);
    const caseNo = reply.body.caseNo as string;
    expect(caseNo).toMatch(/^YC0001-\d{8}-\d{4}$/);
    expect(reply.headers.get('location')).toBe(`/api/cases/${caseNo}`);
    expect(reply.body.queryCode).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    expect(reply.body.case).toMatchObject({
      status: 'received',
      version: 1,
      handler: 'clerk',
      window: 'mz-01',
      firstContact: { username: 'clerk' },
      applicant: {
        name: '张**',
        idNumber: maskIdNumber(applicants.zhang.idNumber),
        phone: maskPhone(applicants.zhang.phone),
      },
      item: { code: 'YC-MZ-0102', class: 'promised', promisedDays: 10, statutoryDays: 20 },
    });
    const again = await call('GET', `/api/cases/${caseNo}`, { user: 'clerk' });
    expect(again.status).toBe(200);
    expect(again.body).not.toHaveProperty('queryCode');
    expect(JSON.stringify(again.body)).not.toContain(reply.body.queryCode as string);
  });

  it('numbers cases of one day consecutively', async () => {
    const first = (await intake(mzIntake())).body.caseNo as string;
    const second = (await intake(mzIntake({ applicant: applicants.li }))).body.caseNo as string;
    const serial = (caseNo: string) => Number(caseNo.split('-')[2]);
    expect(first.slice(0, 15)).toBe(second.slice(0, 15));
    expect(serial(second)).toBe(serial(first) + 1);
  });

  it('stores personal data only sealed, and the query code only as a salted hash', async () => {
    const reply = await intake(mzIntake({ applicant: applicants.li }));
    const item = (await caseItems()).find((candidate) => candidate.caseNo === reply.body.caseNo) as Record<
      string,
      unknown
    >;
    const stored = JSON.stringify(item);
    for (const secret of [
      applicants.li.idNumber,
      applicants.li.phone,
      applicants.li.name,
      reply.body.queryCode as string,
    ]) {
      expect(stored).not.toContain(secret);
    }
    expect(item.applicantSealed).toMatch(/^v1\.local\./);
    expect(item.queryCodeHash).toBeTypeOf('string');
    expect(item.queryCodeSalt).toBeTypeOf('string');
    for (const key of ['gsi1pk', 'gsi1sk', 'clockShard', 'nextCheckAt'])
      expect(String(item[key])).not.toMatch(/\d{11}/);
  });

  it('refuses bad input with 400 naming each field and rule, and writes nothing', async () => {
    const before = (await caseItems()).length;
    const reply = await intake({
      itemCode: 'YC-NOPE-0001',
      applicant: { ...applicants.zhang, idNumber: '110105194912310021', phone: '12345' },
      materials: [],
    });
    expect(reply.status).toBe(400);
    expect(reply.headers.get('content-type')).toBe('application/problem+json');
    const errors = reply.body.errors as { field: string; rule: string }[];
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'body.applicant.idNumber', rule: 'check_digit' }),
        expect.objectContaining({ field: 'body.applicant.phone', rule: 'phone' }),
        expect.objectContaining({ field: 'body.itemCode', rule: 'unknown_item' }),
      ]),
    );
    const missing = await intake(
      mzIntake({
        materials: [
          { id: 'm1', state: 'submitted' },
          { id: 'm9', state: 'submitted' },
        ],
      }),
    );
    expect(missing.status).toBe(400);
    expect(
      (missing.body.errors as { field: string; rule: string }[]).map((e) => `${e.field} ${e.rule}`),
    ).toEqual([
      'body.materials.1.id unknown_material',
      'body.materials.m2 material_state_required',
      'body.materials.m3 material_state_required',
      'body.materials.m6 material_state_required',
    ]);
    const birth = await intake(
      mzIntake({ applicant: { ...applicants.zhang, idNumber: '110105194902300025' } }),
    );
    expect(birth.body.errors).toEqual([
      expect.objectContaining({ field: 'body.applicant.idNumber', rule: 'birth_date' }),
    ]);
    const shape = await intake(mzIntake({ applicant: { ...applicants.zhang, idNumber: '1101' } }));
    expect(shape.status).toBe(400);
    expect((shape.body.errors as { field: string }[])[0]?.field).toBe('body.applicant.idNumber');
    const noKey = await call('POST', '/api/cases', { user: 'clerk', body: mzIntake() });
    expect(noKey.status).toBe(400);
    expect(noKey.body.errors).toEqual([
      expect.objectContaining({ field: 'header.Idempotency-Key', rule: 'required' }),
    ]);
    expect((await caseItems()).length).toBe(before);
    // The 400 answers name the fields, never the values.
    expect(JSON.stringify([reply.body, birth.body])).not.toContain('110105194912310021');
  });

  it('refuses intake by a clerk of another department', async () => {
    const reply = await intake(mzIntake(), 'clerk-sw');
    expect(reply.status).toBe(403);
  });

  it('settles an instant item on the spot: decided and delivered at once', async () => {
    const reply = await intake(
      {
        itemCode: 'YC-RS-0201',
        applicant: applicants.wang,
        materials: [{ id: 'm1', state: 'submitted' }],
        settleInstantly: { told: '当场办结，当场出具结果' },
      },
      'clerk-rs',
    );
    expect(reply.status).toBe(201);
    expect(reply.body.case).toMatchObject({
      status: 'delivered',
      version: 2,
      decision: { outcome: 'approved' },
      delivery: { method: 'window' },
    });
    const notInstant = await intake(mzIntake({ settleInstantly: { told: 'x' } }));
    expect(notInstant.status).toBe(400);
    expect(notInstant.body.errors).toEqual([
      expect.objectContaining({ field: 'body.settleInstantly', rule: 'instant_only' }),
    ]);
  });
});

describe('the life cycle over HTTP', () => {
  it('runs a promised case from intake to closed, each step one version', async () => {
    const created = await intake(
      mzIntake({ materials: allRequired(3, [2]).concat([{ id: 'm6', state: 'submitted' }]) }),
    );
    const caseNo = created.body.caseNo as string;
    const steps: [string, string, Record<string, unknown>, string][] = [
      ['correction-notice', 'clerk', { told: '一次性告知：缺业务主管单位同意文件' }, 'correctionRequested'],
      ['corrections', 'clerk', { materials: [{ id: 'm2', state: 'submitted' }] }, 'corrected'],
      ['acceptance', 'clerk', { told: '出具受理通知书' }, 'accepted'],
      ['transfers', 'clerk', { step: '审查', reason: '转审查' }, 'inReview'],
      [
        'suspensions',
        'chief',
        { reason: 'expertReview', note: '约 5 个工作日', told: '书面告知专家评审所需时间' },
        'suspended',
      ],
      ['resumption', 'clerk', { note: '评审结束' }, 'inReview'],
      ['extension', 'chief', { days: 5, reason: '情况复杂', told: '书面告知延期理由' }, 'inReview'],
      ['approval', 'clerk', { told: '准予变更登记' }, 'decided'],
      ['delivery', 'clerk', { method: 'window' }, 'delivered'],
      ['closure', 'chief', {}, 'closed'],
    ];
    let version = 1;
    for (const [slug, user, body, status] of steps) {
      const reply = await command(caseNo, slug, user, body, version);
      expect(reply.status, `${slug}: ${JSON.stringify(reply.body)}`).toBe(200);
      expect(reply.body.status).toBe(status);
      version += 1;
      expect(reply.body.version).toBe(version);
      expect(reply.headers.get('etag')).toBe(`"${version}"`);
    }
    const final = await call('GET', `/api/cases/${caseNo}`, { user: 'leader' });
    expect((final.body.history as { transition: string }[]).map((entry) => entry.transition)).toEqual([
      'intake',
      'requestCorrection',
      'correct',
      'accept',
      'transfer',
      'suspend',
      'resume',
      'extend',
      'approve',
      'deliver',
      'close',
    ]);
    const item = (await caseItems()).find((candidate) => candidate.caseNo === caseNo) as Record<
      string,
      unknown
    >;
    expect(item.gsi1pk).toBe('window#mz-01#done');
    expect(item).not.toHaveProperty('clockShard');
    expect(item).not.toHaveProperty('nextCheckAt');
  });

  it('puts a case with a running clock in the sharded clocks index, and takes it out when none runs', async () => {
    const caseNo = (await intake(mzIntake())).body.caseNo as string;
    let item = (await caseItems()).find((candidate) => candidate.caseNo === caseNo) as Record<
      string,
      unknown
    >;
    expect(item.clockShard).toMatch(/^clock#[0-7]$/);
    expect(item.nextCheckAt).toMatch(/\+08:00$/);
    await command(caseNo, 'withdrawal', 'clerk', { reason: '申请人书面撤回', told: '已退还材料' });
    item = (await caseItems()).find((candidate) => candidate.caseNo === caseNo) as Record<string, unknown>;
    expect(item.status).toBe('withdrawn');
    expect(item).not.toHaveProperty('clockShard');
  });

  it('answers a stale version with 409 and the current version, a wrong status with 409, a broken rule with 422', async () => {
    const caseNo = (await intake(mzIntake())).body.caseNo as string;
    const stale = await call('POST', `/api/cases/${caseNo}/acceptance`, {
      user: 'clerk',
      body: { version: 7, told: 'x' },
    });
    expect(stale.status).toBe(409);
    expect(stale.headers.get('content-type')).toBe('application/problem+json');
    expect(stale.body).toMatchObject({ status: 409, currentVersion: 1, currentStatus: 'received' });
    // Who may ask comes first: a clerk of another department learns no version or status.
    const stranger = await call('POST', `/api/cases/${caseNo}/acceptance`, {
      user: 'clerk-sw',
      body: { version: 7, told: 'x' },
    });
    expect(stranger.status).toBe(403);
    expect(stranger.body).not.toHaveProperty('currentVersion');
    const wrong = await command(caseNo, 'delivery', 'clerk', { method: 'window' });
    expect(wrong.status).toBe(409);
    expect(wrong.body).toMatchObject({
      type: expect.stringContaining('invalid-transition'),
      currentVersion: 1,
    });
    const nothing = await command(caseNo, 'correction-notice', 'clerk', { told: '无' });
    expect(nothing.status).toBe(422);
    expect(nothing.body).toMatchObject({ rule: 'nothing-to-correct' });
    await command(caseNo, 'acceptance', 'clerk', { told: '受理' });
    await command(caseNo, 'extension', 'chief', { days: 10, reason: '复杂', told: '告知' });
    const second = await command(caseNo, 'extension', 'chief', { days: 5, reason: '再次', told: '告知' });
    expect(second.status).toBe(422);
    expect(second.body.rule).toBe('clock-refused:extension-exists');
    const refusedByClerk = await command(caseNo, 'refusal', 'clerk', {
      reason: 'x',
      remedies: 'y',
      told: 'z',
    });
    expect(refusedByClerk.status).toBe(403);
    const missingText = await command(caseNo, 'refusal', 'chief', { reason: ' ', remedies: 'y', told: 'z' });
    expect(missingText.status).toBe(400);
  });

  it('refuses a second correction notice for the same submission', async () => {
    const caseNo = (
      await intake(mzIntake({ materials: allRequired(3, [1]).concat([{ id: 'm6', state: 'submitted' }]) }))
    ).body.caseNo as string;
    expect((await command(caseNo, 'correction-notice', 'clerk', { told: '告知' })).status).toBe(200);
    const again = await command(caseNo, 'correction-notice', 'clerk', { told: '再告知' });
    expect(again.status).toBe(409);
    const current = await call('GET', `/api/cases/${caseNo}`, { user: 'clerk' });
    expect((current.body.correctionNotices as unknown[]).length).toBe(1);
  });

  it('handles a joint item with a lead window and co-windows', async () => {
    const created = await intake(
      {
        itemCode: 'YC-SJ-0301',
        applicant: {
          ...applicants.li,
          kind: 'organisation',
          organisation: { name: '云川示例科技有限公司', creditCode: '91350100M000100Y43' },
        },
        materials: allRequired(4),
      },
      'clerk-sj',
    );
    expect(created.status).toBe(201);
    const caseNo = created.body.caseNo as string;
    expect((await command(caseNo, 'acceptance', 'clerk-sj', { told: '受理' })).body.coWindows).toEqual([
      { department: 'sw', status: 'notified' },
      { department: 'rs', status: 'notified' },
    ]);
    expect((await call('GET', `/api/cases/${caseNo}`, { user: 'clerk-sw' })).status).toBe(200);
    // Each co-department finds the case in its joint queue (联办待办) until it has given its opinion.
    const jointQueue = async (user: string) => {
      const reply = await call('GET', '/api/cases?joint=true', { user });
      expect(reply.status).toBe(200);
      return (reply.body.items as { caseNo: string; status: string }[]).map((entry) => entry.caseNo);
    };
    expect(await jointQueue('clerk-sw')).toContain(caseNo);
    expect(await jointQueue('clerk-rs')).toContain(caseNo);
    expect(await jointQueue('clerk')).not.toContain(caseNo);
    expect(await jointQueue('clerk-sj')).not.toContain(caseNo);
    const filtered = await call('GET', '/api/cases?joint=true&status=inReview', { user: 'clerk-sw' });
    expect((filtered.body.items as { caseNo: string }[]).map((entry) => entry.caseNo)).not.toContain(caseNo);
    expect((await command(caseNo, 'approval', 'clerk-sj', { told: '办结' })).body).toMatchObject({
      rule: 'co-opinions-pending',
    });
    expect((await command(caseNo, 'co-opinions', 'clerk-sw', { opinion: '税务信息确认完毕' })).status).toBe(
      200,
    );
    expect(await jointQueue('clerk-sw')).not.toContain(caseNo);
    expect(await jointQueue('clerk-rs')).toContain(caseNo);
    expect((await command(caseNo, 'co-opinions', 'clerk-rs', { opinion: '社保登记完毕' })).status).toBe(200);
    const decided = await command(caseNo, 'approval', 'clerk-sj', { told: '办结' });
    expect(decided.status).toBe(200);
    expect(decided.body.status).toBe('decided');
    const statutory = (decided.body.clocks as { name: string; budget: number }[]).find(
      (clock) => clock.name === 'statutory',
    );
    expect(statutory?.budget).toBe(45);
  });
});

describe('A/B posts and personal data', () => {
  it('lets the backup clerk act while the handler is marked away, and records for whom', async () => {
    const caseNo = (await intake(mzIntake())).body.caseNo as string;
    expect((await command(caseNo, 'acceptance', 'clerk-b', { told: '受理' })).status).toBe(403);
    const away = await call('PUT', '/api/windows/mz-01/away/clerk', {
      user: 'clerk',
      body: { away: true, reason: '外出培训' },
    });
    expect(away.status).toBe(200);
    expect(away.body.away).toEqual([
      expect.objectContaining({ username: 'clerk', reason: '外出培训', setBy: 'clerk' }),
    ]);
    expect(
      (await call('PUT', '/api/windows/mz-01/away/clerk', { user: 'clerk-b', body: { away: false } })).status,
    ).toBe(403);
    const accepted = await command(caseNo, 'acceptance', 'clerk-b', { told: '受理' });
    expect(accepted.status).toBe(200);
    expect((accepted.body.history as { by: unknown }[]).at(-1)?.by).toEqual({
      username: 'clerk-b',
      role: 'clerk',
      actingFor: 'clerk',
    });
    expect((await call('GET', `/api/cases/${caseNo}/applicant`, { user: 'clerk-b' })).status).toBe(200);
    expect(
      (await call('PUT', '/api/windows/mz-01/away/clerk', { user: 'chief', body: { away: false } })).status,
    ).toBe(200);
    expect((await command(caseNo, 'transfers', 'clerk-b', { step: '审查', reason: 'x' })).status).toBe(403);
    expect((await call('GET', `/api/cases/${caseNo}/applicant`, { user: 'clerk-b' })).status).toBe(403);
  });

  it('gives the full ID number and phone to the handling clerk only, and logs the read without the values', async () => {
    const caseNo = (await intake(mzIntake())).body.caseNo as string;
    const reply = await call('GET', `/api/cases/${caseNo}/applicant`, { user: 'clerk' });
    expect(reply.status).toBe(200);
    expect(reply.body.applicant).toEqual({
      kind: 'individual',
      name: '张三丰',
      idNumber: '11010519491231002X',
      phone: '13812345678',
      address: '云川市新城区幸福路 8 号',
    });
    for (const user of ['chief', 'leader', 'supervisor', 'clerk-sw']) {
      expect((await call('GET', `/api/cases/${caseNo}/applicant`, { user })).status).toBe(403);
    }
    await expect
      .poll(() =>
        runtime.functionLog.some((line) => line.includes('personal-data-read') && line.includes(caseNo)),
      )
      .toBe(true);
    const audit = runtime.functionLog.find(
      (line) => line.includes('personal-data-read') && line.includes(caseNo),
    ) as string;
    expect(JSON.parse(audit)).toMatchObject({
      username: 'clerk',
      fields: ['name', 'idNumber', 'phone', 'address'],
    });
  });
});

describe('the work queue', () => {
  it('lists a window’s open cases, priority first, by deadline, with cursor pagination', async () => {
    const priority = await intake(mzIntake({ priority: { reason: '重点民生项目' } }));
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?window=mz-01&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await call('GET', `/api/cases${query}`, { user: 'chief' });
      expect(page.status).toBe(200);
      const items = page.body.items as { caseNo: string; applicantName: string }[];
      expect(items.length).toBeLessThanOrEqual(3);
      all.push(...items.map((item) => item.caseNo));
      for (const item of items) expect(item.applicantName).toMatch(/\*/);
      cursor = page.body.nextCursor as string | null;
    } while (cursor);
    expect(all[0]).toBe(priority.body.caseNo);
    expect(new Set(all).size).toBe(all.length);
    const open = (await caseItems()).filter(
      (item) =>
        item.window === 'mz-01' &&
        // Delivered cases awaiting closure (待归档) are listed apart.
        !['delivered', 'closed', 'withdrawn', 'returned', 'notAccepted'].includes(item.status as string),
    );
    expect(all.sort()).toEqual(open.map((item) => item.caseNo).sort());
  });

  it('filters by status, warning level and due date, and lists finished cases apart', async () => {
    const received = await call('GET', '/api/cases?status=received', { user: 'clerk' });
    expect((received.body.items as { status: string }[]).every((item) => item.status === 'received')).toBe(
      true,
    );
    expect((received.body.items as unknown[]).length).toBeGreaterThan(0);
    const red = await call('GET', '/api/cases?level=red', { user: 'clerk' });
    expect(red.body.items).toEqual([]);
    const due = await call('GET', '/api/cases?dueBefore=2000-01-01', { user: 'clerk' });
    expect(due.body.items).toEqual([]);
    const finished = await call('GET', '/api/cases?status=closed,withdrawn', { user: 'supervisor' });
    expect(finished.status).toBe(400);
    const done = await call('GET', '/api/cases?window=mz-01&status=closed,withdrawn', { user: 'supervisor' });
    expect((done.body.items as { status: string }[]).map((item) => item.status).sort()).toEqual([
      'closed',
      'withdrawn',
    ]);
    const other = await call('GET', '/api/cases?window=mz-01', { user: 'clerk-sw' });
    expect(other.status).toBe(403);
    const badCursor = await call('GET', '/api/cases?cursor=bm9wZQ', { user: 'clerk' });
    expect(badCursor.status).toBe(400);
  });
});

describe('public progress lookup', () => {
  it('shows the applicant only what §9 allows', async () => {
    const created = await intake(mzIntake());
    const caseNo = created.body.caseNo as string;
    await command(caseNo, 'acceptance', 'clerk', { told: '受理' });
    await command(caseNo, 'transfers', 'clerk', { step: '审查', reason: '转审查' });
    await command(caseNo, 'suspensions', 'clerk', {
      reason: 'siteSurvey',
      note: '约 3 个工作日',
      told: '书面告知',
    });
    const reply = await call('POST', '/api/public/progress', {
      body: { caseNo, queryCode: (created.body.queryCode as string).toLowerCase() },
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      caseNo,
      item: { code: 'YC-MZ-0102' },
      status: 'suspended',
      statusLabel: '特别程序中',
      suspensions: [{ procedure: '现场勘查', expected: '约 3 个工作日', end: null }],
      result: { collect: { methods: ['窗口领取', '邮寄送达'], window: 'B区 01–03 号窗口' } },
    });
    expect((reply.body.steps as { step: string }[]).map((step) => step.step)).toEqual([
      '收件',
      '受理',
      '内部流转',
      '进入特别程序',
    ]);
    const text = JSON.stringify(reply.body);
    for (const absent of ['clerk', 'chief', '张', '书面告知', 'applicant', 'handler'])
      expect(text).not.toContain(absent);
  });

  it('answers a wrong code and an unknown number the same way, and locks after repeated wrong codes', async () => {
    const created = await intake(mzIntake());
    const caseNo = created.body.caseNo as string;
    const unknownNo = caseNo.replace(/-\d{4}$/, '-9999');
    const wrong = await call('POST', '/api/public/progress', { body: { caseNo, queryCode: 'AAAAAAAA' } });
    const unknown = await call('POST', '/api/public/progress', {
      body: { caseNo: unknownNo, queryCode: 'AAAAAAAA' },
    });
    const malformed = await call('POST', '/api/public/progress', {
      body: { caseNo: 'nonsense', queryCode: 'AAAAAAAA' },
    });
    expect(wrong.status).toBe(404);
    expect(unknown).toMatchObject({ status: wrong.status, body: wrong.body });
    expect(malformed).toMatchObject({ status: wrong.status, body: wrong.body });
    expect(wrong.headers.get('content-type')).toBe(unknown.headers.get('content-type'));
    for (let i = 0; i < 4; i += 1) {
      await call('POST', '/api/public/progress', { body: { caseNo, queryCode: `WRONG${i}XY` } });
      await call('POST', '/api/public/progress', { body: { caseNo: unknownNo, queryCode: `WRONG${i}XY` } });
    }
    const locked = await call('POST', '/api/public/progress', {
      body: { caseNo, queryCode: created.body.queryCode },
    });
    const lockedUnknown = await call('POST', '/api/public/progress', {
      body: { caseNo: unknownNo, queryCode: 'AAAAAAAA' },
    });
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ type: expect.stringContaining('lookup-locked') });
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(lockedUnknown).toMatchObject({ status: 429, body: locked.body });
  });

  it('rate-limits one client across case numbers', async () => {
    let last: Reply | undefined;
    let tried = 0;
    // Each number once: only the per-client limit can refuse.
    while (tried < 150 && last?.status !== 429) {
      last = await call('POST', '/api/public/progress', {
        body: { caseNo: `YC0001-20200101-${String(1000 + tried)}`, queryCode: 'AAAAAAAA' },
      });
      if (last.status !== 429) expect(last.status).toBe(404);
      tried += 1;
    }
    expect(last?.status).toBe(429);
    expect(last?.body).toMatchObject({ type: expect.stringContaining('too-many-requests') });
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('personal data in logs and public responses', () => {
  it('finds no ID number or phone of any fixture in clear in any log line or public response', async () => {
    // Give the worker a moment to flush its last lines.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(runtime.functionLog.length).toBeGreaterThan(20);
    expect(publicResponses.length).toBeGreaterThan(10);
    const haystacks = [...runtime.functionLog, ...runtime.log, ...publicResponses];
    for (const secret of secrets) {
      const found = haystacks.filter((line) => line.includes(secret));
      expect(found, `"${secret}" appears in clear`).toEqual([]);
    }
  });
});

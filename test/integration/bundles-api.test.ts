/**
 * 一件事 bundles at the general window, through the real local runtime: intake makes one bundle
 * and one case per item in its department's back-office queue; only a general window's clerk may
 * take one in; 10 retries (in a row and at once) make one bundle and one set of cases; the public
 * lookup shows the bundle with each part and no personal data; a part not accepted makes the
 * bundle partly refused, all parts delivered make it done.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergedMaterials } from '../../functions/domain/catalogue/bundles.ts';
import { getCatalogue } from '../../functions/domain/catalogue/data.ts';
import type { Bundle } from '../../functions/domain/catalogue/schema.ts';
import { maskName } from '../../functions/domain/privacy.ts';
import { localPersonalDataCipher } from '../../functions/store/personal-data/cipher.ts';
import { loadOrCreateLocalPersonalDataKey } from '../../functions/store/personal-data/local-key.ts';
import { ratingToken } from '../../functions/store/ratings/ratings.ts';
import { startTestRuntime, type TestRuntime } from '../support/runtime.ts';

let runtime: TestRuntime;
const tokens = new Map<string, string>();

interface Reply {
  status: number;
  text: string;
  body: Record<string, unknown>;
}

async function call(
  method: string,
  path: string,
  user: string | undefined,
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
  return { status: response.status, text, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

const catalogue = getCatalogue();
const items = new Map(catalogue.items.map((item) => [item.code, item]));
const applicant = {
  kind: 'individual',
  name: '欧阳娜娜',
  idNumber: '11010519491231002X',
  phone: '13812345678',
};

/** Every required line of the bundle's merged list submitted, plus `extra`. */
function intakeBody(code: string, extra: { id: string; state: string; note?: string }[] = []) {
  const merged = mergedMaterials(catalogue.bundle(code) as Bundle, items);
  const materials = merged.flatMap((line, index) =>
    line.required && !extra.some((update) => update.id === `b${index + 1}`)
      ? [{ id: `b${index + 1}`, state: 'submitted' }]
      : [],
  );
  return { applicant, materials: [...materials, ...extra] };
}

function takeIn(code: string, user = 'clerk-zh', body: unknown = intakeBody(code), key = randomUUID()) {
  return call('POST', `/api/bundles/${code}/intake`, user, body, { 'idempotency-key': key });
}

/** The newborn bundle with its shared line 新生儿户口簿 missing: the 人社 parts get the one correction notice. */
function newbornWithoutHukou() {
  const merged = mergedMaterials(catalogue.bundle('YC-YJS-0001') as Bundle, items);
  const hukou = `b${merged.findIndex((line) => line.name === '新生儿户口簿') + 1}`;
  return takeIn(
    'YC-YJS-0001',
    'clerk-zh',
    intakeBody('YC-YJS-0001', [{ id: hukou, state: 'missing', note: '尚未办理落户' }]),
  );
}

async function scan(type: string) {
  const result = await DynamoDBDocumentClient.from(runtime.store.client).send(
    new ScanCommand({
      TableName: 'yichuang',
      FilterExpression: '#t = :type',
      ExpressionAttributeNames: { '#t': 'type' },
      ExpressionAttributeValues: { ':type': type },
      ConsistentRead: true,
    }),
  );
  return result.Items ?? [];
}

async function step(caseNo: string, slug: string, user: string, body: Record<string, unknown>) {
  const version = (await call('GET', `/api/cases/${caseNo}`, 'supervisor')).body.version;
  const reply = await call('POST', `/api/cases/${caseNo}/${slug}`, user, { version, ...body });
  expect(reply.status, `${slug} ${reply.text}`).toBe(200);
}

beforeAll(async () => {
  runtime = await startTestRuntime();
}, 60_000);
afterAll(async () => {
  await runtime?.stop();
});

describe('bundle intake at the general window', () => {
  it('makes one bundle and one case per item in its department’s back-office queue', async () => {
    const reply = await takeIn('YC-YJS-0001');
    expect(reply.status, reply.text).toBe(201);
    const { bundleNo, queryCode, cases } = reply.body as {
      bundleNo: string;
      queryCode: string;
      cases: { caseNo: string; itemCode: string; department: string }[];
    };
    expect(bundleNo).toMatch(/^YJYC0001-\d{8}-\d{4}$/);
    expect(queryCode).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    expect(cases.map((part) => [part.itemCode, part.department])).toEqual([
      ['YC-WJW-0401', 'wjw'],
      ['YC-WJW-0101', 'wjw'],
      ['YC-RS-0401', 'rs'],
      ['YC-RS-0301', 'rs'],
    ]);
    for (const part of cases) {
      const got = await call('GET', `/api/cases/${part.caseNo}`, 'supervisor');
      expect(got.body).toMatchObject({
        department: part.department,
        window: `${part.department}-01`,
        intakeWindow: 'zh-01',
        bundleNo,
        handler: null,
        status: 'received',
        firstContact: { username: 'clerk-zh' },
      });
      expect((got.body.clocks as { name: string }[]).map((clock) => clock.name)).toContain(
        'correctionNotice',
      );
      // The general window that took it in reads it too (首问负责).
      expect((await call('GET', `/api/cases/${part.caseNo}`, 'clerk-zh')).status).toBe(200);
    }
    // The department's queue shows its parts; its clerk takes one and works it.
    const queue = await call('GET', '/api/cases', 'clerk-rs');
    const queued = (queue.body.items as { caseNo: string }[]).map((entry) => entry.caseNo);
    for (const part of cases.filter((c) => c.department === 'rs')) expect(queued).toContain(part.caseNo);
    const wjwQueue = await call('GET', '/api/cases?window=wjw-01', 'supervisor');
    for (const part of cases.filter((c) => c.department === 'wjw')) {
      expect((wjwQueue.body.items as { caseNo: string }[]).map((entry) => entry.caseNo)).toContain(
        part.caseNo,
      );
    }
    await step(cases[3]?.caseNo as string, 'acceptance', 'clerk-rs', { told: '已受理' });
    const accepted = await call('GET', `/api/cases/${cases[3]?.caseNo}`, 'clerk-rs');
    expect(accepted.body).toMatchObject({ status: 'accepted', handler: 'clerk-rs' });

    const record = await call('GET', `/api/bundle-records/${bundleNo}`, 'clerk-zh');
    expect(record.status).toBe(200);
    expect(record.body).toMatchObject({ bundleNo, status: 'inProgress', intakeWindow: 'zh-01' });
    expect((record.body.parts as { status: string }[]).map((part) => part.status)).toEqual([
      'received',
      'received',
      'received',
      'accepted',
    ]);
    expect(record.text).not.toContain('欧阳娜娜');
    expect(record.text).not.toContain('11010519491231002X');
  });

  it('gives one correction notice for the whole: each part a missing shared line concerns records it', async () => {
    const reply = await newbornWithoutHukou();
    expect(reply.status, reply.text).toBe(201);
    const bundle = reply.body.bundle as { parts: { itemCode: string; status: string }[] };
    expect(bundle.parts.map((part) => [part.itemCode, part.status])).toEqual([
      ['YC-WJW-0401', 'received'],
      ['YC-WJW-0101', 'received'],
      ['YC-RS-0401', 'correctionRequested'],
      ['YC-RS-0301', 'correctionRequested'],
    ]);
    const rsPart = (reply.body.cases as { caseNo: string }[])[3]?.caseNo as string;
    const got = await call('GET', `/api/cases/${rsPart}`, 'clerk-rs');
    const notices = got.body.correctionNotices as {
      inTime: boolean;
      items: { name: string; note?: string }[];
    }[];
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      inTime: true,
      items: [{ name: '户口簿', note: '尚未办理落户' }],
    });
    // The department does not notify a second time for the same submission.
    const again = await call('POST', `/api/cases/${rsPart}/correction-notice`, 'clerk-rs', {
      version: got.body.version,
      told: '再次告知',
    });
    expect(again.status).toBe(409);
  });

  it('is refused to a department window, a chief and an unknown bundle', async () => {
    for (const user of ['clerk', 'clerk-rs']) {
      const reply = await takeIn('YC-YJS-0001', user);
      expect(reply.status, user).toBe(403);
      expect(reply.body.detail).toContain('综合窗口');
    }
    expect((await takeIn('YC-YJS-0001', 'chief')).status).toBe(403);
    expect((await takeIn('YC-YJS-9999', 'clerk-zh', intakeBody('YC-YJS-0001'))).status).toBe(404);
  });

  it('names the field and rule of bad input, and writes nothing', async () => {
    const before = (await scan('bundle')).length;
    const body = intakeBody('YC-YJS-0001');
    const reply = await takeIn('YC-YJS-0001', 'clerk-zh', {
      applicant: { ...applicant, idNumber: '110105194912310021' },
      materials: body.materials
        .filter((line) => line.id !== 'b1')
        .concat([{ id: 'b99', state: 'submitted' }]),
    });
    expect(reply.status).toBe(400);
    const fields = (reply.body.errors as { field: string; rule: string }[]).map(
      (e) => `${e.field} ${e.rule}`,
    );
    expect(fields).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^body\.applicant\.idNumber /),
        expect.stringMatching(/^body\.materials\.\d+\.id unknown_material$/),
        'body.materials.b1 material_state_required',
      ]),
    );
    expect(await scan('bundle')).toHaveLength(before);
  });

  it('refuses a line marked owed or committed (the commitment paths are a single item’s), and writes nothing', async () => {
    const bundles = (await scan('bundle')).length;
    const claims = (await scan('bundleIntakeClaim')).length;
    const cases = (await scan('case')).length;
    for (const state of ['owed', 'committed']) {
      const body = intakeBody('YC-YJS-0003', [{ id: 'b1', state }]);
      const reply = await takeIn('YC-YJS-0003', 'clerk-zh', body);
      expect(reply.status, reply.text).toBe(400);
      const index = body.materials.findIndex((line) => line.id === 'b1');
      expect(reply.body.errors).toEqual([
        expect.objectContaining({ field: `body.materials.${index}.state`, rule: 'path_not_in_bundle' }),
      ]);
    }
    expect(await scan('bundle')).toHaveLength(bundles);
    expect(await scan('bundleIntakeClaim')).toHaveLength(claims);
    expect(await scan('case')).toHaveLength(cases);
    const listed = await call('GET', '/api/bundle-records?window=zh-01&limit=50', 'clerk-zh');
    for (const entry of listed.body.items as { parts: number; bundleNo: string }[]) {
      const record = await call('GET', `/api/bundle-records/${entry.bundleNo}`, 'clerk-zh');
      expect(record.status, entry.bundleNo).toBe(200);
    }
  });
});

describe('a single item at the general window (无差别受理)', () => {
  const mzItem = {
    itemCode: 'YC-MZ-0102',
    applicant,
    materials: ['m1', 'm2', 'm3', 'm6'].map((id) => ({ id, state: 'submitted' })),
  };
  const intake = (user: string, body: unknown) =>
    call('POST', '/api/cases', user, body, { 'idempotency-key': randomUUID() });

  it('is taken in for its department and handed to the back office’s queue; the general window still reads it', async () => {
    const taken = await intake('clerk-zh', mzItem);
    expect(taken.status, taken.text).toBe(201);
    const caseNo = taken.body.caseNo as string;
    expect(taken.body.case).toMatchObject({
      department: 'mz',
      window: 'mz-01',
      handler: null,
      intakeWindow: 'zh-01',
      status: 'received',
    });
    const queue = await call('GET', '/api/cases?window=mz-01&limit=100', 'clerk');
    expect((queue.body.items as { caseNo: string }[]).map((entry) => entry.caseNo)).toContain(caseNo);
    expect((await call('GET', `/api/cases/${caseNo}`, 'clerk-zh')).status).toBe(200);
    expect((await call('GET', `/api/cases/${caseNo}`, 'clerk-sw')).status).toBe(403);
    // The department's clerk handles it; the general window does not.
    const version = (taken.body.case as { version: number }).version;
    const byGeneral = await call('POST', `/api/cases/${caseNo}/acceptance`, 'clerk-zh', {
      version,
      told: '受理',
    });
    expect(byGeneral.status).toBe(403);
    const accepted = await call('POST', `/api/cases/${caseNo}/acceptance`, 'clerk', {
      version,
      told: '受理',
    });
    expect(accepted.status, accepted.text).toBe(200);
    expect(accepted.body).toMatchObject({ handler: 'clerk', window: 'mz-01' });
  });

  it('is not settled on the spot there, and no department window takes in another department’s item', async () => {
    const instant = {
      itemCode: 'YC-RS-0201',
      applicant,
      materials: [{ id: 'm1', state: 'submitted' }],
      settleInstantly: { told: '当场办结' },
    };
    expect((await intake('clerk-rs', instant)).status).toBe(201);
    const settled = await intake('clerk-zh', instant);
    expect(settled.status).toBe(400);
    expect(settled.body.errors).toEqual([
      expect.objectContaining({ field: 'body.settleInstantly', rule: 'general_window' }),
    ]);
    expect((await intake('clerk-sw', mzItem)).status).toBe(403);
    expect((await intake('chief', mzItem)).status).toBe(403);
  });
});

describe('the general window’s figures', () => {
  const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const counts = async (scope: string, user = 'supervisor') => {
    const reply = await call('GET', `/api/figures?scope=${scope}&period=${today()}`, user);
    expect(reply.status, reply.text).toBe(200);
    return (reply.body.current as { counts: Record<string, number> }).counts;
  };
  const scopes = [
    'window:zh-01',
    'department:zh',
    'department:rs',
    'window:rs-01',
    'department:wjw',
    'centre',
  ];

  it('count its intake — received and correction notices — and the departments’ the handling, each case once', async () => {
    const before = Object.fromEntries(
      await Promise.all(scopes.map(async (scope) => [scope, await counts(scope)])),
    );
    const ownBefore = await counts('clerk:clerk-zh', 'clerk-zh');
    const newborn = await newbornWithoutHukou();
    expect(newborn.status, newborn.text).toBe(201);
    const retirement = await takeIn('YC-YJS-0003');
    expect(retirement.status, retirement.text).toBe(201);
    const parts = [
      ...(newborn.body.cases as { caseNo: string; department: string }[]),
      ...(retirement.body.cases as { caseNo: string; department: string }[]),
    ];
    const rsPart = (retirement.body.cases as { caseNo: string; department: string }[]).find(
      (part) => part.department === 'rs',
    )?.caseNo as string;
    await step(rsPart, 'acceptance', 'clerk-rs', { told: '已受理' });

    const change = async (scope: string) => {
      const after = await counts(scope);
      return Object.fromEntries(
        ['received', 'correctionNotices', 'accepted'].map((key) => [
          key,
          (after[key] ?? 0) - (before[scope][key] ?? 0),
        ]),
      );
    };
    // Six parts taken in at zh-01, two of them (人社) given the bundle's one correction notice.
    expect(await change('window:zh-01')).toEqual({ received: 6, correctionNotices: 2, accepted: 0 });
    expect(await change('department:zh')).toEqual({ received: 6, correctionNotices: 2, accepted: 0 });
    // The departments handle them: 人社 accepted one, and received none of them.
    expect(await change('department:rs')).toEqual({ received: 0, correctionNotices: 0, accepted: 1 });
    expect(await change('window:rs-01')).toEqual({ received: 0, correctionNotices: 0, accepted: 1 });
    expect(await change('department:wjw')).toEqual({ received: 0, correctionNotices: 0, accepted: 0 });
    expect(await change('centre')).toEqual({ received: 6, correctionNotices: 2, accepted: 1 });
    // The clerk who took them in reads them in their own figures.
    expect(((await counts('clerk:clerk-zh', 'clerk-zh')).received ?? 0) - (ownBefore.received ?? 0)).toBe(6);

    // The numbers open the cases behind them, for whom they count.
    const behind = async (scope: string, figure: string) => {
      const reply = await call(
        'GET',
        `/api/figures/cases?scope=${scope}&period=${today()}&figure=${figure}&limit=2000`,
        'supervisor',
      );
      expect(reply.status, reply.text).toBe(200);
      return reply.body.cases as { caseNo: string; owner: { window: string; handler: string | null } }[];
    };
    const received = await behind('window:zh-01', 'received');
    for (const part of parts) {
      expect(received.find((entry) => entry.caseNo === part.caseNo)?.owner, part.caseNo).toEqual({
        department: 'zh',
        window: 'zh-01',
        handler: 'clerk-zh',
      });
    }
    expect((await behind('window:zh-01', 'accepted')).map((entry) => entry.caseNo)).not.toContain(rsPart);
    expect(
      (await behind('department:rs', 'accepted')).find((entry) => entry.caseNo === rsPart)?.owner,
    ).toEqual({
      department: 'rs',
      window: 'rs-01',
      handler: 'clerk-rs',
    });
    expect((await behind('department:rs', 'received')).map((entry) => entry.caseNo)).not.toContain(rsPart);

    // The ledger of the general window lists the cases it took in, naming itself; the department's
    // lists the ones it handles.
    const ledger = async (scope: string) => {
      const reply = await fetch(`${runtime.baseUrl}/api/ledger?scope=${scope}&period=${today()}`, {
        headers: { authorization: `Bearer ${tokens.get('supervisor')}` },
      });
      expect(reply.status).toBe(200);
      const [header, ...lines] = (await reply.text())
        .replace(/^\uFEFF/, '')
        .split('\r\n')
        .filter(Boolean);
      const columns = (header as string).split(',');
      return lines.map((line) => Object.fromEntries(line.split(',').map((value, i) => [columns[i], value])));
    };
    const zhRows = await ledger('window:zh-01');
    for (const part of parts) {
      expect(zhRows.find((row) => row.受理编号 === part.caseNo)?.收件综合窗口, part.caseNo).toBe('zh-01');
    }
    const rsRows = await ledger('department:rs');
    expect(rsRows.find((row) => row.受理编号 === rsPart)).toMatchObject({
      窗口: 'rs-01',
      收件综合窗口: 'zh-01',
    });
    // The general window's monthly report draft is its own.
    const report = await fetch(
      `${runtime.baseUrl}/api/reports/monthly?scope=department:zh&period=${today().slice(0, 7)}`,
      { headers: { authorization: `Bearer ${tokens.get('supervisor')}` } },
    );
    expect(await report.text()).toContain('<title>云川市政务服务中心综合窗口');
    expect(rsRows.map((row) => row.受理编号)).not.toContain(
      parts.find((part) => part.department === 'wjw')?.caseNo,
    );
  });
});

describe('idempotency of bundle intake', () => {
  it('10 retries in a row make one bundle and one set of cases, each answered with the same receipt', async () => {
    const [bundlesBefore, casesBefore] = [(await scan('bundle')).length, (await scan('case')).length];
    const key = randomUUID();
    const replies = [];
    for (let i = 0; i < 10; i += 1) replies.push(await takeIn('YC-YJS-0002', 'clerk-zh', undefined, key));
    expect(replies.map((reply) => reply.status)).toEqual(Array(10).fill(201));
    expect(new Set(replies.map((reply) => reply.body.bundleNo)).size).toBe(1);
    expect(new Set(replies.map((reply) => reply.body.queryCode)).size).toBe(1);
    expect((await scan('bundle')).length).toBe(bundlesBefore + 1);
    expect((await scan('case')).length).toBe(casesBefore + 3);
  });

  it('10 requests at once make one bundle and one set of cases; the same key with another body is refused', async () => {
    const [bundlesBefore, casesBefore] = [(await scan('bundle')).length, (await scan('case')).length];
    const key = randomUUID();
    const replies = await Promise.all(
      Array.from({ length: 10 }, () => takeIn('YC-YJS-0003', 'clerk-zh', undefined, key)),
    );
    for (const reply of replies) expect([201, 409]).toContain(reply.status);
    const settled = await takeIn('YC-YJS-0003', 'clerk-zh', undefined, key);
    expect(settled.status).toBe(201);
    const numbers = new Set(
      [...replies, settled].filter((r) => r.status === 201).map((r) => r.body.bundleNo),
    );
    expect(numbers.size).toBe(1);
    expect((await scan('bundle')).length).toBe(bundlesBefore + 1);
    expect((await scan('case')).length).toBe(casesBefore + 2);
    const parts = await scan('case');
    const ofBundle = parts.filter(
      (item) => (item.data as { bundleNo?: string }).bundleNo === settled.body.bundleNo,
    );
    expect(ofBundle).toHaveLength(2);

    const other = await takeIn(
      'YC-YJS-0003',
      'clerk-zh',
      { ...intakeBody('YC-YJS-0003'), told: '另一请求' },
      key,
    );
    expect(other.status).toBe(422);
  });
});

describe('following a bundle', () => {
  it('publicly, with its number and query code: each part, masked, behind the same guards', async () => {
    const taken = await takeIn('YC-YJS-0004');
    const { bundleNo, queryCode } = taken.body as { bundleNo: string; queryCode: string };
    const reply = await call('POST', '/api/public/progress', undefined, { caseNo: bundleNo, queryCode });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body).toMatchObject({ kind: 'bundle', bundleNo, status: 'inProgress' });
    const parts = reply.body.parts as {
      item: { code: string };
      department: string;
      status: string;
      step: number;
      stepName: string;
    }[];
    const steps = (catalogue.bundle('YC-YJS-0004') as Bundle).steps;
    expect(
      parts.map((part) => [part.item.code, part.department, part.status, part.step, part.stepName]),
    ).toEqual([
      ['YC-MZ-0501', '云川市民政局', 'received', 0, steps[0]?.name],
      ['YC-RS-0601', '云川市人力资源和社会保障局', 'received', 0, steps[0]?.name],
      ['YC-BDC-0501', '云川市自然资源和规划局', 'received', 1, steps[1]?.name],
    ]);
    for (const personal of ['欧阳', '娜娜', '欧*', '1101', '1381', '5678', 'applicant', 'clerk-zh']) {
      expect(reply.text, personal).not.toContain(personal);
    }
    // A part is followed by its own number with the same code.
    const part = await call('POST', '/api/public/progress', undefined, {
      caseNo: (taken.body.cases as { caseNo: string }[])[0]?.caseNo,
      queryCode,
    });
    expect(part.status).toBe(200);
    // A wrong code and an unknown bundle number get the case lookup's one answer; then the lock.
    const wrong = await call('POST', '/api/public/progress', undefined, {
      caseNo: bundleNo,
      queryCode: 'ZZZZZZZZ',
    });
    const unknown = await call('POST', '/api/public/progress', undefined, {
      caseNo: 'YJYC0001-20000101-0001',
      queryCode,
    });
    expect([wrong.status, unknown.status]).toEqual([404, 404]);
    expect(wrong.body).toEqual(unknown.body);
    for (let i = 0; i < 4; i += 1) {
      await call('POST', '/api/public/progress', undefined, { caseNo: bundleNo, queryCode: 'ZZZZZZZZ' });
    }
    const locked = await call('POST', '/api/public/progress', undefined, { caseNo: bundleNo, queryCode });
    expect(locked.status).toBe(429);
  });

  it('shows a part not accepted as partly refused, never as done', async () => {
    const taken = await takeIn('YC-YJS-0003');
    const { bundleNo, queryCode } = taken.body as { bundleNo: string; queryCode: string };
    const cases = taken.body.cases as { caseNo: string; department: string }[];
    const mzPart = cases.find((part) => part.department === 'mz')?.caseNo as string;
    await step(mzPart, 'non-acceptance', 'clerk', {
      reason: '不属于本市户籍',
      remedies: '可申请行政复议',
      told: '告知',
    });
    const record = await call('GET', `/api/bundle-records/${bundleNo}`, 'clerk-rs');
    expect(record.body).toMatchObject({ status: 'partlyRefused', statusLabel: '部分事项未办成' });
    const publicView = await call('POST', '/api/public/progress', undefined, { caseNo: bundleNo, queryCode });
    expect(publicView.body).toMatchObject({ status: 'partlyRefused' });
    expect((publicView.body.parts as { outcome: string }[]).map((part) => part.outcome)).toEqual([
      'open',
      'failed',
    ]);
  });

  it('is done when every part is delivered', async () => {
    const taken = await takeIn('YC-YJS-0003');
    const { bundleNo } = taken.body as { bundleNo: string };
    const cases = taken.body.cases as { caseNo: string; department: string }[];
    const rsPart = cases.find((part) => part.department === 'rs')?.caseNo as string;
    const mzPart = cases.find((part) => part.department === 'mz')?.caseNo as string;
    await step(rsPart, 'acceptance', 'clerk-rs', { told: '已受理' });
    await step(rsPart, 'approval', 'clerk-rs', { told: '准予' });
    expect((await call('GET', `/api/bundle-records/${bundleNo}`, 'supervisor')).body.status).toBe(
      'inProgress',
    );
    await step(rsPart, 'delivery', 'clerk-rs', { method: 'window' });
    await step(mzPart, 'instant-settlement', 'clerk', { told: '当场办结' });
    const record = await call('GET', `/api/bundle-records/${bundleNo}`, 'supervisor');
    expect(record.body).toMatchObject({ status: 'done', statusLabel: '已全部办结' });
  });

  it('is rated once, as a whole, when every part is delivered; its parts are not rated', async () => {
    const taken = await takeIn('YC-YJS-0003');
    const { bundleNo } = taken.body as { bundleNo: string };
    const cases = taken.body.cases as { caseNo: string; department: string }[];
    const rsPart = cases.find((part) => part.department === 'rs')?.caseNo as string;
    const mzPart = cases.find((part) => part.department === 'mz')?.caseNo as string;
    await step(rsPart, 'acceptance', 'clerk-rs', { told: '已受理' });
    await step(rsPart, 'approval', 'clerk-rs', { told: '准予' });
    await step(rsPart, 'delivery', 'clerk-rs', { method: 'window' });
    // One part delivered: no link for the bundle yet, none ever for the part.
    const early = await call('GET', `/api/bundle-records/${bundleNo}/rating-link`, 'clerk-zh');
    expect(early.status, early.text).toBe(422);
    const partLink = await call('GET', `/api/cases/${rsPart}/rating-link`, 'clerk-rs');
    expect(partLink.status).toBe(422);
    expect(partLink.body.type).toMatch(/bundle-part$/);
    // Even the part's true token (made with the runtime's key) opens nothing: a part has no rating.
    const cipher = localPersonalDataCipher(
      Buffer.from(await loadOrCreateLocalPersonalDataKey(runtime.dataDir), 'base64'),
    );
    const partToken = await ratingToken(cipher, rsPart);
    const partRating = await call('POST', '/api/public/ratings/lookup', undefined, {
      caseNo: rsPart,
      token: partToken,
    });
    expect(partRating.status).toBe(404);

    const zhFigures = async () => {
      const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
      const reply = await call('GET', `/api/ratings/figures?month=${month}&window=zh-01`, 'supervisor');
      return reply.body.total as { visits: number; ratings: number; bad: number };
    };
    const before = await zhFigures();
    await step(mzPart, 'instant-settlement', 'clerk', { told: '当场办结' });
    expect((await zhFigures()).visits).toBe(before.visits + 1);
    expect((await call('GET', `/api/cases/${mzPart}/rating-link`, 'clerk')).status).toBe(422);
    expect((await call('GET', `/api/bundle-records/${bundleNo}/rating-link`, 'clerk-rs')).status).toBe(403);
    const link = await call('GET', `/api/bundle-records/${bundleNo}/rating-link`, 'clerk-zh');
    expect(link.status, link.text).toBe(200);
    expect(link.body.path).toBe(`/rate/#c=${bundleNo}&t=${link.body.token}`);
    const token = link.body.token as string;

    const shown = await call('POST', '/api/public/ratings/lookup', undefined, { caseNo: bundleNo, token });
    expect(shown.status, shown.text).toBe(200);
    expect(shown.body).toMatchObject({
      caseNo: bundleNo,
      itemName: '退休“一件事”',
      window: 'zh-01',
      rated: false,
    });
    const rated = await call('POST', '/api/public/ratings', undefined, {
      caseNo: bundleNo,
      token,
      overall: 2,
      comment: '来回跑了两个部门',
      asComplaint: true,
    });
    expect(rated.status, rated.text).toBe(201);
    // Filed as a complaint against the general window, which triage assigns to it.
    const { complaintNo } = rated.body.complaintReceipt as { complaintNo: string };
    const complaint = await call('GET', `/api/complaints/${complaintNo}`, 'supervisor');
    expect(complaint.body.respondent).toMatchObject({ department: 'zh', window: 'zh-01', caseNo: bundleNo });
    const assigned = await call('POST', `/api/complaints/${complaintNo}/triage-assign`, 'supervisor', {
      version: complaint.body.version,
      department: 'zh',
      window: 'zh-01',
      complexity: 'simple',
      told: '已转综合窗口核实，1 个工作日内答复。',
    });
    expect(assigned.status, assigned.text).toBe(200);
    const again = await call('POST', '/api/public/ratings', undefined, {
      caseNo: bundleNo,
      token,
      overall: 5,
    });
    expect(again.status).toBe(409);
    for (const part of [rsPart, mzPart]) {
      expect((await call('GET', `/api/ratings/${part}`, 'supervisor')).status, part).toBe(404);
    }

    // The bad rating is the general window's to rectify: its clerk who took the bundle in.
    const rating = await call('GET', `/api/ratings/${bundleNo}`, 'clerk-zh');
    expect(rating.status, rating.text).toBe(200);
    expect(rating.body).toMatchObject({
      bundle: { code: 'YC-YJS-0003', parts: [rsPart, mzPart].sort() },
      window: 'zh-01',
      rectification: { assignee: 'clerk-zh', status: 'open' },
    });
    const queue = await call('GET', '/api/ratings/rectifications', 'supervisor');
    expect((queue.body.items as { caseNo: string }[]).map((entry) => entry.caseNo)).toContain(bundleNo);
    expect(await zhFigures()).toMatchObject({
      visits: before.visits + 1,
      ratings: before.ratings + 1,
      bad: before.bad + 1,
    });
  });

  it('is read by the general window, the departments of its parts and supervision only', async () => {
    const taken = await takeIn('YC-YJS-0002');
    const { bundleNo } = taken.body as { bundleNo: string };
    for (const user of ['clerk-zh', 'clerk-sj', 'clerk-rs', 'chief-sj', 'supervisor']) {
      expect((await call('GET', `/api/bundle-records/${bundleNo}`, user)).status, user).toBe(200);
    }
    for (const user of ['clerk', 'chief', 'leader']) {
      expect((await call('GET', `/api/bundle-records/${bundleNo}`, user)).status, user).toBe(403);
    }
    expect((await call('GET', '/api/bundle-records/YJYC0001-20000101-0001', 'supervisor')).status).toBe(404);
  });

  it('is listed for the general window that took it in, most recent first, page by page', async () => {
    const first = await call('GET', '/api/bundle-records?limit=2', 'clerk-zh');
    expect(first.status, first.text).toBe(200);
    const items = first.body.items as { bundleNo: string; receivedAt: string; applicantName: string }[];
    expect(items).toHaveLength(2);
    expect((items[0]?.receivedAt ?? '') >= (items[1]?.receivedAt ?? '')).toBe(true);
    expect(items[0]?.applicantName).toBe(maskName(applicant.name));
    const next = await call(
      'GET',
      `/api/bundle-records?limit=2&cursor=${encodeURIComponent(first.body.nextCursor as string)}`,
      'clerk-zh',
    );
    const nextNos = (next.body.items as { bundleNo: string }[]).map((item) => item.bundleNo);
    expect(nextNos.length).toBeGreaterThan(0);
    for (const no of nextNos) expect(items.map((item) => item.bundleNo)).not.toContain(no);
    expect((await call('GET', '/api/bundle-records', 'supervisor')).status).toBe(400);
    expect((await call('GET', '/api/bundle-records?window=zh-01', 'supervisor')).status).toBe(200);
    expect((await call('GET', '/api/bundle-records?window=zh-01', 'clerk-rs')).status).toBe(403);
    const wrongCursor = await call('GET', '/api/bundle-records?cursor=bm90LWEtY3Vyc29y', 'clerk-zh');
    expect(wrongCursor.status).toBe(400);
  });
});

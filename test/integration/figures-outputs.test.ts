/**
 * What the figures give besides the figures themselves, against the real local runtime: the trend
 * and the comparison of windows, the cases behind a number, the monthly report draft (HTML and
 * .docx, read back) and the ledger as .xlsx (read back with exceljs, file by file). Cases are taken
 * in over HTTP this month; an overdue case is written with its November history, the supervision
 * sweep cards it, and two complaints are filed — one assigned to 民政 (valid), one left to triage.
 */
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { civilDateAt } from '../../functions/domain/calendar/instant.ts';
import { seedOverdueNovemberCase } from '../support/figures.ts';
import { startTestRuntime, type TestRuntime } from '../support/runtime.ts';

interface Reply {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
  text: string;
  body: Record<string, unknown>;
}

let runtime: TestRuntime;
const tokens = new Map<string, string>();

async function call(method: string, path: string, user?: string, body?: unknown): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (user) {
    if (!tokens.has(user)) tokens.set(user, await runtime.identity.issue(user));
    headers.authorization = `Bearer ${tokens.get(user)}`;
  }
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method === 'POST' && path === '/api/cases') headers['idempotency-key'] = randomUUID();
  const response = await fetch(`${runtime.baseUrl}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  let parsed: Record<string, unknown> = {};
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    parsed = JSON.parse(text) as Record<string, unknown>;
  }
  return { status: response.status, headers: response.headers, bytes, text, body: parsed };
}

const get = (path: string, user: string) => call('GET', path, user);
const fields = (reply: Reply) => (reply.body.errors as { field: string }[] | undefined)?.map((e) => e.field);

const applicant = {
  kind: 'individual',
  name: '张三丰',
  idNumber: '11010519491231002X',
  phone: '13812345678',
};
const complete = ['m1', 'm2', 'm3', 'm6'].map((id) => ({ id, state: 'submitted' }));
const complainant = { realName: true, name: '欧阳明华', phone: '13987654321', contactPreference: 'web' };

async function intake(body: Record<string, unknown>): Promise<string> {
  const reply = await call('POST', '/api/cases', 'clerk', { applicant, ...body });
  expect(reply.status, reply.text).toBe(201);
  return reply.body.caseNo as string;
}

async function step(caseNo: string, slug: string, user: string, body: Record<string, unknown>) {
  const version = (await get(`/api/cases/${caseNo}`, 'supervisor')).body.version as number;
  const reply = await call('POST', `/api/cases/${caseNo}/${slug}`, user, { version, ...body });
  expect(reply.status, `${slug}: ${reply.text}`).toBe(200);
}

async function fileComplaint(): Promise<string> {
  const reply = await call('POST', '/api/public/complaints', undefined, {
    category: 'attitude',
    facts: '在民政窗口办理社会团体变更登记，工作人员态度生硬，不解释材料要求。',
    complainant,
    respondent: { department: 'mz', window: 'mz-01' },
  });
  expect(reply.status, reply.text).toBe(201);
  return reply.body.complaintNo as string;
}

const today = civilDateAt(new Date());
const month = today.slice(0, 7);
const overdueCaseNo = 'YC0001-20261102-9001';
let caseNos: Record<string, string>;
let validComplaint: string;
let untriagedComplaint: string;

beforeAll(async () => {
  runtime = await startTestRuntime();
  const settled = await intake({ itemCode: 'YC-MZ-0102', materials: complete });
  await step(settled, 'acceptance', 'clerk', { told: '受理' });
  await step(settled, 'approval', 'clerk', { told: '准予变更登记' });
  await step(settled, 'delivery', 'clerk', { method: 'window' });
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
  const open = await intake({ itemCode: 'YC-MZ-0102', materials: complete });
  caseNos = { settled, refused, instant, open };
  await seedOverdueNovemberCase(runtime, overdueCaseNo);
  const sweep = await call('POST', '/api/supervision/sweeps', 'supervisor', {});
  expect(sweep.status, sweep.text).toBe(200);
  validComplaint = await fileComplaint();
  const version = (await get(`/api/complaints/${validComplaint}`, 'supervisor')).body.version;
  const assigned = await call('POST', `/api/complaints/${validComplaint}/triage-assign`, 'supervisor', {
    version,
    department: 'mz',
    window: 'mz-01',
    complexity: 'simple',
    told: '已转民政窗口，1 个工作日内答复。',
  });
  expect(assigned.status, assigned.text).toBe(200);
  untriagedComplaint = await fileComplaint();
}, 180_000);
afterAll(async () => {
  await runtime?.stop();
});

describe('GET /api/figures/series', () => {
  it('gives twelve months ending with the one asked for, each as GET /api/figures counts it', async () => {
    const reply = await get(`/api/figures/series?scope=department:mz&end=${month}`, 'chief');
    expect(reply.status, reply.text).toBe(200);
    const months = reply.body.months as { period: { key: string }; counts: Record<string, number> }[];
    expect(months).toHaveLength(12);
    expect(months.at(-1)?.period.key).toBe(month);
    expect(months.map((m) => m.period.key)).toEqual([...months.map((m) => m.period.key)].sort());
    const figures = await get(`/api/figures?scope=department:mz&period=${month}`, 'chief');
    expect(months.at(-1)?.counts).toEqual((figures.body.current as { counts: unknown }).counts);
    const short = await get(`/api/figures/series?end=2026-11&months=3`, 'leader');
    expect((short.body.months as unknown[]).length).toBe(3);
    expect(short.body.scope).toBe('centre');
  });

  it('refuses a bad month or number of months, and a scope above the role', async () => {
    expect(fields(await get('/api/figures/series?end=2026-13', 'leader'))).toEqual(['query.end']);
    expect(fields(await get('/api/figures/series?end=2026-Q4', 'leader'))).toEqual(['query.end']);
    expect(fields(await get('/api/figures/series?end=2026-12&months=25', 'leader'))).toEqual([
      'query.months',
    ]);
    expect((await get('/api/figures/series?end=2026-12&scope=centre', 'chief')).status).toBe(403);
    expect((await get('/api/figures/series?end=2026-12', 'clerk')).body.scope).toBe('clerk:clerk');
  });
});

describe('GET /api/figures/windows', () => {
  it('compares a department’s windows, each as its own figures count it', async () => {
    const reply = await get(`/api/figures/windows?scope=department:mz&period=${month}`, 'chief');
    expect(reply.status, reply.text).toBe(200);
    const rows = reply.body.rows as {
      scope: string;
      label: string;
      figures: { counts: Record<string, number> };
    }[];
    expect(rows.map((row) => row.scope)).toEqual(['window:mz-01', 'window:mz-02', 'window:mz-03']);
    const window = await get(`/api/figures?scope=window:mz-01&period=${month}`, 'chief');
    expect(rows[0]?.figures.counts).toEqual((window.body.current as { counts: unknown }).counts);
    expect(rows[0]?.figures.counts.received).toBeGreaterThanOrEqual(4);
  });

  it('compares the centre’s departments for leaders, and refuses clerks, chiefs above and windows', async () => {
    const centre = await get(`/api/figures/windows?period=${month}`, 'leader');
    expect(centre.status).toBe(200);
    const rows = centre.body.rows as { scope: string; label: string }[];
    expect(rows.map((row) => row.scope)).toContain('department:mz');
    expect(rows.find((row) => row.scope === 'department:mz')?.label).toBe('民政');
    expect((await get(`/api/figures/windows?period=${month}`, 'clerk')).status).toBe(403);
    expect((await get(`/api/figures/windows?scope=centre&period=${month}`, 'chief')).status).toBe(403);
    expect((await get(`/api/figures/windows?scope=department:sw&period=${month}`, 'chief')).status).toBe(403);
    expect(fields(await get(`/api/figures/windows?scope=window:mz-01&period=${month}`, 'leader'))).toEqual([
      'query.scope',
    ]);
  });
});

describe('GET /api/figures/cases', () => {
  it('lists the cases behind a number, as many as it counts, without personal data', async () => {
    const figures = await get(`/api/figures?scope=department:mz&period=${month}`, 'chief');
    const counts = (figures.body.current as { counts: Record<string, number> }).counts;
    for (const figure of ['received', 'notAccepted', 'instantSettlements', 'decided', 'delivered'] as const) {
      const reply = await get(
        `/api/figures/cases?scope=department:mz&period=${month}&figure=${figure}`,
        'chief',
      );
      expect(reply.status, reply.text).toBe(200);
      expect(reply.body.nextCursor).toBeNull();
      expect((reply.body.cases as unknown[]).length, figure).toBe(counts[figure]);
    }
    const refused = await get(
      `/api/figures/cases?scope=department:mz&period=${month}&figure=notAccepted`,
      'chief',
    );
    expect(refused.body.label).toBe('不予受理');
    expect((refused.body.cases as { caseNo: string }[]).map((entry) => entry.caseNo)).toContain(
      caseNos.refused,
    );
    expect(refused.text).not.toContain('张三丰');
    expect(refused.text).not.toContain(applicant.phone);
  });

  it('pages over the period’s index: the pages together are the whole list', async () => {
    const whole = await get(
      `/api/figures/cases?scope=department:mz&period=${month}&figure=received`,
      'chief',
    );
    const paged: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const reply: Reply = await get(
        `/api/figures/cases?scope=department:mz&period=${month}&figure=received&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        'chief',
      );
      expect(reply.status).toBe(200);
      paged.push(...(reply.body.cases as { caseNo: string }[]).map((entry) => entry.caseNo));
      cursor = reply.body.nextCursor as string | null;
      pages += 1;
    } while (cursor);
    expect(pages).toBeGreaterThan(1);
    expect(paged).toEqual((whole.body.cases as { caseNo: string }[]).map((entry) => entry.caseNo));
  });

  it('refuses an unknown figure, a bad cursor and a scope above the role', async () => {
    expect(fields(await get(`/api/figures/cases?period=${month}&figure=everything`, 'leader'))).toEqual([
      'query.figure',
    ]);
    expect(
      fields(await get(`/api/figures/cases?period=${month}&figure=received&cursor=abc`, 'leader')),
    ).toEqual(['query.cursor']);
    expect(
      (await get(`/api/figures/cases?period=${month}&figure=received&scope=centre`, 'clerk')).status,
    ).toBe(403);
  });
});

describe('GET /api/reports/monthly', () => {
  it('drafts the department’s month as a printable page, its problems named', async () => {
    const reply = await get('/api/reports/monthly?scope=department:mz&period=2026-11', 'chief');
    expect(reply.status, reply.text).toBe(200);
    expect(reply.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(reply.headers.get('content-disposition')).toContain(
      'filename="report-department-mz-2026-11.html"',
    );
    const html = reply.text;
    expect(html).toContain('<title>云川市民政局窗口2026年11月工作汇报</title>');
    for (const heading of ['一、基本情况', '二、主要做法', '三、存在问题', '四、下步打算']) {
      expect(html).toContain(`>${heading}</h2>`);
    }
    expect(html).toContain('本月超法定时限办件1件（目标为零）');
    expect(html).toMatch(
      new RegExp(`<li>${overdueCaseNo}，社会团体变更登记，mz-01窗口，(超出|已超过)法定时限`),
    );
    expect(html).toMatch(new RegExp(`<li>(红牌|黄牌)：办件${overdueCaseNo}（社会团体变更登记），mz-01窗口`));
    expect(html).not.toContain('李*');
  });

  it('names this month’s valid complaint and counts the one not yet triaged where it was filed, as the figures do', async () => {
    const department = await get(`/api/reports/monthly?scope=department:mz&period=${month}`, 'chief');
    expect(department.text).toContain(`<li>${validComplaint}，服务态度，mz-01窗口，`);
    // The untriaged one names 民政: it is 民政's complaint received, not yet a valid one.
    expect(department.text).toContain('收到投诉2件，其中有效投诉1件。');
    expect(department.text).not.toContain(untriagedComplaint);
    const figures = await get(`/api/figures?scope=department:mz&period=${month}`, 'chief');
    expect(figures.body.current).toMatchObject({ complaints: { received: 2, valid: 1 } });
    const centre = await get(`/api/reports/monthly?scope=centre&period=${month}`, 'leader');
    expect(centre.text).toContain('<title>云川市政务服务中心');
    expect(centre.text).toContain('收到投诉2件，其中有效投诉1件。');
    expect(centre.text).not.toContain(untriagedComplaint);
    for (const secret of [complainant.name, complainant.phone, applicant.name, applicant.idNumber]) {
      expect(centre.text).not.toContain(secret);
    }
  });

  it('gives the same draft as a Word document with a filename', async () => {
    const reply = await get(`/api/reports/monthly?scope=department:mz&period=${month}&format=docx`, 'chief');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(reply.headers.get('content-disposition')).toContain(
      `attachment; filename="report-department-mz-${month}.docx"`,
    );
    expect(reply.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('云川市民政局窗口')}`,
    );
    const zip = await JSZip.loadAsync(reply.bytes);
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toContain('工作汇报</w:t>');
    expect(xml).toContain('>三、存在问题</w:t>');
    expect(xml).toContain(validComplaint);
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
  });

  it('lets a chief report on their department, leaders on the centre; refuses the rest', async () => {
    const cases: [string, string, number][] = [
      ['clerk', '', 403],
      ['chief', '', 200],
      ['chief', 'scope=department:sw&', 403],
      ['chief', 'scope=centre&', 403],
      ['leader', 'scope=centre&', 200],
      ['supervisor', 'scope=department:sw&', 200],
      ['admin', '', 200],
    ];
    const outcomes: [string, string, number][] = [];
    for (const [user, scope] of cases) {
      outcomes.push([user, scope, (await get(`/api/reports/monthly?${scope}period=${month}`, user)).status]);
    }
    expect(outcomes).toEqual(cases);
    expect(fields(await get(`/api/reports/monthly?scope=window:mz-01&period=${month}`, 'leader'))).toEqual([
      'query.scope',
    ]);
    expect(fields(await get('/api/reports/monthly?period=2026-Q4', 'leader'))).toEqual(['query.period']);
    expect(fields(await get(`/api/reports/monthly?period=${month}&format=pdf`, 'leader'))).toEqual([
      'query.format',
    ]);
  });
});

async function xlsxRows(bytes: Uint8Array): Promise<unknown[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(bytes) as never);
  const sheet = book.getWorksheet('办件台账');
  if (!sheet) throw new Error('no sheet');
  const rows: unknown[][] = [];
  sheet.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
}

describe('GET /api/ledger?format=xlsx', () => {
  it('gives the month’s cases as an Excel workbook: the CSV’s columns, the applicant masked', async () => {
    const reply = await get(`/api/ledger?scope=department:mz&period=${month}&format=xlsx`, 'chief');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(reply.headers.get('content-disposition')).toContain(
      `filename="ledger-department-mz-${month}.xlsx"`,
    );
    expect(reply.headers.get('link')).toBeNull();
    const [header, ...rows] = await xlsxRows(reply.bytes);
    const csv = await get(`/api/ledger?scope=department:mz&period=${month}`, 'chief');
    // TextDecoder drops the byte-order mark.
    const csvLines = csv.text.split('\r\n').filter(Boolean);
    expect(header?.join(',')).toBe(csvLines[0]);
    expect(rows).toHaveLength(csvLines.length - 1);
    const settled = rows.find((row) => row[0] === caseNos.settled);
    expect(settled?.slice(1, 4)).toEqual(['YC-MZ-0102', '社会团体变更登记', '张**']);
    expect(settled?.[9]).toBe(10);
    expect(settled?.at(-1)).toBe('是');
    const text = JSON.stringify(rows);
    expect(text).not.toContain('张三丰');
    expect(text).not.toContain(applicant.idNumber);
  });

  it('splits a large ledger into files of at most `limit` cases, each with its header', async () => {
    const whole = (
      await xlsxRows(
        (
          await get(`/api/ledger?scope=department:mz&period=${month}&format=xlsx`, 'chief')
        ).bytes,
      )
    ).slice(1);
    const parts: unknown[][] = [];
    let next: string | null = `/api/ledger?scope=department:mz&period=${month}&format=xlsx&limit=2`;
    let files = 0;
    while (next) {
      const reply: Reply = await get(next, 'chief');
      expect(reply.status).toBe(200);
      const [header, ...rows] = await xlsxRows(reply.bytes);
      expect(header?.[0]).toBe('受理编号');
      expect(rows.length).toBeLessThanOrEqual(2);
      parts.push(...rows);
      next = /^<([^>]+)>; rel="next"$/.exec(reply.headers.get('link') ?? '')?.[1] ?? null;
      if (next) expect(next).toContain('format=xlsx');
      files += 1;
    }
    expect(files).toBeGreaterThan(1);
    expect(parts).toEqual(whole);
  });

  it('refuses more cases to a file or a page than it holds', async () => {
    expect(fields(await get(`/api/ledger?period=${month}&format=xlsx&limit=20001`, 'leader'))).toEqual([
      'query.limit',
    ]);
    expect(fields(await get(`/api/ledger?period=${month}&limit=5001`, 'leader'))).toEqual(['query.limit']);
    expect((await get(`/api/ledger?period=${month}&format=xlsx&limit=20000`, 'leader')).status).toBe(200);
  });
});

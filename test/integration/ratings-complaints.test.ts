import { randomUUID } from 'node:crypto';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  ScanCommand,
} from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../support/runtime.ts';

/**
 * A bad rating filed as a complaint at the rater's request (差评转投诉) against the real local
 * runtime: one linked complaint, anonymous and answered online, with its number and query code in
 * the submission's answer; concurrent and retried submissions file one; a crash between the
 * rating's write and the complaint's is recovered by the next read, with the same complaint and
 * query code; the complaint and the rectification close independently; the sweep escalates the
 * complaint like any other.
 */

interface Reply {
  status: number;
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
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

const documents = () => DynamoDBDocumentClient.from(runtime.store.client);

/** A case of mz-01 delivered by `clerk`, and its rating link's token. */
async function deliveredCase(): Promise<{ caseNo: string; token: string }> {
  const intake = await call('POST', '/api/cases', 'clerk', {
    itemCode: 'YC-MZ-0102',
    applicant: { kind: 'individual', name: '周九', idNumber: '11010519491231002X', phone: '13812349999' },
    materials: ['m1', 'm2', 'm3', 'm6'].map((id) => ({ id, state: 'submitted' })),
  });
  expect(intake.status).toBe(201);
  const caseNo = intake.body.caseNo as string;
  const steps: [string, Record<string, unknown>][] = [
    ['acceptance', { told: '受理' }],
    ['approval', { told: '准予变更登记' }],
    ['delivery', { method: 'window' }],
  ];
  for (const [index, [slug, body]] of steps.entries()) {
    expect(
      (await call('POST', `/api/cases/${caseNo}/${slug}`, 'clerk', { version: index + 1, ...body })).status,
    ).toBe(200);
  }
  const link = await call('GET', `/api/cases/${caseNo}/rating-link`, 'clerk');
  return { caseNo, token: link.body.token as string };
}

const badRating = {
  overall: 1,
  attitude: 1,
  comment: '态度生硬',
  asComplaint: true,
  complaintFacts: '询问材料要求时被打断',
};

async function rate(visit: { caseNo: string; token: string }, body: Record<string, unknown> = badRating) {
  return call('POST', '/api/public/ratings', undefined, {
    caseNo: visit.caseNo,
    token: visit.token,
    ...body,
  });
}

async function itemOf(pk: string, sk: string): Promise<Record<string, unknown> | undefined> {
  return (await documents().send(new GetCommand({ TableName: 'yichuang', Key: { pk, sk } }))).Item;
}

/** The complaints filed from the bad rating of a case. */
async function complaintsOf(caseNo: string): Promise<Record<string, unknown>[]> {
  const result = await documents().send(
    new ScanCommand({
      TableName: 'yichuang',
      FilterExpression: '#type = :complaint',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: { ':complaint': 'complaint' },
    }),
  );
  return (result.Items ?? []).filter(
    (item) => (item.data as { fromRating?: { caseNo: string } }).fromRating?.caseNo === caseNo,
  );
}

async function complaintStep(complaintNo: string, slug: string, user: string, body: Record<string, unknown>) {
  const current = await call('GET', `/api/complaints/${complaintNo}`, 'supervisor');
  const reply = await call('POST', `/api/complaints/${complaintNo}/${slug}`, user, {
    version: current.body.version,
    ...body,
  });
  expect(reply.status, `${slug}: ${JSON.stringify(reply.body)}`).toBe(200);
  return reply.body;
}

async function rectificationStep(caseNo: string, slug: string, body: Record<string, unknown>) {
  const current = await call('GET', `/api/ratings/${caseNo}`, 'clerk');
  const reply = await call('POST', `/api/ratings/${caseNo}/rectification/${slug}`, 'clerk', {
    version: current.body.version,
    ...body,
  });
  expect(reply.status, `${slug}: ${JSON.stringify(reply.body)}`).toBe(200);
  return reply.body;
}

async function closeComplaint(complaintNo: string): Promise<void> {
  await complaintStep(complaintNo, 'triage-assign', 'supervisor', {
    department: 'mz',
    window: 'mz-01',
    complexity: 'simple',
    told: '已转民政窗口办理',
  });
  await complaintStep(complaintNo, 'answer', 'clerk', { text: '已对窗口人员进行批评教育，感谢监督。' });
  await complaintStep(complaintNo, 'follow-up', 'supervisor', {
    satisfaction: 'satisfied',
    note: '网上查看答复，无异议',
  });
  await complaintStep(complaintNo, 'close', 'supervisor', {});
}

async function closeRectification(caseNo: string): Promise<void> {
  await rectificationStep(caseNo, 'call-back', { reached: false, verified: '查看监控，情况属实' });
  await rectificationStep(caseNo, 'fix-at-once', { done: '当面致歉，加强培训' });
  await rectificationStep(caseNo, 'tell-rater', { how: '评价页面', what: '已加强窗口服务培训' });
  await rectificationStep(caseNo, 'close', {});
}

beforeAll(async () => {
  runtime = await startTestRuntime();
}, 60_000);
afterAll(async () => {
  await runtime?.stop();
});

describe('a bad rating filed as a complaint', () => {
  let visit: { caseNo: string; token: string };
  let complaintNo: string;
  let queryCode: string;

  it('files one anonymous complaint against the case’s window and clerk, linked both ways', async () => {
    visit = await deliveredCase();
    const reply = await rate(visit);
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const receipt = reply.body.complaintReceipt as {
      complaintNo: string;
      queryCode: string;
      acknowledgedBy: string;
    };
    expect(receipt.complaintNo).toMatch(/^TS-\d{8}-\d{4}$/);
    expect(receipt.queryCode).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    expect(receipt.acknowledgedBy).toMatch(/\+08:00$/);
    ({ complaintNo, queryCode } = receipt);
    expect(reply.body.complaint).toEqual({ complaintNo });

    const [item, ...others] = await complaintsOf(visit.caseNo);
    expect(others).toEqual([]);
    expect(item).toMatchObject({ complaintNo, status: 'registered', gsi1pk: 'complaints#triage' });
    expect(item?.clockShard).toMatch(/^clock#/);
    const rating = await itemOf(`rating#${visit.caseNo}`, 'rating');
    expect(rating).not.toHaveProperty('pendingComplaint');
    expect(rating?.complaintFiledAt).toMatch(/\+08:00$/);

    const staff = await call('GET', `/api/complaints/${complaintNo}`, 'supervisor');
    expect(staff.body).toMatchObject({
      channel: 'badRating',
      channelLabel: '差评转投诉',
      category: 'attitude',
      complainant: { realName: false },
      respondent: { department: 'mz', window: 'mz-01', clerk: 'clerk', caseNo: visit.caseNo },
      fromRating: { caseNo: visit.caseNo, overall: 1 },
    });
    expect(staff.body.facts).toContain('投诉内容：询问材料要求时被打断');
    const ratingView = await call('GET', `/api/ratings/${visit.caseNo}`, 'clerk');
    expect(ratingView.body.complaint).toMatchObject({ complaintNo });
    expect(ratingView.body.statusLabel).toBe('待回访');
    const queue = await call('GET', '/api/ratings/rectifications', 'clerk');
    expect(queue.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ caseNo: visit.caseNo, complaintNo })]),
    );
    const triage = await call('GET', '/api/complaints?queue=triage', 'supervisor');
    expect((triage.body.items as { complaintNo: string }[]).map((entry) => entry.complaintNo)).toContain(
      complaintNo,
    );

    // The rater follows it with its own number and query code; the rating page names it.
    const lookup = await call('POST', '/api/public/complaints/lookup', undefined, { complaintNo, queryCode });
    expect(lookup.status).toBe(200);
    expect(lookup.body).toMatchObject({ channelLabel: '差评转投诉', fromRating: { caseNo: visit.caseNo } });
    expect(JSON.stringify(lookup.body)).not.toMatch(/clerk|周九|13812349999/);
    const page = await call('POST', '/api/public/ratings/lookup', undefined, visit);
    expect(page.body.complaint).toEqual({ complaintNo });
    expect(page.body).not.toHaveProperty('complaintReceipt');
  });

  it('files nothing more on a retry: 409, and still one complaint', async () => {
    const retry = await rate(visit);
    expect(retry.status).toBe(409);
    expect(retry.body).not.toHaveProperty('complaintReceipt');
    expect(await complaintsOf(visit.caseNo)).toHaveLength(1);
  });

  it('refuses asComplaint on a rating that is not bad, and complaint facts without it; nothing is written', async () => {
    const other = await deliveredCase();
    const good = await rate(other, { overall: 3, asComplaint: true });
    expect(good.status).toBe(400);
    expect(good.body.errors).toEqual([
      expect.objectContaining({ field: 'body.asComplaint', rule: 'bad_rating_only' }),
    ]);
    const stray = await rate(other, { overall: 2, complaintFacts: '说明' });
    expect(stray.status).toBe(400);
    expect(stray.body.errors).toEqual([
      expect.objectContaining({ field: 'body.complaintFacts', rule: 'with_complaint_only' }),
    ]);
    expect((await itemOf(`rating#${other.caseNo}`, 'rating'))?.ratedAt).toBeUndefined();
    expect(await complaintsOf(other.caseNo)).toEqual([]);
  });

  it('files one complaint of eight submissions at once', async () => {
    const concurrent = await deliveredCase();
    const replies = await Promise.all(Array.from({ length: 8 }, () => rate(concurrent)));
    expect(replies.map((reply) => reply.status).sort()).toEqual([201, ...Array(7).fill(409)]);
    const [complaint, ...others] = await complaintsOf(concurrent.caseNo);
    expect(others).toEqual([]);
    const receipt = replies.find((reply) => reply.status === 201)?.body.complaintReceipt as
      | { complaintNo: string }
      | undefined;
    expect(complaint?.complaintNo).toBe(receipt?.complaintNo);
    expect((await call('GET', `/api/ratings/${concurrent.caseNo}`, 'clerk')).body.complaint).toMatchObject({
      complaintNo: complaint?.complaintNo,
    });
  });
});

describe('a crash between the rating’s write and the complaint’s', () => {
  /** The state such a crash leaves: the rating with its pending complaint, no complaint item. */
  async function crashAfterRatingWrite(visit: { caseNo: string; token: string }) {
    const reply = await rate(visit);
    expect(reply.status).toBe(201);
    const receipt = reply.body.complaintReceipt as { complaintNo: string; queryCode: string };
    const complaint = (await itemOf(`complaint#${receipt.complaintNo}`, 'complaint')) as Record<
      string,
      unknown
    >;
    const rating = (await itemOf(`rating#${visit.caseNo}`, 'rating')) as Record<string, unknown>;
    const { complaintFiledAt: _filedAt, ...ratingBeforeFiling } = rating;
    const pendingComplaint = {
      state: complaint.data,
      complainantSealed: complaint.complainantSealed,
      queryCodeSalt: complaint.queryCodeSalt,
      queryCodeHash: complaint.queryCodeHash,
    };
    await documents().send(
      new PutCommand({ TableName: 'yichuang', Item: { ...ratingBeforeFiling, pendingComplaint } }),
    );
    await documents().send(
      new DeleteCommand({
        TableName: 'yichuang',
        Key: { pk: `complaint#${receipt.complaintNo}`, sk: 'complaint' },
      }),
    );
    expect(await complaintsOf(visit.caseNo)).toEqual([]);
    return { ...receipt, complaint };
  }

  it('is recovered by the rater reopening the link: the same complaint, the same query code', async () => {
    const visit = await deliveredCase();
    const crashed = await crashAfterRatingWrite(visit);
    expect((await call('POST', '/api/public/ratings/lookup', undefined, visit)).status).toBe(200);
    const [recovered, ...others] = await complaintsOf(visit.caseNo);
    expect(others).toEqual([]);
    expect(recovered?.data).toEqual(crashed.complaint.data);
    expect(recovered?.queryCodeHash).toBe(crashed.complaint.queryCodeHash);
    expect((await itemOf(`rating#${visit.caseNo}`, 'rating'))?.pendingComplaint).toBeUndefined();
    const lookup = await call('POST', '/api/public/complaints/lookup', undefined, {
      complaintNo: crashed.complaintNo,
      queryCode: crashed.queryCode,
    });
    expect(lookup.status).toBe(200);
  });

  it('is recovered by the desk’s rectification queue, and a second filing changes nothing', async () => {
    const visit = await deliveredCase();
    const crashed = await crashAfterRatingWrite(visit);
    expect((await call('GET', '/api/ratings/rectifications', 'chief')).status).toBe(200);
    expect(await complaintsOf(visit.caseNo)).toHaveLength(1);
    await complaintStep(crashed.complaintNo, 'triage-assign', 'supervisor', {
      department: 'mz',
      window: 'mz-01',
      complexity: 'simple',
      told: '已转民政窗口办理',
    });
    // A crash after the complaint's put but before the pending copy was removed: filed again on read.
    const rating = (await itemOf(`rating#${visit.caseNo}`, 'rating')) as Record<string, unknown>;
    await documents().send(
      new PutCommand({
        TableName: 'yichuang',
        Item: {
          ...rating,
          pendingComplaint: {
            state: crashed.complaint.data,
            complainantSealed: crashed.complaint.complainantSealed,
            queryCodeSalt: crashed.complaint.queryCodeSalt,
            queryCodeHash: crashed.complaint.queryCodeHash,
          },
        },
      }),
    );
    expect((await call('GET', `/api/ratings/${visit.caseNo}`, 'clerk')).status).toBe(200);
    const [complaint, ...others] = await complaintsOf(visit.caseNo);
    expect(others).toEqual([]);
    expect(complaint).toMatchObject({ status: 'assigned', version: 2 });
    expect((await itemOf(`rating#${visit.caseNo}`, 'rating'))?.pendingComplaint).toBeUndefined();
  });
});

describe('the complaint and the rectification', () => {
  it('close independently: closing the rectification leaves the complaint open, and the other way round', async () => {
    const first = await deliveredCase();
    const firstNo = ((await rate(first)).body.complaintReceipt as { complaintNo: string }).complaintNo;
    await closeRectification(first.caseNo);
    expect((await call('GET', `/api/ratings/${first.caseNo}`, 'clerk')).body.statusLabel).toBe('已办结');
    let complaint = await call('GET', `/api/complaints/${firstNo}`, 'supervisor');
    expect(complaint.body).toMatchObject({ status: 'registered', version: 1 });
    const ratingVersion = (await call('GET', `/api/ratings/${first.caseNo}`, 'clerk')).body.version;
    await closeComplaint(firstNo);
    complaint = await call('GET', `/api/complaints/${firstNo}`, 'supervisor');
    expect(complaint.body.status).toBe('closed');
    expect((await call('GET', `/api/ratings/${first.caseNo}`, 'clerk')).body.version).toBe(ratingVersion);

    const second = await deliveredCase();
    const secondNo = ((await rate(second)).body.complaintReceipt as { complaintNo: string }).complaintNo;
    await closeComplaint(secondNo);
    const open = await call('GET', `/api/ratings/${second.caseNo}`, 'clerk');
    expect(open.body).toMatchObject({ statusLabel: '待回访', availableSteps: ['callBack'] });
    expect((open.body.clocks as { name: string; status: { state: string } }[])[0]).toMatchObject({
      name: 'callback',
      status: { state: 'running' },
    });
    await closeRectification(second.caseNo);
    expect((await call('GET', `/api/complaints/${secondNo}`, 'supervisor')).body.status).toBe('closed');
  });
});

describe('supervision', () => {
  it('escalates the untriaged complaint of a bad rating like any complaint, and the call-back apart', async () => {
    const visit = await deliveredCase();
    const { complaintNo } = (await rate(visit)).body.complaintReceipt as { complaintNo: string };
    const at = new Date(Date.now() + 10 * 86_400_000).toISOString();
    expect((await call('POST', '/api/supervision/sweeps', 'supervisor', { now: at })).status).toBe(200);
    const inbox = (await call('GET', '/api/inbox', 'supervisor')).body.items as {
      type: string;
      subject: { id: string };
    }[];
    expect(inbox).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'ComplaintRedCard',
          subject: expect.objectContaining({ id: complaintNo }),
        }),
        expect.objectContaining({
          type: 'RatingRedCard',
          subject: expect.objectContaining({ id: visit.caseNo }),
        }),
      ]),
    );
  });
});

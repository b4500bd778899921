/**
 * Complaints (投诉) against the real local runtime: filing on the web and at the desk, the guards of
 * the public routes (nothing stored on a refusal), who sees whom, the life cycle through its routes,
 * a race between two answers, and the sweep escalating overdue complaints into the inboxes.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../support/runtime.ts';

let runtime: TestRuntime;
const tokens = new Map<string, string>();

interface Reply {
  status: number;
  headers: Headers;
  text: string;
  body: Record<string, unknown>;
}

async function call(
  method: string,
  path: string,
  user?: string,
  body?: unknown,
  raw?: string,
): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (user) {
    if (!tokens.has(user)) tokens.set(user, await runtime.identity.issue(user));
    headers.authorization = `Bearer ${tokens.get(user)}`;
  }
  if (body !== undefined || raw !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${runtime.baseUrl}${path}`, {
    method,
    headers,
    ...(raw !== undefined ? { body: raw } : body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    parsed = {};
  }
  return { status: response.status, headers: response.headers, text, body: parsed };
}

const complainantName = '欧阳明华';
const complainantPhone = '13987654321';

const webComplaint = {
  category: 'attitude',
  facts: '11 月 26 日上午在民政窗口办理社会团体变更登记，工作人员态度生硬，不解释材料要求。',
  complainant: { realName: true, name: complainantName, phone: complainantPhone, contactPreference: 'web' },
  respondent: { department: 'mz', window: 'mz-01', clerk: '3 号工作人员' },
};

async function file(body: unknown = webComplaint) {
  const reply = await call('POST', '/api/public/complaints', undefined, body);
  expect(reply.status, reply.text).toBe(201);
  return reply.body as { complaintNo: string; queryCode: string; acknowledgedBy: string };
}

async function versionOf(complaintNo: string): Promise<number> {
  return (await call('GET', `/api/complaints/${complaintNo}`, 'supervisor')).body.version as number;
}

async function act(complaintNo: string, slug: string, user: string, body: Record<string, unknown>) {
  return call('POST', `/api/complaints/${complaintNo}/${slug}`, user, {
    version: await versionOf(complaintNo),
    ...body,
  });
}

const assignMz01 = {
  department: 'mz',
  window: 'mz-01',
  complexity: 'simple',
  told: '已转民政窗口，1 个工作日内答复。',
};

async function complaintItems(): Promise<Record<string, unknown>[]> {
  const result = await runtime.store.client.send(new ScanCommand({ TableName: 'yichuang' }));
  return (result.Items ?? []).filter((item) => String(item.pk).startsWith('complaint'));
}

async function counter(): Promise<Record<string, unknown>[]> {
  const result = await runtime.store.client.send(new ScanCommand({ TableName: 'yichuang' }));
  return (result.Items ?? []).filter((item) => item.pk === 'counter#complaint');
}

beforeAll(async () => {
  runtime = await startTestRuntime({ logLevel: 'INFO' });
}, 60_000);
afterAll(async () => {
  await runtime?.stop();
});

describe('filing', () => {
  it('files a web complaint: number, a query code shown once, the complainant sealed', async () => {
    const filed = await file();
    expect(filed.complaintNo).toMatch(/^TS-\d{8}-\d{4}$/);
    expect(filed.queryCode).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    expect(filed.acknowledgedBy).toMatch(/T\d{2}:\d{2}:\d{2}\+08:00$/);
    const [item] = (await complaintItems()).filter(
      (candidate) => candidate.complaintNo === filed.complaintNo,
    );
    expect(item).toBeDefined();
    const stored = JSON.stringify(item);
    expect(stored).not.toContain(complainantName);
    expect(stored).not.toContain(complainantPhone);
    expect(stored).not.toContain(filed.queryCode);
    expect(item).toMatchObject({
      type: 'complaint',
      status: 'registered',
      version: 1,
      gsi1pk: 'complaints#triage',
    });
    expect(item?.clockShard).toMatch(/^clock#\d$/);
  });

  it('registers desk complaints with who took them in; a 12345 hand-over needs its work order', async () => {
    const desk = {
      channel: 'phone',
      category: 'delay',
      facts: '电话反映：办件超过承诺时限仍未办结。',
      complainant: { realName: false },
      respondent: { department: 'mz', caseNo: 'YC0001-20261120-0001' },
    };
    const made = await call('POST', '/api/complaints', 'clerk', desk);
    expect(made.status, made.text).toBe(201);
    const view = await call('GET', `/api/complaints/${made.body.complaintNo}`, 'supervisor');
    expect(view.body).toMatchObject({
      channel: 'phone',
      receivedBy: 'clerk',
      complainant: { realName: false },
    });
    const hotline = await call('POST', '/api/complaints', 'supervisor', { ...desk, channel: 'hotline' });
    expect(hotline.status).toBe(400);
    expect(hotline.body.errors).toContainEqual(expect.objectContaining({ field: 'body.hotlineRef' }));
    expect(
      (
        await call('POST', '/api/complaints', 'supervisor', {
          ...desk,
          channel: 'hotline',
          hotlineRef: 'GD-2026-1127-88',
        })
      ).status,
    ).toBe(201);
  });
});

describe('anti-abuse', () => {
  it('refuses oversized, marked-up, incomplete and unknown-window bodies, and stores nothing', async () => {
    const before = JSON.stringify(await complaintItems());
    const counterBefore = JSON.stringify(await counter());

    const oversized = await call('POST', '/api/public/complaints', undefined, {
      ...webComplaint,
      facts: '长'.repeat(4000),
    });
    expect(oversized.status).toBe(413);
    expect(oversized.headers.get('content-type')).toBe('application/problem+json');

    const markup = await call('POST', '/api/public/complaints', undefined, {
      ...webComplaint,
      facts: '<script>alert(1)</script>',
      respondent: { ...webComplaint.respondent, clerk: '<b>张</b>' },
    });
    expect(markup.status).toBe(400);
    const fields = (markup.body.errors as { field: string }[]).map((error) => error.field);
    expect(fields).toContain('body.facts');
    expect(fields).toContain('body.respondent.clerk');

    const missing = await call('POST', '/api/public/complaints', undefined, { facts: '没有类别' });
    expect(missing.status).toBe(400);
    expect((missing.body.errors as { field: string }[]).map((error) => error.field)).toEqual(
      expect.arrayContaining(['body.category', 'body.complainant', 'body.respondent']),
    );

    const unknownWindow = await call('POST', '/api/public/complaints', undefined, {
      ...webComplaint,
      respondent: { department: 'mz', window: 'sw-01' },
    });
    expect(unknownWindow.status).toBe(400);
    expect(unknownWindow.body.errors).toContainEqual(
      expect.objectContaining({ field: 'body.respondent.window' }),
    );

    const noName = await call('POST', '/api/public/complaints', undefined, {
      ...webComplaint,
      complainant: { realName: true },
    });
    expect(noName.status).toBe(400);
    expect((noName.body.errors as { field: string }[]).map((error) => error.field)).toEqual(
      expect.arrayContaining(['body.complainant.name', 'body.complainant.phone']),
    );

    const badJson = await call('POST', '/api/public/complaints', undefined, undefined, '{"facts": ');
    expect(badJson.status).toBe(400);

    expect(JSON.stringify(await complaintItems())).toBe(before);
    expect(JSON.stringify(await counter())).toBe(counterBefore);
  });

  it('answers an unknown number and a wrong code the same way', async () => {
    const filed = await file();
    const wrongCode = await call('POST', '/api/public/complaints/lookup', undefined, {
      complaintNo: filed.complaintNo,
      queryCode: filed.queryCode === 'AAAAAAAA' ? 'BBBBBBBB' : 'AAAAAAAA',
    });
    const unknown = await call('POST', '/api/public/complaints/lookup', undefined, {
      complaintNo: 'TS-20200101-9999',
      queryCode: filed.queryCode,
    });
    const forged = await call('POST', '/api/public/complaints/feedback', undefined, {
      complaintNo: 'TS-20200101-9998',
      queryCode: filed.queryCode,
      satisfied: false,
    });
    expect(wrongCode.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(forged.status).toBe(404);
    expect(unknown.text).toBe(wrongCode.text);
    expect(forged.text).toBe(wrongCode.text);
    const found = await call('POST', '/api/public/complaints/lookup', undefined, {
      complaintNo: filed.complaintNo.toLowerCase(),
      queryCode: filed.queryCode.toLowerCase(),
    });
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({
      complaintNo: filed.complaintNo,
      status: 'registered',
      feedbackOpen: false,
    });
    expect(found.text).not.toContain(complainantName);
    expect(found.text).not.toContain('9876');
  });

  it('locks the lookup of a number after repeated wrong codes, even for the right code', async () => {
    const filed = await file();
    for (let i = 0; i < 5; i += 1) {
      const wrong = await call('POST', '/api/public/complaints/lookup', undefined, {
        complaintNo: filed.complaintNo,
        queryCode: 'ZZZZZZZZ',
      });
      expect(wrong.status).toBe(404);
    }
    const locked = await call('POST', '/api/public/complaints/lookup', undefined, filed);
    expect(locked.status).toBe(429);
    expect(locked.body.type).toBe('https://yichuang.dev/problems/lookup-locked');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    const feedback = await call('POST', '/api/public/complaints/feedback', undefined, {
      ...filed,
      satisfied: true,
    });
    expect(feedback.status).toBe(429);
  });
});

describe('who sees whom', () => {
  it('the window and department never see the complainant; the office sees them masked; the identity route is the office’s and logged', async () => {
    const { complaintNo } = await file();
    // Before triage only the office sees it.
    expect((await call('GET', `/api/complaints/${complaintNo}`, 'clerk')).status).toBe(403);
    const assigned = await act(complaintNo, 'triage-assign', 'supervisor', assignMz01);
    expect(assigned.status, assigned.text).toBe(200);

    const forbiddenText = [complainantName, '欧', complainantPhone, '139****4321', '4321'];
    for (const user of ['clerk', 'clerk-b', 'chief', 'leader']) {
      const detail = await call('GET', `/api/complaints/${complaintNo}`, user);
      expect(detail.status, user).toBe(200);
      expect(detail.body.complainant).toEqual({ realName: true });
      const list = await call('GET', '/api/complaints', user);
      expect(list.status, user).toBe(200);
      expect((list.body.items as { complaintNo: string }[]).map((item) => item.complaintNo)).toContain(
        complaintNo,
      );
      for (const text of forbiddenText) {
        expect(detail.text, `${user} detail`).not.toContain(text);
        expect(list.text, `${user} list`).not.toContain(text);
      }
      expect((await call('GET', `/api/complaints/${complaintNo}/complainant`, user)).status, user).toBe(403);
    }
    expect((await call('GET', `/api/complaints/${complaintNo}`, 'clerk-sw')).status).toBe(403);
    expect((await call('GET', '/api/complaints?window=mz-01', 'clerk-sw')).status).toBe(403);

    const office = await call('GET', `/api/complaints/${complaintNo}`, 'supervisor');
    expect(office.body.complainant).toEqual({
      realName: true,
      name: '欧***',
      phone: '139****4321',
      contactPreference: 'web',
    });
    expect(office.text).not.toContain(complainantName);

    runtime.functionLog.length = 0;
    const identity = await call('GET', `/api/complaints/${complaintNo}/complainant`, 'supervisor');
    expect(identity.status).toBe(200);
    expect(identity.body.complainant).toMatchObject({ name: complainantName, phone: complainantPhone });
    const audit = runtime.functionLog.filter((line) => line.includes('complainant-read'));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toContain(complaintNo);
    expect(audit[0]).toContain('supervisor');
    for (const line of runtime.functionLog) {
      expect(line).not.toContain(complainantName);
      expect(line).not.toContain(complainantPhone);
    }
  });

  it('a named reply handler reads the identity; the queues list by role', async () => {
    const { complaintNo } = await file();
    await act(complaintNo, 'triage-assign', 'supervisor', { ...assignMz01, replyHandler: 'clerk-b' });
    expect((await call('GET', `/api/complaints/${complaintNo}/complainant`, 'clerk-b')).status).toBe(200);
    expect((await call('GET', `/api/complaints/${complaintNo}/complainant`, 'clerk')).status).toBe(403);

    const triage = await call('GET', '/api/complaints', 'supervisor');
    expect(triage.body.listing).toEqual({ kind: 'office', phase: 'triage' });
    expect((triage.body.items as { status: string }[]).every((item) => item.status === 'registered')).toBe(
      true,
    );
    const open = await call('GET', '/api/complaints?queue=open&limit=1', 'supervisor');
    expect(open.body.items).toHaveLength(1);
    expect(open.body.nextCursor).toEqual(expect.any(String));
    const next = await call(
      'GET',
      `/api/complaints?queue=open&limit=1&cursor=${open.body.nextCursor}`,
      'supervisor',
    );
    expect(next.status).toBe(200);
    expect((next.body.items as { complaintNo: string }[])[0]?.complaintNo).not.toBe(
      (open.body.items as { complaintNo: string }[])[0]?.complaintNo,
    );
    expect(
      (await call('GET', `/api/complaints?queue=triage&cursor=${open.body.nextCursor}`, 'supervisor')).status,
    ).toBe(400);
    expect((await call('GET', '/api/complaints?status=nonsense', 'supervisor')).status).toBe(400);
    const filtered = await call('GET', '/api/complaints?status=assigned', 'chief');
    expect((filtered.body.items as { status: string }[]).every((item) => item.status === 'assigned')).toBe(
      true,
    );
  });
});

describe('the closed loop through the routes', () => {
  it('answer → online reply → dissatisfied → re-check → answer → satisfied → follow-up → close', async () => {
    const filed = await file();
    const { complaintNo } = filed;
    const lookup = () => call('POST', '/api/public/complaints/lookup', undefined, filed);
    // Not yet the window's complaint (403); a step that does not apply yet (409).
    expect((await act(complaintNo, 'answer', 'clerk', { text: '太早' })).status).toBe(403);
    expect(
      (await act(complaintNo, 'follow-up', 'supervisor', { satisfaction: 'satisfied', note: '太早' })).status,
    ).toBe(409);
    expect((await act(complaintNo, 'triage-assign', 'clerk', assignMz01)).status).toBe(403);
    expect(
      (await act(complaintNo, 'triage-assign', 'supervisor', { ...assignMz01, window: 'mz-09' })).status,
    ).toBe(400);
    expect((await act(complaintNo, 'triage-assign', 'supervisor', assignMz01)).status).toBe(200);
    expect((await act(complaintNo, 'answer', 'clerk-sw', { text: '别人的' })).status).toBe(403);
    expect(
      (await act(complaintNo, 'investigation', 'chief', { findings: '调取录像，情况属实。' })).status,
    ).toBe(200);
    const answered = await act(complaintNo, 'answer', 'clerk', {
      text: '已对当事工作人员批评教育，向您致歉。',
    });
    expect(answered.status, answered.text).toBe(200);
    expect(answered.headers.get('etag')).toBe(`"${answered.body.version}"`);

    const seen = await lookup();
    expect(seen.body).toMatchObject({ status: 'answered', feedbackOpen: true });
    expect((seen.body.answers as { text: string }[])[0]?.text).toBe('已对当事工作人员批评教育，向您致歉。');
    expect(seen.text).not.toContain('clerk');

    expect((await act(complaintNo, 'close', 'supervisor', {})).status).toBe(422);
    expect((await act(complaintNo, 'recheck', 'chief', { told: '复核' })).status).toBe(422);
    const unhappy = await call('POST', '/api/public/complaints/feedback', undefined, {
      ...filed,
      satisfied: false,
      comment: '仍未解释清楚',
    });
    expect(unhappy.status, unhappy.text).toBe(200);
    expect(unhappy.body.feedbackOpen).toBe(false);
    expect(
      (await call('POST', '/api/public/complaints/feedback', undefined, { ...filed, satisfied: true }))
        .status,
    ).toBe(422);
    expect(
      (await act(complaintNo, 'recheck', 'chief', { told: '已启动复核，1 个工作日内再次答复。' })).status,
    ).toBe(200);
    expect((await act(complaintNo, 'answer', 'clerk', { text: '复核' })).status).toBe(403);
    expect(
      (await act(complaintNo, 'answer', 'chief', { text: '复核后：材料要求已书面列明并寄送。' })).status,
    ).toBe(200);
    expect(
      (await call('POST', '/api/public/complaints/feedback', undefined, { ...filed, satisfied: true }))
        .status,
    ).toBe(200);
    expect(
      (
        await act(complaintNo, 'follow-up', 'supervisor', {
          satisfaction: 'satisfied',
          note: '电话回访，满意。',
        })
      ).status,
    ).toBe(200);
    const closed = await act(complaintNo, 'close', 'supervisor', {});
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    expect((closed.body.history as { action: string }[]).map((entry) => entry.action)).toEqual([
      'register',
      'assign',
      'investigate',
      'answer',
      'feedback',
      'recheck',
      'answer',
      'feedback',
      'followUp',
      'close',
    ]);
    const [item] = (await complaintItems()).filter((candidate) => candidate.complaintNo === complaintNo);
    expect(item?.clockShard).toBeUndefined();
    expect(item?.gsi1pk).toBe('complaints#done');
    const final = await lookup();
    expect(final.body).toMatchObject({ status: 'closed', feedbackOpen: false });
  });

  it('an invalid complaint tells the complainant why; outside scope needs the referral', async () => {
    const filed = await file();
    const noReferral = await act(filed.complaintNo, 'triage-invalid', 'supervisor', {
      reason: 'outOfScope',
      told: '不属于受理范围。',
    });
    expect(noReferral.status).toBe(400);
    expect(noReferral.body.errors).toContainEqual(expect.objectContaining({ field: 'body.referredTo' }));
    const invalid = await act(filed.complaintNo, 'triage-invalid', 'supervisor', {
      reason: 'outOfScope',
      referredTo: '市信访局',
      told: '您反映的问题属于信访事项，已转市信访局。',
    });
    expect(invalid.status).toBe(200);
    const seen = await call('POST', '/api/public/complaints/lookup', undefined, filed);
    expect(seen.body.invalid).toMatchObject({ reasonLabel: '不属于受理范围', referredTo: '市信访局' });
  });

  it('a complaint about the general window (综合窗口) is filed against it, assigned to it and answered there', async () => {
    const filed = await file({
      ...webComplaint,
      facts: '在综合窗口办理退休“一件事”，收件时少告知了一份材料，又跑了一趟。',
      respondent: { window: 'zh-01' },
    });
    const { complaintNo } = filed;
    const zh = {
      department: 'zh',
      window: 'zh-01',
      complexity: 'simple',
      told: '已转综合窗口，1 个工作日内答复。',
    };
    // Its department has only the general windows.
    const wrong = await act(complaintNo, 'triage-assign', 'supervisor', { ...zh, window: 'zh-02' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toContainEqual(expect.objectContaining({ field: 'body.window' }));
    expect((await act(complaintNo, 'triage-assign', 'supervisor', zh)).status).toBe(200);
    const read = await call('GET', `/api/complaints/${complaintNo}`, 'clerk-zh');
    expect(read.status).toBe(200);
    expect(read.body.assignment).toMatchObject({ department: 'zh', window: 'zh-01' });
    expect(
      (await act(complaintNo, 'answer', 'clerk-zh', { text: '已向您致歉，并完善了一次性告知清单。' })).status,
    ).toBe(200);
  });

  it('two answers on the same version: one wins, the other gets 409 with the current version', async () => {
    const { complaintNo } = await file();
    await act(complaintNo, 'triage-assign', 'supervisor', assignMz01);
    const version = await versionOf(complaintNo);
    const [a, b] = await Promise.all([
      call('POST', `/api/complaints/${complaintNo}/answer`, 'clerk', { version, text: '答复甲' }),
      call('POST', `/api/complaints/${complaintNo}/answer`, 'clerk-b', { version, text: '答复乙' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.currentVersion).toBe(version + 1);
    const detail = await call('GET', `/api/complaints/${complaintNo}`, 'supervisor');
    expect(detail.body.answers).toHaveLength(1);
  });
});

describe('supervision', () => {
  it('the sweep escalates an untriaged complaint to the office and an unanswered one to the chief', async () => {
    const untriaged = await file();
    const unanswered = await file();
    expect((await act(unanswered.complaintNo, 'triage-assign', 'supervisor', assignMz01)).status).toBe(200);
    const at = new Date(Date.now() + 10 * 86_400_000).toISOString();
    const sweep = await call('POST', '/api/supervision/sweeps', 'supervisor', { now: at });
    expect(sweep.status).toBe(200);
    expect((sweep.body.changedByType as Record<string, number>).ComplaintRedCard).toBeGreaterThanOrEqual(2);
    const inbox = async (user: string) =>
      (
        (await call('GET', '/api/inbox', user)).body.items as { type: string; subject: { id: string } }[]
      ).filter((entry) => entry.type === 'ComplaintRedCard');
    const office = await inbox('supervisor');
    expect(office.map((entry) => entry.subject.id)).toEqual(
      expect.arrayContaining([untriaged.complaintNo, unanswered.complaintNo]),
    );
    const chief = await inbox('chief');
    expect(chief.map((entry) => entry.subject.id)).toContain(unanswered.complaintNo);
    expect(chief.map((entry) => entry.subject.id)).not.toContain(untriaged.complaintNo);
    expect((await inbox('clerk')).map((entry) => entry.subject.id)).toContain(unanswered.complaintNo);
    expect((await inbox('clerk-sw')).map((entry) => entry.subject.id)).not.toContain(unanswered.complaintNo);

    // Answering late needs the reason, which the complainant sees.
    // (The local runtime's clock is the real one: the answer itself is on time here.)
    const answered = await act(unanswered.complaintNo, 'answer', 'clerk', { text: '已处理。' });
    expect(answered.status).toBe(200);
    const [item] = (await complaintItems()).filter(
      (candidate) => candidate.complaintNo === unanswered.complaintNo,
    );
    expect(item?.recordedLevels).toBeDefined();
    expect(item?.clockShard).toBeUndefined();
  });
});

describe('rate limit', () => {
  it('refuses filing past the per-client limit with 429 and stores nothing more', async () => {
    const before = (await complaintItems()).length;
    let created = 0;
    let refused: Reply | undefined;
    for (let i = 0; i < 70 && !refused; i += 1) {
      const reply = await call('POST', '/api/public/complaints', undefined, webComplaint);
      if (reply.status === 201) created += 1;
      else refused = reply;
    }
    expect(refused?.status).toBe(429);
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await complaintItems()).length).toBe(before + created);
    // Lookups have their own bucket: still answered.
    expect(
      (
        await call('POST', '/api/public/complaints/lookup', undefined, {
          complaintNo: 'TS-20200101-0001',
          queryCode: 'AAAAAAAA',
        })
      ).status,
    ).toBe(404);
  });
});

/**
 * The appraisal on the real local runtime, over November 2026 as test/support/appraisal-month.ts
 * writes it: the scores and their explanations, each role's view, the proposals; the awards
 * confirmed as proposed or overridden with a reason (recorded), refused when stale, already
 * confirmed, of a month not ended, beyond a chief's department or with a bad field; and the public
 * scorecard, published only once every award of the month is confirmed.
 */
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PlantedMonth, plantNovember } from '../support/appraisal-month.ts';
import { startTestRuntime, type TestRuntime } from '../support/runtime.ts';

interface Line {
  kind: string;
  ref: { id: string };
  points: number;
}
interface ScoreView {
  subject: { username?: string; code?: string; name?: string; window?: string; department: string };
  lines: Line[];
  score: number;
  rank: number;
  decided: number;
}
interface Nominee {
  username?: string;
  window?: string;
}
interface ProposalView {
  award: string;
  key: string;
  mayConfirm: boolean;
  proposed: { nominee: Nominee }[];
  eligible: { nominee: Nominee }[];
  ineligible: { nominee: Nominee; reasons: string[] }[];
}
interface AppraisalView {
  closed: boolean;
  published: boolean;
  windows: ScoreView[];
  clerks: ScoreView[];
  proposals: ProposalView[];
  awards: { award: string }[];
}
interface ProblemView {
  detail?: string;
  errors: { field: string; rule: string; message: string }[];
}
interface Rate {
  numerator: number;
  denominator: number;
  value: number | null;
}
interface ScorecardView {
  departments: { department: string; satisfaction: Rate }[];
  serviceStars: unknown[];
  redFlags: unknown[];
}

interface Reply {
  status: number;
  headers: Headers;
  body: unknown;
}

let runtime: TestRuntime;
let month: PlantedMonth;
const tokens = new Map<string, string>();

async function call(method: string, path: string, user?: string, body?: unknown): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (user) {
    if (!tokens.has(user)) tokens.set(user, await runtime.identity.issue(user));
    headers.authorization = `Bearer ${tokens.get(user)}`;
  }
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${runtime.baseUrl}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : {} };
}

async function appraisal(user: string, period = '2026-11') {
  const reply = await call('GET', `/api/appraisal?period=${period}`, user);
  return { ...reply, view: reply.body as AppraisalView, problem: reply.body as ProblemView };
}

async function proposalOf(award: string): Promise<ProposalView> {
  const { view } = await appraisal('leader');
  return view.proposals.find((proposal) => proposal.award === award) as ProposalView;
}

const problem = (reply: Reply) => reply.body as ProblemView;
const username = (score: ScoreView | undefined) => score?.subject.username;

const confirm = (user: string, body: Record<string, unknown>) =>
  call('POST', '/api/appraisal/awards', user, { period: '2026-11', ...body });

beforeAll(async () => {
  runtime = await startTestRuntime();
  month = await plantNovember(runtime);
}, 120_000);
afterAll(async () => {
  await runtime?.stop();
});

describe('the month’s scores', () => {
  it('scores each clerk and window by the rule, explained line by line', async () => {
    const reply = await appraisal('leader');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ closed: true, published: false, rule: { base: 100 } });
    const clerks = Object.fromEntries(reply.view.clerks.map((score) => [username(score), score]));
    expect(clerks.clerk).toMatchObject({
      score: 101.5,
      decided: 1,
      rank: 1,
      subject: { name: '王窗口', window: 'mz-01' },
    });
    expect(clerks.clerk?.lines.map((line: Line) => [line.kind, line.ref.id, line.points])).toEqual([
      ['early', month.early.clerk, 0.5],
      ['commendation', month.early.clerk, 1],
    ]);
    expect(clerks['clerk-b']?.lines.map((line: Line) => [line.kind, line.ref.id, line.points])).toEqual([
      ['overdue', month.overdue, -5],
      ['redCard', month.cardId, -3],
    ]);
    expect(clerks['clerk-b']?.score).toBe(92);
    expect(clerks['clerk-rs']?.lines.map((line: Line) => line.kind)).toEqual([
      'badRating',
      'badRatingLate',
      'early',
    ]);
    expect(clerks['clerk-rs']?.score).toBe(95.5);
    expect(clerks['clerk-sj']?.lines.map((line: Line) => [line.kind, line.ref.id])).toEqual([
      ['validComplaint', month.complaintNo],
      ['early', month.early.clerkSj],
    ]);
    // Tied at 95.5 with one decided case each: the same rank, listed by username.
    expect([clerks['clerk-rs']?.rank, clerks['clerk-sj']?.rank]).toEqual([4, 4]);
    // A clerk with nothing this month is still scored, at the base.
    expect(clerks['clerk-zh']).toMatchObject({ score: 100, decided: 0, lines: [] });
    const mz01 = reply.view.windows.find((score) => score.subject.code === 'mz-01');
    expect(mz01?.score).toBe(93.5);
  });

  it('proposes the stars of each group and the red flag from the eligible', async () => {
    const { view } = await appraisal('leader');
    const proposed = Object.fromEntries(
      view.proposals.map((proposal) => [
        proposal.award,
        proposal.proposed.map((c) => c.nominee.username ?? c.nominee.window),
      ]),
    );
    expect(proposed).toEqual({ tax: ['clerk-sw'], approval: ['clerk'], vehicleTax: [], redFlag: ['sw-01'] });
  });

  it('shows a clerk their own score, a chief their department, and refuses a bad period', async () => {
    const own = await appraisal('clerk-rs');
    expect(own.status).toBe(200);
    expect(own.view.clerks.map(username)).toEqual(['clerk-rs']);
    expect([own.view.windows, own.view.proposals]).toEqual([[], []]);
    const chief = await appraisal('chief-sj');
    expect(new Set(chief.view.windows.map((score) => score.subject.department))).toEqual(new Set(['sj']));
    expect(chief.view.clerks.map(username)).toEqual(['clerk-sj']);
    // Of the other candidates and the reasons against them, only their own department's.
    const approval = chief.view.proposals.find((proposal) => proposal.award === 'approval');
    expect(approval?.proposed.map((c) => c.nominee.username)).toEqual(['clerk']);
    expect(approval?.ineligible.map((entry) => [entry.nominee.username, entry.reasons])).toEqual([
      ['clerk-sj', ['本月有有效投诉']],
    ]);
    expect(approval?.eligible).toEqual([]);
    // The approval group spans departments: the chief of sj sees it but may not confirm it.
    expect(chief.view.proposals.map((proposal) => [proposal.award, proposal.mayConfirm])).toEqual([
      ['tax', false],
      ['approval', false],
      ['vehicleTax', false],
      ['redFlag', false],
    ]);
    for (const period of ['2026-13', '2026-Q4', '2026-11-03']) {
      const bad = await appraisal('leader', period);
      expect(bad.status).toBe(400);
      expect(bad.problem.errors.map((error) => error.field)).toEqual(['query.period']);
    }
  });
});

describe('confirming the awards and publishing the month', () => {
  it('keeps the scorecard unpublished until every award is confirmed, then publishes it', async () => {
    const before = await call('GET', '/api/public/scorecard?period=2026-11');
    expect(before.status).toBe(404);
    expect(before.headers.get('content-type')).toBe('application/problem+json');
    expect(before.headers.get('cache-control')).toBe('public, max-age=60');

    // Approval: overridden. Without a reason, refused naming body.reason; with one, recorded.
    const approval = await proposalOf('approval');
    const other = { username: 'clerk-rs', name: '冯人社' };
    const noReason = await confirm('leader', {
      award: 'approval',
      proposalKey: approval.key,
      chosen: [other],
    });
    expect(noReason.status).toBe(400);
    expect(problem(noReason).errors).toEqual([
      expect.objectContaining({ field: 'body.reason', rule: 'required' }),
    ]);
    const overridden = await confirm('leader', {
      award: 'approval',
      proposalKey: approval.key,
      chosen: [other],
      reason: '冯人社本月承担了全部延时服务。',
    });
    expect(overridden.status).toBe(201);
    expect(overridden.body).toMatchObject({
      award: 'approval',
      overridden: true,
      reason: '冯人社本月承担了全部延时服务。',
      chosen: [{ kind: 'clerk', username: 'clerk-rs', name: '冯人社', window: 'rs-01', department: 'rs' }],
      confirmedBy: { username: 'leader', name: '赵分管', role: 'leader' },
    });
    expect((overridden.body as ProposalView).proposed.map((c) => c.nominee.username)).toEqual(['clerk']);
    const again = await confirm('leader', {
      award: 'approval',
      proposalKey: approval.key,
      chosen: [other],
      reason: '再次',
    });
    expect(again.status).toBe(409);

    // Tax: as proposed, by the leader; a stale key and a chief of another department are refused.
    const tax = await proposalOf('tax');
    const star = [{ username: 'clerk-sw', name: '吴税务' }];
    expect((await confirm('leader', { award: 'tax', proposalKey: 'ffffffff', chosen: star })).status).toBe(
      409,
    );
    expect((await confirm('chief', { award: 'tax', proposalKey: tax.key, chosen: star })).status).toBe(403);
    const taxed = await confirm('leader', { award: 'tax', proposalKey: tax.key, chosen: star });
    expect(taxed.status).toBe(201);
    expect(taxed.body).toMatchObject({ overridden: false, reason: null });

    // Vehicle tax: nobody eligible; confirming the empty proposal needs no reason.
    const vehicle = await proposalOf('vehicleTax');
    expect(
      (await confirm('leader', { award: 'vehicleTax', proposalKey: vehicle.key, chosen: [] })).status,
    ).toBe(201);
    expect((await call('GET', '/api/public/scorecard?period=2026-11')).status).toBe(404);

    // The red flag, the leader's only: an ineligible window is refused naming it; then the last award.
    const flag = await proposalOf('redFlag');
    expect(
      (await confirm('chief', { award: 'redFlag', proposalKey: flag.key, chosen: [{ window: 'sw-01' }] }))
        .status,
    ).toBe(403);
    const ineligible = await confirm('leader', {
      award: 'redFlag',
      proposalKey: flag.key,
      chosen: [{ window: 'mz-01' }],
      reason: '试选',
    });
    expect(ineligible.status).toBe(400);
    expect(problem(ineligible).errors[0]).toMatchObject({
      field: 'body.chosen.0.window',
      rule: 'not-eligible',
    });
    expect(problem(ineligible).errors[0]?.message).toContain('本月有超法定时限办件');
    expect(
      (await confirm('leader', { award: 'redFlag', proposalKey: flag.key, chosen: [{ window: 'sw-01' }] }))
        .status,
    ).toBe(201);

    const published = await call('GET', '/api/public/scorecard?period=2026-11');
    expect(published.status).toBe(200);
    expect(published.headers.get('cache-control')).toBe('public, max-age=3600');
    const scorecard = published.body as ScorecardView;
    const mz = scorecard.departments.find((row) => row.department === 'mz');
    expect(mz).toMatchObject({
      name: '云川市民政局',
      received: 2,
      decided: 1,
      onTime: { numerator: 1, denominator: 1, value: 1 },
      satisfaction: { numerator: 1, denominator: 1, value: 1 },
      badRatingsRectified: { numerator: 0, denominator: 0, value: null },
    });
    const rs = scorecard.departments.find((row) => row.department === 'rs');
    expect(rs?.satisfaction).toEqual({ numerator: 0, denominator: 1, value: 0 });
    expect(scorecard.serviceStars).toEqual([
      {
        award: 'tax',
        label: '服务之星（税务）',
        name: '吴税务',
        window: 'sw-01',
        departmentName: '国家税务总局云川市税务局',
      },
      {
        award: 'approval',
        label: '服务之星（审批）',
        name: '冯人社',
        window: 'rs-01',
        departmentName: '云川市人力资源和社会保障局',
      },
    ]);
    expect(scorecard.redFlags).toEqual([{ window: 'sw-01', departmentName: '国家税务总局云川市税务局' }]);
    // Names and windows only: no usernames, reasons or who confirmed.
    const text = JSON.stringify(published.body);
    for (const hidden of ['clerk-sw', 'clerk-rs', '延时服务', 'leader', '赵分管'])
      expect(text).not.toContain(hidden);

    const after = await appraisal('leader');
    expect(after.view.published).toBe(true);
    expect(after.view.awards.map((award) => award.award).sort()).toEqual([
      'approval',
      'redFlag',
      'tax',
      'vehicleTax',
    ]);
    expect(after.view.proposals.every((proposal) => proposal.mayConfirm === false)).toBe(true);
  });

  it('gives the month’s report draft its confirmed awards and commendations as prompts, in HTML and Word', async () => {
    const report = async (scope: string, user: string, format = 'html') => {
      const response = await fetch(
        `${runtime.baseUrl}/api/reports/monthly?scope=${scope}&period=2026-11&format=${format}`,
        { headers: { authorization: `Bearer ${await runtime.identity.issue(user)}` } },
      );
      expect(response.status).toBe(200);
      if (format === 'html') return await response.text();
      const zip = await JSZip.loadAsync(await response.arrayBuffer());
      return (await zip.file('word/document.xml')?.async('string')) ?? '';
    };
    // Confirmed above: 吴税务 (sw-01) for tax, 冯人社 (rs-01) for approval, sw-01 the red flag.
    const centre = await report('centre', 'leader');
    const practice = centre.slice(centre.indexOf('二、主要做法'), centre.indexOf('三、存在问题'));
    expect(practice).toContain('服务之星（税务）：吴税务（sw-01）（已确认）。');
    expect(practice).toContain('服务之星（审批）：冯人社（rs-01）（已确认）。');
    expect(practice).toContain('红旗窗口：sw-01 窗口（已确认）。');
    // The 非常满意 rating with a comment of 王窗口's case: the case, the window, the words masked.
    const commendation = practice.match(/群众表扬：([^<]+)/)?.[1] ?? '';
    expect(commendation).toContain(`${month.early.clerk} 社会团体变更登记：评价“非常满意”并留言表扬`);
    expect(commendation).toContain('mz-01窗口，留言“');
    expect(commendation).toContain('讲解耐心细致，一次就办成了');
    // A department's draft: its own praise only.
    const mz = await report('department:mz', 'chief');
    expect(mz).toContain('群众表扬：');
    expect(mz).not.toContain('服务之星（税务）');
    const sw = await report('department:sw', 'leader');
    expect(sw).toContain('服务之星（税务）：吴税务（sw-01）（已确认）。');
    expect(sw).not.toContain('群众表扬：');
    // The Word document says the same.
    const docx = await report('centre', 'leader', 'docx');
    expect(docx).toContain('服务之星（税务）：吴税务（sw-01）（已确认）。');
    expect(docx).toContain('群众表扬：');
    expect(docx).toContain('讲解耐心细致，一次就办成了');
  });

  it('refuses to confirm a month that has not ended, and a bad body naming the field', async () => {
    const now = new Date();
    const current = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    const open = await appraisal('leader', current);
    const tax = open.view.proposals.find((p) => p.award === 'tax');
    const early = await call('POST', '/api/appraisal/awards', 'leader', {
      period: current,
      award: 'tax',
      proposalKey: tax?.key,
      chosen: [],
      reason: '提前确认',
    });
    expect(early.status).toBe(409);
    expect(problem(early).detail).toContain('尚未结束');
    const bad = await call('POST', '/api/appraisal/awards', 'leader', {
      period: '2026-11-05',
      award: 'tax',
      proposalKey: 'x',
      chosen: [{ username: 'clerk-sw', name: '<b>吴</b>' }],
    });
    expect(bad.status).toBe(400);
    expect(
      problem(bad)
        .errors.map((error) => error.field)
        .sort(),
    ).toEqual(['body.chosen.0.name', 'body.period', 'body.proposalKey'].sort());
    const unknown = await confirm('leader', { award: 'best', proposalKey: '00000000', chosen: [] });
    expect(unknown.status).toBe(400);
    expect(problem(unknown).errors[0]?.field).toBe('body.award');
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergedMaterials } from '../../functions/domain/catalogue/bundles.ts';
import { getCatalogue } from '../../functions/domain/catalogue/data.ts';
import type { Bundle } from '../../functions/domain/catalogue/schema.ts';
import { type RectificationStepType, rectificationSteps } from '../../functions/domain/ratings/steps.ts';
import { unauthorizedProblem } from '../../functions/http/problems.ts';
import { rectificationRouteIds } from '../../functions/http/ratings/schemas.ts';
import { type RouteDefinition, routes } from '../../functions/http/routes.ts';
import { demoUsers } from '../../infra/local/identity.ts';
import { smallPdf } from '../support/attachment-files.ts';
import { startTestRuntime, type TestRuntime } from '../support/runtime.ts';

/**
 * The authorization matrix: every route of the route table × every demo user × no token. A cell
 * expects an exact status where authorization decides it (401, 403, the success status of a read),
 * and for commands the allowed users only "not refused" (200, or 409/422 when the case's status
 * or a rule says no) — who may act is what this test is about.
 */

let runtime: TestRuntime;
const tokens = new Map<string, string>();

interface Reply {
  status: number;
  contentType: string | null;
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
  let parsed: Record<string, unknown> = {};
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    parsed = {};
  }
  return { status: response.status, contentType: response.headers.get('content-type'), body: parsed };
}

const mzIntake = {
  itemCode: 'YC-MZ-0102',
  applicant: { kind: 'individual', name: '张三丰', idNumber: '11010519491231002X', phone: '13812345678' },
  materials: ['m1', 'm2', 'm3', 'm6'].map((id) => ({ id, state: 'submitted' })),
};

async function newCase(
  user = 'clerk',
  body: unknown = mzIntake,
): Promise<{ caseNo: string; queryCode: string }> {
  const reply = await call('POST', '/api/cases', user, body, { 'idempotency-key': randomUUID() });
  expect(reply.status).toBe(201);
  return { caseNo: reply.body.caseNo as string, queryCode: reply.body.queryCode as string };
}

async function versionOf(caseNo: string): Promise<number> {
  return (await call('GET', `/api/cases/${caseNo}`, 'supervisor')).body.version as number;
}

const users = demoUsers.map((user) => user.username);
let calledTicket = '';
let calledDate = '';
const mzReaders = ['clerk', 'clerk-b', 'chief', 'leader', 'supervisor'];

/** `exact`: that status for allowed users; `acted`: any answer but 401/403 (a command reached the domain). */
interface Cell {
  request: (
    user: string | undefined,
  ) => Promise<{ method: string; path: string; body?: unknown; headers?: Record<string, string> }>;
  /** `noToken`: only a call without a token (a public route that refuses staff). */
  allowed: readonly string[] | 'everyone' | 'anyToken' | 'noToken';
  exact?: number;
  /** Status for a caller who is not allowed (default 403; 401 without a token on staff routes). */
  otherwise?: number;
}

const transitionBodies: Record<string, Record<string, unknown>> = {
  requestCaseCorrection: { told: '告知', materials: [{ id: 'm1', state: 'missing' }] },
  correctCase: { materials: [{ id: 'm1', state: 'submitted' }] },
  acceptCase: { told: '受理' },
  notAcceptCase: { reason: '理由', remedies: '复议或诉讼', told: '告知' },
  settleCaseInstantly: { told: '办结' },
  transferCase: { step: '审查', reason: '流转' },
  suspendCase: { reason: 'hearing', note: '约 5 日', told: '告知' },
  resumeCase: { note: '结束' },
  extendCase: { days: 5, reason: '复杂', told: '告知' },
  giveCaseCoOpinion: { opinion: '同意' },
  approveCase: { told: '办结' },
  refuseCase: { reason: '不符合条件', remedies: '复议或诉讼', told: '告知' },
  deliverCase: { method: 'window' },
  closeCase: {},
  withdrawCase: { reason: '撤回', told: '告知' },
  returnCase: { reason: '退件', told: '告知' },
  flagCasePriority: { reason: '重点' },
  supplyCaseOwedMaterials: { materials: [{ id: 'm6' }] },
  applyCaseOwedLateness: { told: '告知' },
  recordCaseVerification: { result: 'confirmed', evidence: '核验一致' },
};

/** Who may give each transition on a case of clerk's window (handler: clerk, present). */
const transitionActors: Record<string, readonly string[]> = {
  requestCaseCorrection: ['clerk'],
  correctCase: ['clerk'],
  acceptCase: ['clerk'],
  notAcceptCase: ['clerk', 'chief'],
  settleCaseInstantly: ['clerk'],
  transferCase: ['clerk', 'chief'],
  suspendCase: ['clerk', 'chief'],
  resumeCase: ['clerk', 'chief'],
  extendCase: ['chief'],
  giveCaseCoOpinion: ['clerk-sw', 'clerk-rs'],
  approveCase: ['clerk', 'chief'],
  refuseCase: ['chief'],
  deliverCase: ['clerk'],
  closeCase: ['clerk', 'chief'],
  withdrawCase: ['clerk', 'chief'],
  returnCase: ['clerk'],
  flagCasePriority: ['clerk', 'chief'],
  supplyCaseOwedMaterials: ['clerk'],
  applyCaseOwedLateness: ['clerk', 'chief'],
  recordCaseVerification: ['clerk', 'chief'],
};

let readCase: { caseNo: string; queryCode: string };
/** A 一件事 of three departments (sj, sw, rs), every required line of its merged list submitted. */
const bundleIntake = (() => {
  const catalogue = getCatalogue();
  const merged = mergedMaterials(
    catalogue.bundle('YC-YJS-0002') as Bundle,
    new Map(catalogue.items.map((item) => [item.code, item])),
  );
  return {
    applicant: mzIntake.applicant,
    materials: merged.flatMap((line, index) =>
      line.required ? [{ id: `b${index + 1}`, state: 'submitted' }] : [],
    ),
  };
})();
let bundleFixture: Promise<string> | undefined;
function bundleNoFixture(): Promise<string> {
  bundleFixture ??= call('POST', '/api/bundles/YC-YJS-0002/intake', 'clerk-zh', bundleIntake, {
    'idempotency-key': randomUUID(),
  }).then((reply) => {
    expect(reply.status).toBe(201);
    return reply.body.bundleNo as string;
  });
  return bundleFixture;
}
let cardId: string;
/** The next bookable slots of civil affairs (the sample hall books round the clock), one per matrix caller. */
let slotFixture: Promise<{ date: string; time: string }[]> | undefined;
function bookableSlots(): Promise<{ date: string; time: string }[]> {
  slotFixture ??= call('GET', '/api/public/appointment-slots?category=civil-affairs&days=3', undefined).then(
    (reply) => {
      expect(reply.status).toBe(200);
      const days = reply.body.days as { date: string; slots: { time: string }[] }[];
      return days.flatMap((day) => day.slots.map((slot) => ({ date: day.date, time: slot.time })));
    },
  );
  return slotFixture;
}
const transitionCases = new Map<string, string>();

/** Complaint fixtures, made once on first use: one per state a complaint cell needs, at mz-01. */
type ComplaintFixture =
  | 'registered'
  | 'registered2'
  | 'assigned'
  | 'assigned2'
  | 'answered'
  | 'answeredByHandler'
  | 'dissatisfied'
  | 'followedUp';
let complaintFixtureSet:
  | Promise<Record<ComplaintFixture, { complaintNo: string; queryCode: string }>>
  | undefined;
function complaintFixtures() {
  complaintFixtureSet ??= (async () => {
    const step = async (complaintNo: string, slug: string, user: string, body: Record<string, unknown>) => {
      const version = (await call('GET', `/api/complaints/${complaintNo}`, 'supervisor')).body.version;
      const reply = await call('POST', `/api/complaints/${complaintNo}/${slug}`, user, { version, ...body });
      expect(reply.status).toBe(200);
    };
    const make = async (steps: readonly ComplaintFixture[] = [], replyHandler?: string) => {
      const filed = await call('POST', '/api/public/complaints', undefined, {
        category: 'attitude',
        facts: '态度生硬。',
        complainant: { realName: true, name: '李四', phone: '13900001111' },
        respondent: { department: 'mz', window: 'mz-01' },
      });
      expect(filed.status).toBe(201);
      const fixture = {
        complaintNo: filed.body.complaintNo as string,
        queryCode: filed.body.queryCode as string,
      };
      const { complaintNo } = fixture;
      if (steps.includes('assigned')) {
        await step(complaintNo, 'triage-assign', 'supervisor', {
          department: 'mz',
          window: 'mz-01',
          complexity: 'simple',
          told: '已分办',
          ...(replyHandler ? { replyHandler } : {}),
        });
      }
      if (steps.includes('answered')) await step(complaintNo, 'answer', 'clerk', { text: '答复' });
      if (steps.includes('dissatisfied')) {
        await step(complaintNo, 'feedback', 'supervisor', { satisfied: false });
      }
      if (steps.includes('followedUp')) {
        await step(complaintNo, 'follow-up', 'supervisor', { satisfaction: 'satisfied', note: '满意' });
      }
      return fixture;
    };
    return {
      registered: await make(),
      registered2: await make(),
      assigned: await make(['assigned']),
      assigned2: await make(['assigned']),
      answered: await make(['assigned', 'answered']),
      answeredByHandler: await make(['assigned', 'answered'], 'clerk-b'),
      dissatisfied: await make(['assigned', 'answered', 'dissatisfied']),
      followedUp: await make(['assigned', 'answered', 'followedUp']),
    };
  })();
  return complaintFixtureSet;
}
/** A complaint of mz-01 with one attachment (a PDF), assigned: made once on first use. */
let attachedComplaint: Promise<string> | undefined;
function attachmentFixture(): Promise<string> {
  attachedComplaint ??= (async () => {
    const pdf = smallPdf();
    const granted = await call('POST', '/api/public/complaints/attachments', undefined, {
      files: [{ size: pdf.length, type: 'application/pdf' }],
    });
    const [slot] = granted.body.slots as { key: string; url: string; fields: Record<string, string> }[];
    if (!slot) throw new Error('no upload slot');
    const form = new FormData();
    for (const [name, value] of Object.entries(slot.fields)) form.append(name, value);
    form.append('file', new Blob([new Uint8Array(pdf)]));
    expect((await fetch(`${runtime.baseUrl}${slot.url}`, { method: 'POST', body: form })).status).toBe(204);
    const filed = await call('POST', '/api/public/complaints', undefined, {
      category: 'other',
      facts: '附材料。',
      complainant: { realName: false },
      respondent: { department: 'mz', window: 'mz-01' },
      attachments: [{ key: slot.key }],
    });
    const complaintNo = filed.body.complaintNo as string;
    const assigned = await call('POST', `/api/complaints/${complaintNo}/triage-assign`, 'supervisor', {
      version: 1,
      department: 'mz',
      window: 'mz-01',
      complexity: 'simple',
      told: '已分办',
    });
    expect(assigned.status).toBe(200);
    return complaintNo;
  })();
  return attachedComplaint;
}

const complaintSteps: Record<
  string,
  { slug: string; fixture: ComplaintFixture; body: Record<string, unknown> }
> = {
  assignComplaint: {
    slug: 'triage-assign',
    fixture: 'registered',
    body: { department: 'mz', window: 'mz-01', complexity: 'simple', told: '已分办' },
  },
  invalidateComplaint: {
    slug: 'triage-invalid',
    fixture: 'registered2',
    body: { reason: 'unverifiable', told: '无法核实' },
  },
  recordComplaintFindings: { slug: 'investigation', fixture: 'assigned', body: { findings: '核实' } },
  answerComplaint: { slug: 'answer', fixture: 'assigned2', body: { text: '答复' } },
  recordComplaintFeedback: { slug: 'feedback', fixture: 'answeredByHandler', body: { satisfied: true } },
  recheckComplaint: { slug: 'recheck', fixture: 'dissatisfied', body: { told: '复核' } },
  followUpComplaint: {
    slug: 'follow-up',
    fixture: 'answered',
    body: { satisfaction: 'satisfied', note: '满意' },
  },
  closeComplaint: { slug: 'close', fixture: 'followedUp', body: {} },
};
/** Who may give each step on those fixtures (the domain's actors; `acted` includes 409/422 after the first). */
const complaintStepActors: Record<string, readonly string[]> = {
  assignComplaint: ['supervisor'],
  invalidateComplaint: ['supervisor'],
  recordComplaintFindings: ['clerk', 'clerk-b', 'chief'],
  answerComplaint: ['clerk', 'clerk-b', 'chief', 'supervisor'],
  recordComplaintFeedback: ['clerk-b', 'supervisor'],
  recheckComplaint: ['chief', 'supervisor'],
  followUpComplaint: ['supervisor'],
  closeComplaint: ['supervisor'],
};

/** Rating fixtures, made once on first use: cases of mz-01 delivered by clerk. */
const rectificationBodies: Record<RectificationStepType, Record<string, unknown>> = {
  callBack: { reached: true, verified: '核实' },
  fixAtOnce: { done: '整改' },
  rectify: { plan: '计划' },
  completeRectification: { done: '完成' },
  explain: { explanation: '说明' },
  appeal: { ground: 'mistaken', reasons: '误评' },
  decideAppeal: { upheld: false, reasons: '不成立' },
  tellRater: { how: '电话', what: '告知' },
  close: {},
};
let ratingFixtureSet:
  | Promise<Record<'rated' | 'unrated' | 'bad', { caseNo: string; token: string }>>
  | undefined;
function ratingFixtures() {
  ratingFixtureSet ??= (async () => {
    const delivered = async () => {
      const { caseNo } = await newCase();
      for (const [version, slug, body] of [
        [1, 'acceptance', { told: '受理' }],
        [2, 'approval', { told: '办结' }],
        [3, 'delivery', { method: 'window' }],
      ] as const) {
        expect(
          (await call('POST', `/api/cases/${caseNo}/${slug}`, 'clerk', { version, ...body })).status,
        ).toBe(200);
      }
      const link = await call('GET', `/api/cases/${caseNo}/rating-link`, 'clerk');
      return { caseNo, token: link.body.token as string };
    };
    const [rated, unrated, bad] = [await delivered(), await delivered(), await delivered()];
    expect((await call('POST', '/api/public/ratings', undefined, { ...bad, overall: 1 })).status).toBe(201);
    return { rated, unrated, bad };
  })();
  return ratingFixtureSet;
}

function cells(): Record<string, Cell> {
  const table: Record<string, Cell> = {
    getHealth: {
      request: async () => ({ method: 'GET', path: '/api/health' }),
      allowed: 'everyone',
      exact: 200,
    },
    getOpenApi: {
      request: async () => ({ method: 'GET', path: '/api/openapi.json' }),
      allowed: 'everyone',
      exact: 200,
    },
    getMe: { request: async () => ({ method: 'GET', path: '/api/me' }), allowed: 'anyToken', exact: 200 },
    getInbox: {
      request: async () => ({ method: 'GET', path: '/api/inbox' }),
      allowed: 'anyToken',
      exact: 200,
    },
    // Complaints: the public files, looks up and gives feedback; staff register, list and read by
    // role (the window and department of the assignment, the office for everything and the identity).
    fileComplaint: {
      request: async () => ({
        method: 'POST',
        path: '/api/public/complaints',
        body: {
          category: 'other',
          facts: '矩阵测试。',
          complainant: { realName: false },
          respondent: { department: 'mz' },
        },
      }),
      allowed: 'everyone',
      exact: 201,
    },
    requestAttachmentSlots: {
      request: async () => ({
        method: 'POST',
        path: '/api/public/complaints/attachments',
        body: { files: [{ size: 100, type: 'image/png' }] },
      }),
      allowed: 'everyone',
      exact: 201,
    },
    openComplaintAttachment: {
      request: async () => ({
        method: 'GET',
        path: `/api/complaints/${await attachmentFixture()}/attachments/a1`,
      }),
      allowed: mzReaders,
      exact: 200,
    },
    lookupComplaint: {
      request: async () => ({
        method: 'POST',
        path: '/api/public/complaints/lookup',
        body: (await complaintFixtures()).assigned,
      }),
      allowed: 'everyone',
      exact: 200,
    },
    giveComplaintFeedback: {
      request: async () => ({
        method: 'POST',
        path: '/api/public/complaints/feedback',
        body: { ...(await complaintFixtures()).answered, satisfied: true },
      }),
      allowed: 'everyone',
    },
    registerComplaint: {
      request: async () => ({
        method: 'POST',
        path: '/api/complaints',
        body: {
          channel: 'inPerson',
          category: 'absent',
          facts: '窗口无人。',
          complainant: { realName: false },
          respondent: { department: 'mz' },
        },
      }),
      allowed: [
        'clerk',
        'clerk-b',
        'chief',
        'supervisor',
        'clerk-sw',
        'clerk-sj',
        'clerk-rs',
        'chief-sj',
        'clerk-zh',
      ],
      exact: 201,
    },
    listComplaints: {
      request: async () => ({ method: 'GET', path: '/api/complaints?limit=5' }),
      allowed: users.filter((user) => user !== 'admin'),
      exact: 200,
    },
    getComplaint: {
      request: async () => ({
        method: 'GET',
        path: `/api/complaints/${(await complaintFixtures()).assigned.complaintNo}`,
      }),
      allowed: mzReaders,
      exact: 200,
    },
    getComplainant: {
      request: async () => ({
        method: 'GET',
        path: `/api/complaints/${(await complaintFixtures()).assigned.complaintNo}/complainant`,
      }),
      allowed: ['supervisor'],
      exact: 200,
    },
    ...Object.fromEntries(
      Object.entries(complaintSteps).map(([id, { slug, fixture, body }]): [string, Cell] => [
        id,
        {
          request: async () => {
            const { complaintNo } = (await complaintFixtures())[fixture];
            const version = (await call('GET', `/api/complaints/${complaintNo}`, 'supervisor')).body.version;
            return {
              method: 'POST',
              path: `/api/complaints/${complaintNo}/${slug}`,
              body: { version, ...body },
            };
          },
          allowed: complaintStepActors[id] as readonly string[],
        },
      ]),
    ),
    // Ratings: a delivered case for the link and the lookup, an unrated one the public rates once
    // (staff tokens are refused: 工作人员不得代为评价), a bad rating for the rectification steps.
    getRatingLink: {
      request: async () => ({
        method: 'GET',
        path: `/api/cases/${(await ratingFixtures()).rated.caseNo}/rating-link`,
      }),
      allowed: ['clerk', 'clerk-b', 'chief'],
      exact: 200,
    },
    lookupRating: {
      request: async () => ({
        method: 'POST',
        path: '/api/public/ratings/lookup',
        body: (await ratingFixtures()).rated,
      }),
      allowed: 'everyone',
      exact: 200,
    },
    submitRating: {
      request: async () => ({
        method: 'POST',
        path: '/api/public/ratings',
        body: { ...(await ratingFixtures()).unrated, overall: 5 },
      }),
      allowed: 'noToken',
      exact: 201,
    },
    listRectifications: {
      request: async () => ({ method: 'GET', path: '/api/ratings/rectifications' }),
      allowed: users.filter((user) => user !== 'admin'),
      exact: 200,
    },
    getRatingFigures: {
      request: async () => ({ method: 'GET', path: '/api/ratings/figures?month=2026-11' }),
      allowed: 'anyToken',
      exact: 200,
    },
    getFigures: {
      // Without a scope each role reads its own (a clerk their own figures, a chief the department's).
      request: async () => ({ method: 'GET', path: '/api/figures?period=2026-11' }),
      allowed: 'anyToken',
      exact: 200,
    },
    getLedger: {
      request: async () => ({ method: 'GET', path: '/api/ledger?period=2026-11' }),
      allowed: 'anyToken',
      exact: 200,
    },
    // The appraisal: every role reads its own part; the leader confirms any award, a chief only a
    // group of their own department (none of the demo chiefs' departments has one: refused by the rule).
    getAppraisal: {
      request: async () => ({ method: 'GET', path: '/api/appraisal?period=2026-11' }),
      allowed: 'anyToken',
      exact: 200,
    },
    confirmAward: {
      request: async () => {
        const month = new Date().toISOString().slice(0, 7);
        return {
          method: 'POST',
          path: '/api/appraisal/awards',
          body: { period: month, award: 'tax', proposalKey: '00000000', chosen: [] },
        };
      },
      allowed: ['leader'],
    },
    getScorecard: {
      // Nothing is published in this runtime: the same 404 for everyone.
      request: async () => ({ method: 'GET', path: '/api/public/scorecard?period=2026-11' }),
      allowed: 'everyone',
      exact: 404,
    },
    getFigureSeries: {
      request: async () => ({ method: 'GET', path: '/api/figures/series?end=2026-11' }),
      allowed: 'anyToken',
      exact: 200,
    },
    // A department's windows side by side (a chief's own), or the centre's departments; not a clerk.
    getFigureComparison: {
      request: async () => ({ method: 'GET', path: '/api/figures/windows?period=2026-11' }),
      allowed: ['chief', 'leader', 'supervisor', 'admin', 'chief-sj'],
      exact: 200,
    },
    listFigureCases: {
      request: async () => ({ method: 'GET', path: '/api/figures/cases?period=2026-11&figure=received' }),
      allowed: 'anyToken',
      exact: 200,
    },
    getMonthlyReport: {
      request: async () => ({ method: 'GET', path: '/api/reports/monthly?period=2026-11' }),
      allowed: ['chief', 'leader', 'supervisor', 'admin', 'chief-sj'],
      exact: 200,
    },
    getRating: {
      request: async () => ({ method: 'GET', path: `/api/ratings/${(await ratingFixtures()).bad.caseNo}` }),
      allowed: mzReaders,
      exact: 200,
    },
    ...Object.fromEntries(
      rectificationSteps.map((rule): [string, Cell] => [
        rectificationRouteIds[rule.type],
        {
          request: async () => {
            const { caseNo } = (await ratingFixtures()).bad;
            const current = await call('GET', `/api/ratings/${caseNo}`, 'supervisor');
            return {
              method: 'POST',
              path: `/api/ratings/${caseNo}/rectification/${rule.slug}`,
              body: { version: current.body.version, ...rectificationBodies[rule.type] },
            };
          },
          allowed: rule.actors.includes('supervisor') ? ['supervisor'] : ['clerk', 'chief'],
        },
      ]),
    ),
    runSupervisionSweep: {
      request: async () => ({ method: 'POST', path: '/api/supervision/sweeps' }),
      allowed: ['supervisor', 'admin'],
      exact: 200,
    },
    listCards: {
      request: async () => ({ method: 'GET', path: '/api/supervision/cards' }),
      allowed: ['chief', 'leader', 'supervisor', 'admin', 'chief-sj'],
      exact: 200,
    },
    answerCard: {
      request: async () => {
        const cards = await call('GET', '/api/supervision/cards?department=mz', 'supervisor');
        const card = (cards.body.items as { id: string; version: number }[]).find((c) => c.id === cardId);
        return {
          method: 'POST',
          path: '/api/supervision/card-answers',
          body: { cardId, version: card?.version ?? 1, answer: '已核查并整改' },
        };
      },
      // chief-sj is a chief, but of another department: the card refuses them.
      allowed: ['chief', 'leader'],
    },
    notFound: {
      request: async () => ({ method: 'GET', path: '/api/no/such/route' }),
      allowed: 'everyone',
      exact: 404,
    },
    createCase: {
      request: async () => ({
        method: 'POST',
        path: '/api/cases',
        body: mzIntake,
        headers: { 'idempotency-key': randomUUID() },
      }),
      // The item's department's window, and the general window (无差别受理) for every department.
      allowed: ['clerk', 'clerk-b', 'clerk-zh'],
      exact: 201,
    },
    listCases: {
      request: async () => ({ method: 'GET', path: '/api/cases?window=mz-01&limit=5' }),
      allowed: mzReaders,
      exact: 200,
    },
    getCase: {
      request: async () => ({ method: 'GET', path: `/api/cases/${readCase.caseNo}` }),
      allowed: mzReaders,
      exact: 200,
    },
    getCaseApplicant: {
      request: async () => ({ method: 'GET', path: `/api/cases/${readCase.caseNo}/applicant` }),
      allowed: ['clerk'],
      exact: 200,
    },
    getWindowPost: {
      request: async () => ({ method: 'GET', path: '/api/windows/mz-01/post' }),
      allowed: mzReaders,
      exact: 200,
    },
    setWindowAway: {
      request: async () => ({ method: 'PUT', path: '/api/windows/mz-01/away/clerk', body: { away: false } }),
      allowed: ['clerk', 'chief'],
      exact: 200,
    },
    // 一件事: only a general window's clerk takes one in; the general windows, the departments of its
    // parts and supervision read it.
    takeInBundle: {
      request: async () => ({
        method: 'POST',
        path: '/api/bundles/YC-YJS-0002/intake',
        body: bundleIntake,
        headers: { 'idempotency-key': randomUUID() },
      }),
      allowed: ['clerk-zh'],
      exact: 201,
    },
    listBundles: {
      request: async () => ({ method: 'GET', path: '/api/bundle-records?window=zh-01&limit=5' }),
      allowed: ['supervisor', 'clerk-zh'],
      exact: 200,
    },
    getBundle: {
      request: async () => ({ method: 'GET', path: `/api/bundle-records/${await bundleNoFixture()}` }),
      allowed: ['supervisor', 'clerk-sw', 'clerk-sj', 'clerk-rs', 'chief-sj', 'clerk-zh'],
      exact: 200,
    },
    // A 一件事 is rated once, its link handed over by the general window; this one is not done yet.
    getBundleRatingLink: {
      request: async () => ({
        method: 'GET',
        path: `/api/bundle-records/${await bundleNoFixture()}/rating-link`,
      }),
      allowed: ['clerk-zh'],
      exact: 422,
    },
    lookupProgress: {
      request: async () => ({ method: 'POST', path: '/api/public/progress', body: readCase }),
      allowed: 'everyone',
      exact: 200,
    },
    // The counter: anyone takes a ticket and reads the hall; only the clerks of a window (its A/B
    // posts) call at it and act on the ticket it called.
    takeTicket: {
      request: async () => ({
        method: 'POST',
        path: '/api/public/tickets',
        body: { category: 'civil-affairs' },
      }),
      allowed: 'everyone',
      exact: 201,
    },
    getHall: {
      request: async () => ({ method: 'GET', path: '/api/public/hall' }),
      allowed: 'everyone',
      exact: 200,
    },
    getWindowCounter: {
      request: async () => ({ method: 'GET', path: '/api/windows/mz-01/calls' }),
      allowed: ['clerk', 'clerk-b'],
      exact: 200,
    },
    callNextTicket: {
      request: async () => ({ method: 'POST', path: '/api/windows/mz-01/calls' }),
      allowed: ['clerk', 'clerk-b'],
    },
    // Appointments: the public list the slots, book, cancel and check in (no role refuses them);
    // the clerks and chiefs whose windows serve a category list the day's bookings.
    getAppointmentSlots: {
      request: async () => ({
        method: 'GET',
        path: '/api/public/appointment-slots?category=civil-affairs&days=1',
      }),
      allowed: 'everyone',
      exact: 200,
    },
    bookAppointment: {
      // Each caller books its own slot with its own phone: every cell must succeed.
      request: async (user) => {
        const index = users.indexOf(user ?? '') + 1;
        return {
          method: 'POST',
          path: '/api/public/appointments',
          body: {
            category: 'civil-affairs',
            ...(await bookableSlots())[index],
            name: '矩阵预约',
            phone: `1390013${String(index).padStart(4, '0')}`,
          },
        };
      },
      allowed: 'everyone',
      exact: 201,
    },
    cancelAppointment: {
      request: async () => ({
        method: 'POST',
        path: '/api/public/appointments/cancellation',
        body: { code: 'ABCDEFGH', phoneLast4: '0000' },
      }),
      allowed: 'everyone',
    },
    checkInAppointment: {
      request: async () => ({
        method: 'POST',
        path: '/api/public/appointments/check-in',
        body: { code: 'ABCDEFGH' },
      }),
      allowed: 'everyone',
    },
    listAppointments: {
      request: async () => ({ method: 'GET', path: '/api/appointments' }),
      allowed: ['clerk', 'clerk-b', 'chief', 'clerk-sw', 'clerk-sj', 'clerk-rs', 'chief-sj', 'clerk-zh'],
      exact: 200,
    },
    // A visit and the counter's figures: any staff role (figures default to the caller's own scope).
    getVisit: {
      request: async () => ({ method: 'GET', path: `/api/counter/tickets/${calledDate}/${calledTicket}` }),
      allowed: 'anyToken',
      exact: 200,
    },
    getCounterFigures: {
      request: async () => ({ method: 'GET', path: `/api/counter/figures?period=${calledDate}` }),
      allowed: 'anyToken',
      exact: 200,
    },
    // The SMS outbox: chiefs and leaders (their department's), supervision and admin.
    listMessages: {
      request: async () => ({ method: 'GET', path: '/api/messages' }),
      allowed: ['chief', 'leader', 'supervisor', 'admin', 'chief-sj'],
      exact: 200,
    },
  };
  for (const [id, slug, body] of [
    ['recallTicket', 'recall', {}],
    ['markTicketNoShow', 'no-show', {}],
    ['rejoinTicket', 'rejoin', {}],
    ['transferTicket', 'transfer', { category: 'tax' }],
    ['endTicketService', 'end', {}],
  ] as const) {
    table[id] = {
      request: async () => ({
        method: 'POST',
        path: `/api/windows/mz-01/calls/${calledTicket}/${slug}`,
        body,
      }),
      allowed: ['clerk', 'clerk-b'],
    };
  }
  for (const [id, body] of Object.entries(transitionBodies)) {
    const route = routes.find((candidate) => candidate.id === id) as RouteDefinition;
    table[id] = {
      request: async () => {
        const caseNo = transitionCases.get(id) as string;
        return {
          method: 'POST',
          path: route.path.replace('{caseNo}', caseNo),
          body: { version: await versionOf(caseNo), ...body },
        };
      },
      allowed: transitionActors[id] as readonly string[],
    };
  }
  return table;
}

beforeAll(async () => {
  runtime = await startTestRuntime();
  readCase = await newCase();
  for (const id of Object.keys(transitionBodies)) {
    if (id === 'giveCaseCoOpinion') {
      const joint = await newCase('clerk-sj', {
        itemCode: 'YC-SJ-0301',
        applicant: {
          ...mzIntake.applicant,
          kind: 'organisation',
          organisation: { name: '示例公司', creditCode: '91350100M000100Y43' },
        },
        materials: ['m1', 'm2', 'm3', 'm4'].map((m) => ({ id: m, state: 'submitted' })),
      });
      const accepted = await call('POST', `/api/cases/${joint.caseNo}/acceptance`, 'clerk-sj', {
        version: 1,
        told: '受理',
      });
      expect(accepted.status).toBe(200);
      transitionCases.set(id, joint.caseNo);
    } else {
      transitionCases.set(id, (await newCase()).caseNo);
    }
  }
  // A sweep two months ahead finds readCase's correction-notice clock red and issues a card to mz.
  const later = new Date(Date.now() + 60 * 86_400_000).toISOString();
  expect((await call('POST', '/api/supervision/sweeps', 'supervisor', { now: later })).status).toBe(200);
  const cards = await call('GET', '/api/supervision/cards?department=mz', 'supervisor');
  const card = (cards.body.items as { id: string; subject: { id: string } }[]).find(
    (candidate) => candidate.subject.id === readCase.caseNo,
  );
  if (!card) throw new Error('the sweep issued no card for the matrix case');
  cardId = card.id;
  // A ticket called at mz-01, for the steps of the counter.
  expect((await call('POST', '/api/public/tickets', undefined, { category: 'civil-affairs' })).status).toBe(
    201,
  );
  const called = await call('POST', '/api/windows/mz-01/calls', 'clerk');
  expect(called.status).toBe(201);
  calledTicket = called.body.ticketNo as string;
  calledDate = called.body.date as string;
}, 120_000);
afterAll(async () => {
  await runtime?.stop();
});

describe('the authorization matrix', () => {
  const table = cells();

  it('covers every route of the route table', () => {
    expect(Object.keys(table).sort()).toEqual(routes.map((route) => route.id).sort());
  });

  for (const route of routes) {
    it(`${route.method} ${route.path}: every demo user and no token`, async () => {
      const cell = table[route.id] as Cell;
      const outcomes: string[] = [];
      const expected: string[] = [];
      for (const user of [undefined, ...users]) {
        const { method, path, body, headers } = await cell.request(user);
        const reply = await call(method, path, user, body, headers);
        const who = user ?? '(no token)';
        const allowed =
          cell.allowed === 'everyone' ||
          (cell.allowed === 'anyToken' && user !== undefined) ||
          (cell.allowed === 'noToken' && user === undefined) ||
          (Array.isArray(cell.allowed) && user !== undefined && cell.allowed.includes(user));
        if (allowed) {
          if (cell.exact !== undefined) {
            outcomes.push(`${who} ${reply.status}`);
            expected.push(`${who} ${cell.exact}`);
          } else {
            outcomes.push(
              `${who} ${[401, 403].includes(reply.status) ? `refused ${reply.status}` : 'acted'}`,
            );
            expected.push(`${who} acted`);
          }
        } else {
          const status = user === undefined && route.access !== 'public' ? 401 : (cell.otherwise ?? 403);
          outcomes.push(`${who} ${reply.status}`);
          expected.push(`${who} ${status}`);
          expect(reply.contentType).toBe('application/problem+json');
          if (status === 401) expect(reply.body).toEqual(unauthorizedProblem);
        }
      }
      expect(outcomes).toEqual(expected);
    });
  }
});

/**
 * A finished month for the appraisal tests: November 2026, written into the runtime's store with
 * its own history through the domain and store modules (the API takes in cases only now). Its
 * events, by the shipped rule (functions/config/appraisal.json):
 *
 * - `clerk` (王窗口, mz-01): a case decided early (+0.5), then delivered and rated 非常满意 with a
 *   comment (+1) → 101.5;
 * - `clerk-b` (李备岗, mz-01): a case accepted on 2 November and never decided, past its statutory
 *   limit on the 30th (−5), and the red card of it (−3) → 92; not eligible (overdue, red card);
 * - `clerk-sw` (吴税务, sw-01): a case decided early (+0.5) → 100.5;
 * - `clerk-rs` (冯人社, rs-01): a case decided early (+0.5), rated 不满意 (−2) and never called back
 *   (−3) → 95.5;
 * - `clerk-sj` (郑市场, sj-01): a case decided early (+0.5) and a valid complaint naming it (−5) →
 *   95.5; not eligible (valid complaint).
 *
 * So the proposals: tax `clerk-sw` (one of two places), approval `clerk`, vehicle tax nobody,
 * red flag sw-01 (100.5; mz-01 and sj-01 are ruled out).
 */
import { centreClocks, centreConfig } from '../../functions/config/centre.ts';
import { figureSettings } from '../../functions/config/figures.ts';
import type { Actor, CaseCommand, CaseState } from '../../functions/domain/cases/index.ts';
import { decide, openCase } from '../../functions/domain/cases/index.ts';
import { intakeSnapshot } from '../../functions/domain/catalogue/catalogue.ts';
import { getCatalogue } from '../../functions/domain/catalogue/data.ts';
import { genericClock } from '../../functions/domain/clocks/kinds.ts';
import { decideComplaint, registerComplaint } from '../../functions/domain/complaints/index.ts';
import { invitationFor, recordRating } from '../../functions/domain/ratings/decide.ts';
import type { CardRecord } from '../../functions/domain/supervision/index.ts';
import { insertCase } from '../../functions/store/cases/cases.ts';
import { dynamoDocumentClient } from '../../functions/store/client.ts';
import { insertComplaint } from '../../functions/store/complaints/complaints.ts';
import { recordCaseMonth } from '../../functions/store/figures/case-months.ts';
import { projectPending } from '../../functions/store/figures/recount.ts';
import { createInvitation } from '../../functions/store/ratings/ratings.ts';
import { recordCard } from '../../functions/store/supervision/supervision.ts';
import type { TestRuntime } from './runtime.ts';

const table = 'yichuang';
const T = (local: string) => `${local}+08:00`;

const staff = (username: string, department: string, window: string): Actor => ({
  username,
  roles: ['clerk'],
  department,
  window,
});

export const novemberClerks = {
  clerk: staff('clerk', 'mz', 'mz-01'),
  clerkB: staff('clerk-b', 'mz', 'mz-01'),
  clerkSw: staff('clerk-sw', 'sw', 'sw-01'),
  clerkRs: staff('clerk-rs', 'rs', 'rs-01'),
  clerkSj: staff('clerk-sj', 'sj', 'sj-01'),
};

/** The case numbers of the month, by what happened to them. */
export interface PlantedMonth {
  early: Record<'clerk' | 'clerkSw' | 'clerkRs' | 'clerkSj', string>;
  overdue: string;
  complaintNo: string;
  cardId: string;
}

/** Points this process's store modules at the runtime's dynalite. */
export function useRuntimeStore(runtime: TestRuntime): void {
  process.env.AWS_ENDPOINT_URL_DYNAMODB = runtime.store.endpoint;
  process.env.AWS_REGION = 'local';
  process.env.AWS_ACCESS_KEY_ID = 'local';
  process.env.AWS_SECRET_ACCESS_KEY = 'local';
}

let serial = 9100;

/** A case of `itemCode` received at `at` by `clerk`, moved by `steps` (each an hour or more apart). */
async function plantCase(
  itemCode: string,
  clerk: Actor,
  at: string,
  steps: [CaseCommand, string][],
): Promise<CaseState> {
  const item = getCatalogue().items.find((candidate) => candidate.code === itemCode);
  if (!item) throw new Error(`no item ${itemCode}`);
  serial += 1;
  const ctx = { clocks: centreClocks(), handlerAway: false };
  let state = openCase(
    {
      caseNo: `${centreConfig.code}-${at.slice(0, 10).replaceAll('-', '')}-${serial}`,
      centre: centreConfig.code,
      item: intakeSnapshot(item),
      applicant: { kind: 'individual', name: '李*', idNumber: '44**************11', phone: '139****5432' },
      materials: item.materials.flatMap((material, index) =>
        material.required ? [{ id: `m${index + 1}`, state: 'submitted' as const }] : [],
      ),
    },
    clerk,
    at,
  );
  await recordCaseMonth(table, state);
  for (const [command, when] of steps) {
    state = decide(state, command, clerk, when, ctx).state;
    await recordCaseMonth(table, state);
  }
  await insertCase(
    table,
    { state, applicantSealed: 'not-used', queryCodeSalt: 'not-used', queryCodeHash: 'not-used' },
    state.history.at(-1)?.at ?? at,
    centreClocks(),
  );
  return state;
}

const accept = (at: string): [CaseCommand, string] => [{ type: 'accept', told: '出具受理通知书' }, T(at)];
const approve = (at: string): [CaseCommand, string] => [{ type: 'approve', told: '准予许可' }, T(at)];
const deliver = (at: string): [CaseCommand, string] => [{ type: 'deliver', method: 'window' }, T(at)];

async function rate(state: CaseState, overall: 1 | 2 | 3 | 4 | 5, comment: string | undefined, at: string) {
  const invited = invitationFor(state, state.delivery?.at ?? at);
  const rated = recordRating(invited, { overall, ...(comment ? { comment } : {}) }, T(at)).state;
  await createInvitation(table, rated, T(at), centreClocks());
}

/** Writes November 2026 as described above into the runtime's store. */
export async function plantNovember(runtime: TestRuntime): Promise<PlantedMonth> {
  useRuntimeStore(runtime);
  const { clerk, clerkB, clerkSw, clerkRs, clerkSj } = novemberClerks;
  const early = await plantCase('YC-MZ-0102', clerk, T('2026-11-02T09:00:00'), [
    accept('2026-11-02T10:00:00'),
    approve('2026-11-05T10:00:00'),
    deliver('2026-11-05T15:00:00'),
  ]);
  await rate(early, 5, '王窗口讲解耐心细致，一次就办成了', '2026-11-05T15:10:00');
  const overdue = await plantCase('YC-MZ-0102', clerkB, T('2026-11-02T09:30:00'), [
    accept('2026-11-02T10:30:00'),
  ]);
  const sw = await plantCase('YC-SW-0202', clerkSw, T('2026-11-09T09:00:00'), [
    accept('2026-11-09T10:00:00'),
    approve('2026-11-10T10:00:00'),
  ]);
  const rs = await plantCase('YC-RS-0301', clerkRs, T('2026-11-09T09:00:00'), [
    accept('2026-11-09T10:00:00'),
    approve('2026-11-11T10:00:00'),
    deliver('2026-11-11T15:00:00'),
  ]);
  await rate(rs, 2, '等候时间太长', '2026-11-11T15:10:00');
  const sj = await plantCase('YC-SJ-0201', clerkSj, T('2026-11-16T09:00:00'), [
    accept('2026-11-16T10:00:00'),
    approve('2026-11-17T10:00:00'),
  ]);

  const complaintCtx = { clocks: centreClocks(), windowsOf: () => ['sj-01'] };
  const registered = registerComplaint(
    {
      complaintNo: 'TS0001-20261118-0001',
      centre: centreConfig.code,
      channel: 'phone',
      category: 'attitude',
      facts: '办理食品经营许可时工作人员态度生硬。',
      complainant: { realName: false },
      respondent: { department: 'sj', window: 'sj-01', caseNo: sj.caseNo },
      receivedBy: { username: 'supervisor', role: 'supervisor' },
    },
    T('2026-11-18T09:00:00'),
    complaintCtx,
  );
  const assigned = decideComplaint(
    registered,
    { type: 'assign', department: 'sj', window: 'sj-01', complexity: 'simple', told: '已转市场监管窗口核查' },
    { username: 'supervisor', roles: ['supervisor'] },
    T('2026-11-18T10:00:00'),
    complaintCtx,
  ).state;
  await insertComplaint(
    table,
    { state: assigned, complainantSealed: 'not-used', queryCodeSalt: 'not-used', queryCodeHash: 'not-used' },
    T('2026-11-18T10:00:00'),
  );

  const issuedAt = T('2026-11-30T17:30:00');
  const answerClock = genericClock({
    start: issuedAt,
    workdays: 5,
    label: '督办回复（红牌）',
    suspendable: false,
  });
  const card: CardRecord = {
    id: `case:${overdue.caseNo}:statutory:red:${issuedAt}`,
    level: 'red',
    subject: { kind: 'case', id: overdue.caseNo, title: `办件超期：${overdue.item.name}` },
    clock: 'statutory',
    department: 'mz',
    window: 'mz-01',
    issuedAt,
    answerClock,
    answerDueAt: null,
  };
  await recordCard(table, card, issuedAt, centreClocks());
  // Every source above was written pending for the kept figures: counted as the figures job's catch-up counts them.
  await projectPending(
    {
      client: dynamoDocumentClient(),
      tableName: table,
      centre: centreConfig.code,
      ctx: centreClocks(),
      settings: figureSettings(),
    },
    0,
  );
  return {
    early: { clerk: early.caseNo, clerkSw: sw.caseNo, clerkRs: rs.caseNo, clerkSj: sj.caseNo },
    overdue: overdue.caseNo,
    complaintNo: assigned.complaintNo,
    cardId: card.id,
  };
}

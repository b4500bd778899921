/**
 * The month's events from hand-built records through the domain's own rules: cases (the figures'
 * overdue and early), complaints (valid after triage, held against a clerk only when the system
 * knows who), ratings (bad, late rectification, commendations, an upheld appeal), cards. November
 * 2026 has no holidays.
 */
import { describe, expect, it } from 'vitest';
import {
  cardEvents,
  caseEvents,
  complaintEvents,
  ratingEvents,
} from '../../../functions/domain/appraisal/events.ts';
import type { CaseState } from '../../../functions/domain/cases/types.ts';
import {
  type ComplaintContext,
  type ComplaintState,
  decideComplaint,
  registerComplaint,
} from '../../../functions/domain/complaints/index.ts';
import {
  cardOwner,
  caseFacts,
  defaultFigureSettings,
  overdueInPeriod,
  overdueSubjectOf,
  type Period,
  parsePeriod,
  periodBounds,
} from '../../../functions/domain/figures/index.ts';
import { decideStep, recordRating } from '../../../functions/domain/ratings/decide.ts';
import type { CardRecord } from '../../../functions/domain/supervision/index.ts';
import {
  actors,
  clocks,
  commands,
  handled,
  received,
  receivedAtGeneralWindow,
  T,
} from '../figures/fixtures.ts';
import { invitation } from '../ratings/fixtures.ts';

const november = parsePeriod('2026-11') as Period;
const day = (d: string) => T(`${d}:00`);
const endOfNovember = new Date(day('2026-12-01T00:00'));

function monthEvents(states: CaseState[], now = endOfNovember) {
  const facts = states.map((state) => caseFacts(state, clocks, defaultFigureSettings));
  const overdue = states.flatMap((state) => {
    const subject = overdueSubjectOf(state);
    const found = subject && overdueInPeriod(subject, periodBounds(november), now.getTime(), clocks);
    return found ? [found] : [];
  });
  return caseEvents(facts, overdue, november);
}

describe('events of cases', () => {
  // Promised 10, statutory 20 working days from acceptance on 2 November.
  const early = handled(
    received(day('2026-11-02T09:00')),
    [commands.accept(), day('2026-11-02T10:00')],
    [commands.approve(), day('2026-11-05T10:00')],
  );
  const onTheDueDay = handled(
    received(day('2026-11-02T09:00')),
    [commands.accept(), day('2026-11-02T10:00')],
    [commands.approve(), day('2026-11-16T10:00')],
  );
  const overdueOpen = handled(received(day('2026-11-02T09:00'), { clerk: actors.clerkB }), [
    commands.accept(),
    day('2026-11-02T10:00'),
    actors.clerkB,
  ]);

  it('holds an overdue case against its window and handler, and credits an early decision', () => {
    const { events, decisions } = monthEvents([early, onTheDueDay, overdueOpen]);
    expect(events.map((event) => [event.kind, event.ref.id, event.window, event.clerk])).toEqual([
      ['overdue', overdueOpen.caseNo, 'mz-01', 'clerk-b'],
      ['early', early.caseNo, 'mz-01', 'clerk'],
    ]);
    expect(events[0]?.text).toContain('月末仍未办结');
    expect(events[0]?.text).toMatch(
      /超过法定时限（法定期限 2026-11-30，超出不足 1 个工作日，月末仍未办结）$/,
    );
    // Both decisions count as work, the one on the due day too (on time, not early).
    expect(decisions.map((decision) => decision.caseNo).sort()).toEqual(
      [early.caseNo, onTheDueDay.caseNo].sort(),
    );
  });

  it('leaves out a decision of another month', () => {
    const october = handled(
      received(day('2026-10-12T09:00')),
      [commands.accept(), day('2026-10-12T10:00')],
      [commands.approve(), day('2026-10-13T10:00')],
    );
    expect(monthEvents([october])).toEqual({ events: [], decisions: [], takenIn: [] });
  });

  it('counts a case taken in at a general window as that window’s and its clerk’s work, its decision as the department’s', () => {
    const single = handled(
      receivedAtGeneralWindow(day('2026-11-02T09:00')),
      [commands.accept(), day('2026-11-02T10:00')],
      [commands.approve(), day('2026-11-05T10:00')],
    );
    const part = handled(
      receivedAtGeneralWindow(day('2026-11-30T16:00'), { bundleNo: 'YJYC0001-20261130-0001' }),
    );
    const own = handled(received(day('2026-11-03T09:00')));
    const { decisions, takenIn } = monthEvents([single, part, own]);
    expect(takenIn.map((work) => [work.caseNo, work.department, work.window, work.clerk])).toEqual([
      [single.caseNo, 'zh', 'zh-01', 'clerk-zh'],
      [part.caseNo, 'zh', 'zh-01', 'clerk-zh'],
    ]);
    expect(decisions.map((work) => [work.caseNo, work.window, work.clerk])).toEqual([
      [single.caseNo, 'mz-01', 'clerk'],
    ]);
    // Taken in in October: not November's work.
    const october = receivedAtGeneralWindow(day('2026-10-30T09:00'));
    expect(monthEvents([october]).takenIn).toEqual([]);
  });
});

const complaintCtx: ComplaintContext = {
  clocks,
  windowsOf: (department) => (department === 'mz' ? ['mz-01', 'mz-02'] : undefined),
};
const supervisor = { username: 'supervisor', roles: ['supervisor' as const] };

function complaint(
  no: string,
  respondent: ComplaintState['respondent'],
  outcome: 'assign' | 'invalidate' | 'none',
  at = day('2026-11-10T09:00'),
): ComplaintState {
  const registered = registerComplaint(
    {
      complaintNo: no,
      centre: 'YC0001',
      channel: 'web',
      category: 'attitude',
      facts: '态度生硬。',
      complainant: { realName: false },
      respondent,
    },
    at,
    complaintCtx,
  );
  if (outcome === 'none') return registered;
  const command =
    outcome === 'assign'
      ? {
          type: 'assign' as const,
          department: 'mz',
          window: 'mz-01',
          complexity: 'simple' as const,
          told: '已分办',
        }
      : { type: 'invalidate' as const, reason: 'unverifiable' as const, told: '无法核实' };
  return decideComplaint(registered, command, supervisor, day('2026-11-10T11:00'), complaintCtx).state;
}

describe('events of complaints', () => {
  const handlers = new Map([
    ['YC0001-20261102-0007', { handler: 'clerk-b', window: 'mz-01', department: 'mz' }],
  ]);

  it('counts a complaint triage found valid, against the assigned window', () => {
    const events = complaintEvents(
      [
        complaint('TS-1', { department: 'mz', clerk: '3 号窗口的男同志' }, 'assign'),
        complaint('TS-2', { department: 'mz' }, 'invalidate'),
        complaint('TS-3', { department: 'mz' }, 'none'),
        complaint('TS-4', { department: 'mz' }, 'assign', day('2026-10-30T09:00')),
      ],
      november,
      handlers,
    );
    // A typed description of the clerk is not a username: the window answers for it.
    expect(events.map((event) => [event.kind, event.ref.id, event.window, event.clerk])).toEqual([
      ['validComplaint', 'TS-1', 'mz-01', null],
    ]);
    expect(events[0]?.text).toContain('经分办为有效投诉');
  });

  it('holds it against the handler of the case it names, and the clerk a bad rating’s complaint names', () => {
    const naming = complaint('TS-5', { department: 'mz', caseNo: 'YC0001-20261102-0007' }, 'assign');
    const fromRating = {
      ...complaint('TS-6', { department: 'mz', window: 'mz-01', clerk: 'clerk' }, 'assign'),
      fromRating: { caseNo: 'YC0001-20261102-0008', overall: 1, ratedAt: day('2026-11-10T09:00') },
    };
    expect(complaintEvents([naming, fromRating], november, handlers).map((event) => event.clerk)).toEqual([
      'clerk-b',
      'clerk',
    ]);
  });
});

describe('events of ratings', () => {
  const rated = (overall: 1 | 2 | 3 | 4 | 5, comment?: string, caseNo = 'YC0001-20261102-0001') =>
    recordRating(
      invitation({ caseNo }),
      { overall, ...(comment ? { comment } : {}) },
      day('2026-11-02T11:00'),
    ).state;
  const clerkActor = { username: 'clerk', roles: ['clerk' as const], department: 'mz', window: 'mz-01' };

  it('counts a bad rating, and its call-back once late', () => {
    const bad = rated(2, '等太久', 'YC0001-20261102-0002');
    // The call-back has one working day: read the next morning it is not late yet.
    expect(
      ratingEvents([bad], november, new Date(day('2026-11-03T09:00')), clocks).map((e) => e.kind),
    ).toEqual(['badRating']);
    const late = ratingEvents([bad], november, new Date(day('2026-11-05T09:00')), clocks);
    expect(late.map((event) => [event.kind, event.clerk])).toEqual([
      ['badRating', 'clerk'],
      ['badRatingLate', 'clerk'],
    ]);
    expect(late[1]?.text).toContain('回访核实超过期限');
    // Called back in time: no late line, however late it is read.
    const calledBack = decideStep(
      bad,
      { type: 'callBack', reached: true, verified: '已核实' },
      clerkActor,
      day('2026-11-02T15:00'),
      { assigneeAway: false },
    ).state;
    expect(ratingEvents([calledBack], november, endOfNovember, clocks).map((e) => e.kind)).toEqual([
      'badRating',
    ]);
  });

  it('counts a 非常满意 with a comment as a commendation, its words masked', () => {
    const events = ratingEvents(
      [
        rated(5, '王窗口耐心细致，电话 13812345678 随时能打通'),
        rated(5, undefined, 'YC0001-20261102-0003'),
        rated(4, '好'),
      ],
      november,
      endOfNovember,
      clocks,
    );
    expect(events.map((event) => [event.kind, event.quote])).toEqual([
      ['commendation', '王窗口耐心细致，电话 138****5678 随时能打通'],
    ]);
  });

  it('leaves out a bad rating whose appeal was upheld, and a visit of another month', () => {
    const excluded = { ...rated(1), excluded: { reason: '恶意差评', at: day('2026-11-05T10:00') } };
    const october = recordRating(
      invitation({ deliveredAt: day('2026-10-30T10:00') }),
      { overall: 1 },
      day('2026-10-30T11:00'),
    ).state;
    expect(ratingEvents([excluded, october], november, endOfNovember, clocks)).toEqual([]);
  });
});

describe('events of cards', () => {
  const card = (
    id: string,
    level: 'yellow' | 'red',
    subject: CardRecord['subject'],
    issuedAt: string,
    window?: string,
  ) =>
    ({
      id,
      level,
      subject,
      clock: 'promised',
      department: 'mz',
      ...(window ? { window } : {}),
      issuedAt,
      answerClock: {} as CardRecord['answerClock'],
      answerDueAt: null,
    }) satisfies CardRecord;

  it('holds a card against its window and the clerk of its subject', () => {
    const events = cardEvents(
      [
        card(
          'c1',
          'red',
          { kind: 'case', id: 'YC0001-20261102-0007', title: '办件' },
          day('2026-11-20T17:30'),
        ),
        card(
          'c2',
          'yellow',
          { kind: 'rating', id: 'YC0001-20261102-0008', title: '差评整改' },
          day('2026-11-21T09:00'),
          'mz-02',
        ),
        card(
          'c3',
          'yellow',
          { kind: 'complaint', id: 'TS-1', title: '投诉' },
          day('2026-11-22T09:00'),
          'mz-01',
        ),
        card(
          'c4',
          'red',
          { kind: 'case', id: 'YC0001-20261102-0007', title: '办件' },
          day('2026-12-01T09:00'),
        ),
      ],
      november,
      {
        cases: new Map([['YC0001-20261102-0007', { handler: 'clerk-b', window: 'mz-01', department: 'mz' }]]),
        ratings: new Map([['YC0001-20261102-0008', 'clerk']]),
      },
    );
    expect(events.map((event) => [event.kind, event.ref.id, event.window, event.clerk])).toEqual([
      ['redCard', 'c1', 'mz-01', 'clerk-b'],
      ['yellowCard', 'c2', 'mz-02', 'clerk'],
      ['yellowCard', 'c3', 'mz-01', null],
    ]);
  });

  it('holds a card that names its clerk against that clerk, as the figures count it, whoever handles the case now', () => {
    const named = {
      ...card(
        'c5',
        'yellow',
        { kind: 'case', id: 'YC0001-20261102-0007', title: '办件' },
        day('2026-11-20T17:30'),
        'mz-01',
      ),
      handler: 'clerk',
    } satisfies CardRecord;
    const [event] = cardEvents([named], november, {
      cases: new Map([['YC0001-20261102-0007', { handler: 'clerk-b', window: 'mz-01', department: 'mz' }]]),
      ratings: new Map(),
    });
    expect([event?.window, event?.clerk]).toEqual([cardOwner(named).window, cardOwner(named).handler]);
    expect(event?.clerk).toBe('clerk');
  });
});

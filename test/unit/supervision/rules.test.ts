import { describe, expect, it } from 'vitest';
import { startClock } from '../../../functions/domain/clocks/clock.ts';
import {
  answerCard,
  buildEvents,
  CardAnswerError,
  cardFor,
  cardSubject,
  escalationRecipients,
  eventType,
  inboxAddress,
  inboxAddressesOf,
  levelChanges,
  planSubject,
  type Subject,
  subjectNextCheckAt,
} from '../../../functions/domain/supervision/index.ts';
import { actors, clocks } from '../cases/fixtures.ts';

const clock = startClock({
  kind: 'generic',
  label: '承诺时限',
  start: '2026-11-02T10:00:00+08:00',
  budget: 10,
});
const subject: Subject = {
  kind: 'case',
  id: 'YC0001-20261102-0001',
  title: '社会团体变更登记',
  department: 'mz',
  window: 'mz-01',
  handler: 'clerk',
  caseNo: 'YC0001-20261102-0001',
  clocks: [['promised', clock]],
};

describe('level transitions', () => {
  it('announces each new level once, at the thresholds the clock engine computes', () => {
    expect(levelChanges(subject, {}, '2026-11-12T23:59:00+08:00', clocks)).toEqual([]);
    const remind = planSubject(subject, {}, '2026-11-13T00:00:00+08:00', clocks);
    expect(remind.events.map((e) => e.type)).toEqual(['CaseReminded']);
    expect(remind.recorded).toEqual({ promised: { level: 'remind', since: '2026-11-13T00:00:00+08:00' } });
    // The same instant again, or later before yellow: nothing new.
    expect(planSubject(subject, remind.recorded, '2026-11-13T15:00:00+08:00', clocks).changes).toEqual([]);
    const red = planSubject(subject, remind.recorded, '2026-11-17T09:00:00+08:00', clocks);
    expect(red.events.map((e) => [e.type, e.previousLevel, e.occurredAt])).toEqual([
      ['CaseRedCard', 'remind', '2026-11-16T17:30:00+08:00'],
    ]);
    expect(red.events[0]?.eventId).toBe('case:YC0001-20261102-0001:promised:red:2026-11-16T17:30:00+08:00');
    expect(subjectNextCheckAt(subject, '2026-11-13T00:00:00+08:00', clocks)).toBe(
      '2026-11-16T00:00:00+08:00',
    );
    expect(subjectNextCheckAt(subject, '2026-11-17T09:00:00+08:00', clocks)).toBe(
      '9999-12-31T23:59:59+08:00',
    );
  });

  it('records a lower level without announcing it, and announces a new crossing of a moved threshold', () => {
    const recorded = { promised: { level: 'red' as const, since: '2026-11-16T17:30:00+08:00' } };
    const lowered = levelChanges(subject, recorded, '2026-11-05T09:00:00+08:00', clocks);
    expect(lowered).toEqual([expect.objectContaining({ from: 'red', to: 'normal', announce: false })]);
    const moved = levelChanges(
      subject,
      { promised: { level: 'yellow', since: '2026-11-01T00:00:00+08:00' } },
      '2026-11-16T09:00:00+08:00',
      clocks,
    );
    expect(moved).toEqual([expect.objectContaining({ from: 'yellow', to: 'yellow', announce: true })]);
  });
});

describe('escalation targets (domain.md §6)', () => {
  it('remind and yellow: the handler and the chief; red: also the leader and the supervision office', () => {
    expect(escalationRecipients('remind', subject).map(inboxAddress)).toEqual(['user#clerk', 'chief#mz']);
    expect(escalationRecipients('yellow', subject).map(inboxAddress)).toEqual(['user#clerk', 'chief#mz']);
    expect(escalationRecipients('red', subject).map(inboxAddress)).toEqual([
      'user#clerk',
      'chief#mz',
      'leader#mz',
      'supervisor',
    ]);
    expect(escalationRecipients('remind', { ...subject, handler: null }).map(inboxAddress)).toEqual([
      'window#mz-01',
      'chief#mz',
    ]);
  });

  it('each reader reads their own inbox and their role’s', () => {
    expect(inboxAddressesOf(actors.clerk)).toEqual(['user#clerk', 'window#mz-01']);
    expect(inboxAddressesOf(actors.chief)).toEqual(['user#chief', 'chief#mz']);
    expect(inboxAddressesOf(actors.leader)).toEqual(['user#leader', 'leader#mz']);
    expect(inboxAddressesOf(actors.supervisor)).toEqual([
      'user#supervisor',
      'supervisor',
      'chief#supervision',
      'leader#supervision',
    ]);
  });
});

describe('cards and events', () => {
  it('records a card for yellow and red with a 5-working-day answer clock, none for remind', () => {
    const [yellow] = buildEvents(
      subject,
      levelChanges(subject, {}, '2026-11-16T09:00:00+08:00', clocks),
      '2026-11-16T09:00:00+08:00',
      clocks,
    );
    expect(yellow?.type).toBe('CaseYellowCard');
    const card = cardFor(yellow as NonNullable<typeof yellow>, clocks);
    expect(card?.answerClock.budget).toBe(5);
    expect(card?.answerDueAt).toBe('2026-11-23T17:30:00+08:00');
    expect(yellow?.card).toEqual({ id: yellow?.eventId, answerDueAt: '2026-11-23T17:30:00+08:00' });
    const [remind] = buildEvents(
      subject,
      levelChanges(subject, {}, '2026-11-13T09:00:00+08:00', clocks),
      '2026-11-13T09:00:00+08:00',
      clocks,
    );
    expect(remind?.card).toBeUndefined();
  });

  it('names events by subject and level', () => {
    expect(eventType('case', 'remind')).toBe('CaseReminded');
    expect(eventType('complaint', 'yellow')).toBe('ComplaintYellowCard');
    expect(eventType('rating', 'red')).toBe('RatingRedCard');
    expect(eventType('card', 'red')).toBe('CardAnswerRedCard');
  });
});

describe('answering a card (督办回复)', () => {
  const [yellow] = buildEvents(
    subject,
    levelChanges(subject, {}, '2026-11-16T09:00:00+08:00', clocks),
    '2026-11-16T09:00:00+08:00',
    clocks,
  );
  const card = cardFor(yellow as NonNullable<typeof yellow>, clocks);
  if (!card) throw new Error('a yellow level records a card');
  const chief = { username: 'chief', roles: ['chief'], department: 'mz' };
  const refusal = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      if (error instanceof CardAnswerError) return error.code;
      throw error;
    }
    return 'accepted';
  };

  it('is the department’s: its chief or leader answers, nobody else', () => {
    const at = '2026-11-18T10:00:00+08:00';
    expect(refusal(() => answerCard(card, '已整改', { ...chief, department: 'sw' }, at))).toBe(
      'not-permitted',
    );
    expect(
      refusal(() => answerCard(card, '已整改', { username: 'c', roles: ['clerk'], department: 'mz' }, at)),
    ).toBe('not-permitted');
    expect(refusal(() => answerCard(card, '已整改', { username: 's', roles: ['supervisor'] }, at))).toBe(
      'not-permitted',
    );
    expect(
      refusal(() => answerCard(card, '已整改', { username: 'l', roles: ['leader'], department: 'mz' }, at)),
    ).toBe('accepted');
  });

  it('takes one answer with text, stops the answer clock and leaves the sweep', () => {
    expect(cardSubject(card).clocks).toHaveLength(1);
    expect(refusal(() => answerCard(card, '  ', chief, '2026-11-18T10:00:00+08:00'))).toBe('answer-required');
    const answered = answerCard(card, ' 已约谈经办人 ', chief, '2026-11-18T10:00:00+08:00');
    expect(answered).toMatchObject({
      answer: '已约谈经办人',
      answeredBy: 'chief',
      answeredAt: '2026-11-18T10:00:00+08:00',
    });
    expect(answered.answerClock.stoppedAt).toBe('2026-11-18T10:00:00+08:00');
    expect(cardSubject(answered).clocks).toEqual([]);
    expect(refusal(() => answerCard(answered, '再答', chief, '2026-11-19T10:00:00+08:00'))).toBe(
      'already-answered',
    );
  });

  it('stops the clock where it began when the answer is dated before the card (a sweep run ahead)', () => {
    const early = answerCard(card, '已整改', chief, '2026-11-01T10:00:00+08:00');
    expect(early.answerClock.stoppedAt).toBe(card.issuedAt);
    expect(early.answeredAt).toBe('2026-11-01T10:00:00+08:00');
  });
});

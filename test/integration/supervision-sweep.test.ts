/**
 * The supervision sweep against the real DynamoDB API (dynalite), with a fake clock: cases are
 * stored as the case store stores them at chosen instants, and the sweep runs at chosen instants.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalendar } from '../../functions/domain/calendar/calendar.ts';
import { decide } from '../../functions/domain/cases/index.ts';
import type { CaseState } from '../../functions/domain/cases/types.ts';
import { clockContext } from '../../functions/domain/clocks/clock.ts';
import { evaluate } from '../../functions/domain/clocks/evaluate.ts';
import { inboxAddressesOf } from '../../functions/domain/supervision/index.ts';
import { recomputeDeadlines } from '../../functions/jobs/recompute-deadlines.ts';
import { readInboxes } from '../../functions/store/supervision/supervision.ts';
import { actors, clocks, commands, ctx, intake, run, T } from '../unit/cases/fixtures.ts';
import {
  busEvents,
  caseItem,
  createCase,
  type Harness,
  scanAll,
  startHarness,
  sweepAt,
  updateCase,
} from '../unit/supervision/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

/** Accepted 2026-11-02 10:00 (Monday), transferred to review 11:00: promised 10, statutory 20 days. */
function reviewed(caseNo: string): CaseState {
  return run({ ...intake(), caseNo }, [[commands.accept()], [commands.transfer('审查')]]);
}
const reviewedAt = T('2026-11-02T11:00:00');

function thresholds(state: CaseState, clock: 'promised' | 'statutory') {
  const status = evaluate(
    state.clocks[clock] as NonNullable<CaseState['clocks']['promised']>,
    reviewedAt,
    clocks,
  );
  return {
    remind: status.remindFrom as string,
    yellow: status.yellowFrom as string,
    red: status.redFrom as string,
  };
}

const plus = (instant: string, ms: number) => new Date(Date.parse(instant) + ms).toISOString();
const minute = 60_000;

describe('levels change at the configured thresholds', () => {
  it('announces remind, yellow and red for the promised clock once each, with cards and inboxes', async () => {
    const tableName = await h.newTable();
    const state = reviewed('YC0001-20261102-0101');
    await createCase(tableName, state, reviewedAt, clocks);
    const t = thresholds(state, 'promised');
    // The defaults (remind 1 working day before, yellow on the due day, red after close of business).
    expect(t).toEqual({
      remind: '2026-11-13T00:00:00+08:00',
      yellow: '2026-11-16T00:00:00+08:00',
      red: '2026-11-16T17:30:00+08:00',
    });

    const promised = async () =>
      (await busEvents(h, tableName)).filter((event) => event.clock.name === 'promised').map((e) => e.type);

    await sweepAt(h, tableName, clocks, plus(t.remind, -minute));
    expect(await promised()).toEqual([]);
    const atRemind = await sweepAt(h, tableName, clocks, t.remind);
    expect(atRemind.changedByType.CaseReminded).toBeGreaterThanOrEqual(1);
    expect(await promised()).toEqual(['CaseReminded']);
    // Nothing can change before the next threshold: the case is not even read.
    const between = await sweepAt(h, tableName, clocks, plus(t.yellow, -minute));
    expect(between.examined).toBe(0);
    await sweepAt(h, tableName, clocks, t.yellow);
    await sweepAt(h, tableName, clocks, plus(t.red, 1000));
    expect((await promised()).sort()).toEqual(['CaseRedCard', 'CaseReminded', 'CaseYellowCard']);

    const item = await caseItem(h, tableName, state.caseNo);
    expect((item.recordedLevels as Record<string, { level: string }>).promised?.level).toBe('red');
    expect(item.outbox).toBeUndefined();
    expect(item.version).toBe(state.version);

    const red = (await busEvents(h, tableName)).find(
      (e) => e.type === 'CaseRedCard' && e.clock.name === 'promised',
    );
    expect(red?.eventId).toBe(`case:${state.caseNo}:promised:red:${t.red}`);
    expect(red?.recipients).toEqual([
      { kind: 'user', username: 'clerk' },
      { kind: 'role', role: 'chief', department: 'mz' },
      { kind: 'role', role: 'leader', department: 'mz' },
      { kind: 'role', role: 'supervisor' },
    ]);
    expect(red?.card?.id).toBe(red?.eventId);

    // A card per yellow and red, each with a running answer clock of 5 working days.
    const cards = (await scanAll(h, tableName)).filter((i) => i.type === 'card');
    const promisedCards = cards.filter((c) => (c.data as { clock: string }).clock === 'promised');
    expect(promisedCards.map((c) => (c.data as { level: string }).level).sort()).toEqual(['red', 'yellow']);
    const redCard = promisedCards.find((c) => (c.data as { level: string }).level === 'red');
    expect((redCard?.data as { answerDueAt?: string } | undefined)?.answerDueAt).toBe(
      '2026-11-23T17:30:00+08:00',
    );
    expect(redCard?.nextCheckAt).toBeDefined();

    // Inboxes: the clerk sees all three; the leader and the supervision office only the red one.
    const inbox = async (actor: (typeof actors)[keyof typeof actors]) =>
      (await readInboxes(tableName, inboxAddressesOf(actor), 100))
        .filter((entry) => entry.clock.name === 'promised' && entry.subject.kind === 'case')
        .map((entry) => entry.type)
        .sort();
    expect(await inbox(actors.clerk)).toEqual(['CaseRedCard', 'CaseReminded', 'CaseYellowCard']);
    expect(await inbox(actors.chief)).toEqual(['CaseRedCard', 'CaseReminded', 'CaseYellowCard']);
    expect(await inbox(actors.leader)).toEqual(['CaseRedCard']);
    expect(await inbox(actors.supervisor)).toEqual(['CaseRedCard']);
    expect(await inbox(actors.clerkSw)).toEqual([]);

    // The card's answer clock escalates too when the department does not answer.
    await sweepAt(h, tableName, clocks, '2026-11-24T09:00:00+08:00');
    const cardEvents = (await busEvents(h, tableName)).filter((e) => e.subject.kind === 'card');
    expect(cardEvents.map((e) => e.type)).toContain('CardAnswerRedCard');
  });

  it('jumps straight to the current level when sweeps were missed, announcing only it', async () => {
    const tableName = await h.newTable();
    const state = reviewed('YC0001-20261102-0102');
    await createCase(tableName, state, reviewedAt, clocks);
    const t = thresholds(state, 'promised');
    await sweepAt(h, tableName, clocks, plus(t.red, minute));
    const promised = (await busEvents(h, tableName)).filter((e) => e.clock.name === 'promised');
    expect(promised.map((e) => [e.type, e.previousLevel])).toEqual([['CaseRedCard', 'normal']]);
  });
});

describe('commands between a crossing and the next sweep', () => {
  it('a command written after a threshold passed does not skip that threshold', async () => {
    const tableName = await h.newTable();
    let state = reviewed('YC0001-20261102-0103');
    await createCase(tableName, state, reviewedAt, clocks);
    const t = thresholds(state, 'promised');
    // The remind threshold passes; a clerk flags the case before the sweep comes round.
    const commandAt = plus(t.remind, minute);
    state = decide(state, commands.flagPriority(), actors.clerk, commandAt, ctx).state;
    await updateCase(tableName, state, commandAt, clocks);
    await sweepAt(h, tableName, clocks, plus(t.remind, 5 * minute));
    const promised = (await busEvents(h, tableName)).filter((e) => e.clock.name === 'promised');
    expect(promised.map((e) => e.type)).toEqual(['CaseReminded']);
  });
});

describe('suspension, extension, close', () => {
  it('a suspension holds the level: nothing is announced while suspended', async () => {
    const tableName = await h.newTable();
    let state = reviewed('YC0001-20261102-0201');
    await createCase(tableName, state, reviewedAt, clocks);
    const t = thresholds(state, 'promised');
    await sweepAt(h, tableName, clocks, t.remind);
    const suspendAt = plus(t.remind, 2 * 3600_000);
    state = decide(state, commands.suspend(), actors.clerk, suspendAt, ctx).state;
    await updateCase(tableName, state, suspendAt, clocks);
    // (The step clock was already red at the remind sweep: its card's answer clock still runs.)
    const caseEvents = async () => (await busEvents(h, tableName)).filter((e) => e.subject.kind === 'case');
    const before = await caseEvents();
    // A command leaves the case due (saveCase), so the first sweep after it reads the case once and
    // moves its next check past the suspension; after that no sweep writes to it.
    await sweepAt(h, tableName, clocks, t.yellow);
    const rev = (await caseItem(h, tableName, state.caseNo)).supervisionRev;
    for (const at of [plus(t.red, minute), '2026-12-20T10:00:00+08:00']) {
      await sweepAt(h, tableName, clocks, at);
    }
    expect(await caseEvents()).toEqual(before);
    const item = await caseItem(h, tableName, state.caseNo);
    expect((item.recordedLevels as Record<string, { level: string }>).promised?.level).toBe('remind');
    expect(item.nextCheckAt).toBe('9999-12-31T23:59:59+08:00');
    expect(item.supervisionRev).toBe(rev);

    // Resumed: the clock runs on from where it stood, and yellow comes later than it would have.
    const resumeAt = '2026-11-20T10:00:00+08:00';
    state = decide(state, commands.resume(), actors.clerk, resumeAt, ctx).state;
    await updateCase(tableName, state, resumeAt, clocks);
    const resumed = evaluate(
      state.clocks.promised as NonNullable<CaseState['clocks']['promised']>,
      resumeAt,
      clocks,
    );
    expect(Date.parse(resumed.yellowFrom as string)).toBeGreaterThan(Date.parse(t.yellow));
    await sweepAt(h, tableName, clocks, resumed.yellowFrom as string);
    const yellow = (await busEvents(h, tableName)).filter(
      (e) => e.type === 'CaseYellowCard' && e.clock.name === 'promised',
    );
    expect(yellow.map((e) => e.occurredAt)).toEqual([resumed.yellowFrom]);
  });

  it('an extension lowers the level: the old yellow never comes, a new crossing is announced anew', async () => {
    const tableName = await h.newTable();
    let state = reviewed('YC0001-20261102-0301');
    await createCase(tableName, state, reviewedAt, clocks);
    const t = thresholds(state, 'statutory');
    await sweepAt(h, tableName, clocks, t.remind);
    const statutory = async () => (await busEvents(h, tableName)).filter((e) => e.clock.name === 'statutory');
    expect((await statutory()).map((e) => e.type)).toEqual(['CaseReminded']);
    expect((await caseItem(h, tableName, state.caseNo)).warningLevel).toBe('red'); // promised ran out long ago

    const extendAt = plus(t.remind, 3600_000);
    state = decide(state, commands.extend(10), actors.chief, extendAt, ctx).state;
    await updateCase(tableName, state, extendAt, clocks);
    const after = evaluate(
      state.clocks.statutory as NonNullable<CaseState['clocks']['statutory']>,
      extendAt,
      clocks,
    );
    expect(after.level).toBe('normal');
    // The old yellow instant passes without an announcement.
    await sweepAt(h, tableName, clocks, plus(t.yellow, minute));
    expect((await statutory()).map((e) => e.type)).toEqual(['CaseReminded']);
    // The new remind threshold is a new crossing: announced again, under a new id.
    await sweepAt(h, tableName, clocks, after.remindFrom as string);
    const events = await statutory();
    expect(events.map((e) => e.type)).toEqual(['CaseReminded', 'CaseReminded']);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(2);
    const item = await caseItem(h, tableName, state.caseNo);
    expect((item.recordedLevels as Record<string, { since: string }>).statutory?.since).toBe(
      after.remindFrom,
    );
  });

  it('closing stops it: a closed case leaves the index and is never read again', async () => {
    const tableName = await h.newTable();
    let state = reviewed('YC0001-20261102-0401');
    await createCase(tableName, state, reviewedAt, clocks);
    const t = thresholds(state, 'promised');
    await sweepAt(h, tableName, clocks, t.remind);
    let at = Date.parse(t.remind);
    for (const [command, actor] of [
      [commands.approve(), actors.clerk],
      [commands.deliver(), actors.clerk],
      [commands.close(), actors.chief],
    ] as const) {
      at += 3600_000;
      state = decide(state, command, actor, new Date(at), ctx).state;
      await updateCase(tableName, state, new Date(at).toISOString(), clocks);
    }
    expect(state.status).toBe('closed');
    const item = await caseItem(h, tableName, state.caseNo);
    expect(item.clockShard).toBeUndefined();
    const caseEvents = async () => (await busEvents(h, tableName)).filter((e) => e.subject.kind === 'case');
    const count = (await caseEvents()).length;
    // Only the step clock's card (its answer clock) is still watched; the case is not.
    const later = await sweepAt(h, tableName, clocks, '2027-03-01T10:00:00+08:00');
    expect(later.examined).toBeLessThanOrEqual(1);
    expect(await caseEvents()).toHaveLength(count);
    expect((await caseItem(h, tableName, state.caseNo)).supervisionRev).toBe(item.supervisionRev);
  });
});

describe('announced once', () => {
  async function seeded(caseNos: string[]) {
    const tableName = await h.newTable();
    for (const caseNo of caseNos) await createCase(tableName, reviewed(caseNo), reviewedAt, clocks);
    return tableName;
  }
  const at = '2026-11-16T09:00:00+08:00';

  it('running the same sweep twice publishes each event once', async () => {
    const tableName = await seeded(['YC0001-20261102-0501', 'YC0001-20261102-0502']);
    const first = await sweepAt(h, tableName, clocks, at);
    const second = await sweepAt(h, tableName, clocks, at);
    expect(first.published).toBeGreaterThan(0);
    expect(first.published).toBe((await busEvents(h, tableName)).length);
    expect(second).toMatchObject({ examined: 0, changed: 0, published: 0, duplicates: 0 });
  });

  it('two sweeps at once publish each event once', async () => {
    const caseNos = Array.from({ length: 12 }, (_, i) => `YC0001-20261102-06${String(i).padStart(2, '0')}`);
    const tableName = await seeded(caseNos);
    const reference = await seeded(caseNos);
    await sweepAt(h, reference, clocks, at);
    const expected = (await busEvents(h, reference)).map((e) => e.eventId);

    const runs = await Promise.all([
      sweepAt(h, tableName, clocks, at, { runId: 'a', pageSize: 3 }),
      sweepAt(h, tableName, clocks, at, { runId: 'b', pageSize: 3 }),
      sweepAt(h, tableName, clocks, at, { runId: 'c', pageSize: 5 }),
    ]);
    const events = await busEvents(h, tableName);
    expect(events.map((e) => e.eventId)).toEqual(expected);
    expect(runs.reduce((sum, r) => sum + r.published, 0)).toBe(expected.length);
    expect(runs.reduce((sum, r) => sum + r.duplicates, 0)).toBe(0);
    const leftover = (await scanAll(h, tableName)).filter((item) => item.outbox !== undefined);
    expect(leftover).toEqual([]);
  });
});

describe('large backlogs', () => {
  it('pages through what is due, stops before its time limit and leaves the rest for the next run', async () => {
    const tableName = await h.newTable();
    const caseNos = Array.from({ length: 40 }, (_, i) => `YC0001-20261102-07${String(i).padStart(2, '0')}`);
    for (const caseNo of caseNos) await createCase(tableName, reviewed(caseNo), reviewedAt, clocks);
    const at = '2026-11-13T09:00:00+08:00';
    const summaries = [];
    for (let i = 0; i < 20; i += 1) {
      let budget = 9; // ~9 items per run, then "out of time"
      const summary = await sweepAt(h, tableName, clocks, at, {
        pageSize: 4,
        remainingMs: () => (budget-- > 0 ? 60_000 : 500),
        marginMs: 1_000,
      });
      summaries.push(summary);
      if (!summary.remaining) break;
    }
    expect(summaries.length).toBeGreaterThan(3);
    expect(summaries.slice(0, -1).every((s) => s.remaining)).toBe(true);
    expect(summaries.at(-1)?.remaining).toBe(false);
    const reminded = (await busEvents(h, tableName)).filter(
      (e) => e.type === 'CaseReminded' && e.clock.name === 'promised',
    );
    expect(reminded.map((e) => e.subject.id).sort()).toEqual(caseNos);
    expect(summaries.reduce((sum, s) => sum + s.changedByLevel.remind, 0)).toBe(
      (await busEvents(h, tableName)).filter((e) => e.level === 'remind').length,
    );
  });
});

describe('calendar changes', () => {
  it('recomputes deadlines and next checks after a local closure day is added', async () => {
    const tableName = await h.newTable();
    const state = reviewed('YC0001-20261102-0901');
    await createCase(tableName, state, reviewedAt, clocks);
    const before = await caseItem(h, tableName, state.caseNo);
    // The centre closes on Friday 2026-11-13 (typhoon): every threshold from then on moves a day.
    const amended = clockContext(
      createCalendar({
        settings: {
          closeOfBusiness: '17:30',
          localDays: [{ date: '2026-11-13', kind: 'closure', name: '台风停止办公' }],
        },
      }),
      clocks.settings,
    );
    const summary = await recomputeDeadlines(new Date('2026-11-05T12:00:00+08:00'), {
      tableName,
      client: h.client,
      clocks: amended,
    });
    expect(summary).toMatchObject({ examined: 1, moved: 1, dueNow: 0, conflicts: 0 });
    const after = await caseItem(h, tableName, state.caseNo);
    expect(after.dueAt).toBe('2026-11-17T17:30:00+08:00');
    expect(before.dueAt).toBe('2026-11-16T17:30:00+08:00');
    // Recomputing again changes nothing.
    expect(
      await recomputeDeadlines(new Date('2026-11-05T12:00:00+08:00'), {
        tableName,
        client: h.client,
        clocks: amended,
      }),
    ).toMatchObject({ moved: 0 });
    // The sweep with the amended calendar reminds on the new day, not the old one.
    await sweepAt(h, tableName, amended, '2026-11-13T09:00:00+08:00');
    expect((await busEvents(h, tableName)).filter((e) => e.clock.name === 'promised')).toEqual([]);
    await sweepAt(h, tableName, amended, '2026-11-16T00:00:00+08:00');
    const promised = (await busEvents(h, tableName)).filter((e) => e.clock.name === 'promised');
    expect(promised.map((e) => [e.type, e.occurredAt])).toEqual([
      ['CaseReminded', '2026-11-16T00:00:00+08:00'],
    ]);
  });
});

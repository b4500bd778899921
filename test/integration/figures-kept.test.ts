/**
 * The kept figures against the real DynamoDB API (dynalite): random histories of cases,
 * complaints, ratings and cards written version by version through the real stores, each change
 * delivered to the projector once, twice, twice at once, never (lost: the catch-up finds it by its
 * pending mark), or cut short by a crash (the only mock: a client that fails after N writes; the
 * claim lapses and the next projection finishes it) — and the figures read from the kept sums equal
 * the brute force counted from the sources. The recount then rebuilds the same figures, repairs a
 * damaged sum, and follows a change of the definitions' settings.
 */
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastEventMs } from '../../functions/domain/clocks/clock.ts';
import {
  caseFigures,
  defaultFigureSettings,
  type FigureSettings,
  type Period,
  parsePeriod,
  parseScope,
  type ReadableScope,
  readableScope,
} from '../../functions/domain/figures/index.ts';
import { caseKey, insertCase, saveCase } from '../../functions/store/cases/cases.ts';
import { complaintKey, insertComplaint, saveComplaint } from '../../functions/store/complaints/complaints.ts';
import { cellItemKey, keptFigures, tagsOfItem } from '../../functions/store/figures/kept.ts';
import {
  claimLeaseMs,
  type ProjectionOptions,
  projectSource,
} from '../../functions/store/figures/projector.ts';
import { projectPending, recountPeriod } from '../../functions/store/figures/recount.ts';
import { createInvitation, ratingKey, saveRating } from '../../functions/store/ratings/ratings.ts';
import { cardKey, recordCard } from '../../functions/store/supervision/supervision.ts';
import { actors, clocks } from '../unit/figures/fixtures.ts';
import { finalStates, type Histories, histories, sourcesArbitrary } from '../unit/figures/histories.ts';
import { type Harness, sealed, startHarness } from '../unit/supervision/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

const centre = 'YC0001';
const now = new Date('2026-12-20T12:00:00+08:00');
const readable = (text: string): ReadableScope =>
  readableScope(actors.supervisor, parseScope(text) as never) as ReadableScope;
const scopes = [
  'centre',
  'department:mz',
  'window:mz-01',
  'window:mz-02',
  'clerk:clerk',
  'clerk:clerk-mz2',
  'window:zh-01',
  'clerk:clerk-zh',
];
const periods = ['2026-10', '2026-11', '2026-12', '2026-Q4', '2026-11-02', '2026-12-01'].map(
  (key) => parsePeriod(key) as Period,
);

class InjectedCrash extends Error {}

/** A client whose writes fail after `writes` of them went through: a Lambda dying part-way. */
function crashingAfter(client: DynamoDBDocumentClient, writes: number): DynamoDBDocumentClient {
  let left = writes;
  const send = async (command: object) => {
    if (!(command instanceof GetCommand)) {
      if (left <= 0) throw new InjectedCrash('injected crash');
      left -= 1;
    }
    return (client.send as (c: object) => Promise<unknown>)(command);
  };
  return new Proxy(client, { get: (t, key) => (key === 'send' ? send : Reflect.get(t, key)) });
}

type Delivery = 'once' | 'twice' | 'concurrent' | 'lost' | 'crash';

/** One write of one source version, and the key of its item. */
interface Write {
  key: { pk: string; sk: string };
  write: () => Promise<unknown>;
}

function writesOf(tableName: string, source: Histories): Write[][] {
  const lastAt = (history: { at: string }[]) => history.at(-1)?.at as string;
  return [
    ...source.cases.map((versions) =>
      versions.map((state, i) => ({
        key: caseKey(state.caseNo),
        write: () =>
          i === 0
            ? insertCase(tableName, { state, ...sealed }, lastAt(state.history), clocks)
            : saveCase(tableName, state, lastAt(state.history), clocks),
      })),
    ),
    ...source.complaints.map((versions) =>
      versions.map((state, i) => ({
        key: complaintKey(state.complaintNo),
        write: () =>
          i === 0
            ? insertComplaint(
                tableName,
                { state, complainantSealed: 'sealed', queryCodeSalt: 'salt', queryCodeHash: 'hash' },
                lastAt(state.history),
              )
            : saveComplaint(tableName, state, lastAt(state.history)),
      })),
    ),
    ...source.ratings.map((versions) =>
      versions.map((state, i) => ({
        key: ratingKey(state.caseNo),
        write: () =>
          i === 0
            ? createInvitation(tableName, state, lastAt(state.history), clocks)
            : saveRating(tableName, state, lastAt(state.history), clocks, { firstRating: i === 1 }),
      })),
    ),
    ...source.cards.map((versions) =>
      versions.map((card) => ({
        key: cardKey(card.id),
        write: () => recordCard(tableName, card, new Date(lastEventMs(card.answerClock)), clocks),
      })),
    ),
  ];
}

function options(tableName: string, settings: FigureSettings = defaultFigureSettings): ProjectionOptions {
  return { client: h.client, tableName, centre, ctx: clocks, settings };
}

/** Writes every version, interleaving the sources as `order` says, each change delivered as `deliveries` says. */
async function play(
  tableName: string,
  source: Histories,
  order: number[],
  deliveries: Delivery[],
  crashAt: number[],
) {
  const queues = writesOf(tableName, source).filter((queue) => queue.length > 0);
  let step = 0;
  for (const pick of order) {
    const live = queues.filter((queue) => queue.length > 0);
    if (live.length === 0) break;
    const next = (live[pick % live.length] as Write[]).shift() as Write;
    await next.write();
    const delivery = deliveries[step % deliveries.length] as Delivery;
    const base = options(tableName);
    if (delivery === 'once') await projectSource(base, next.key);
    if (delivery === 'twice') {
      await projectSource(base, next.key);
      await projectSource(base, next.key);
    }
    if (delivery === 'concurrent')
      await Promise.all([projectSource(base, next.key), projectSource(base, next.key)]);
    if (delivery === 'crash') {
      const crashed = { ...base, client: crashingAfter(h.client, crashAt[step % crashAt.length] as number) };
      await projectSource(crashed, next.key).catch((error) => {
        if (!(error instanceof InjectedCrash)) throw error;
      });
      // Delivered again at once: the claim is live, so this one leaves it to the catch-up.
      await projectSource(base, next.key);
    }
    step += 1;
  }
  // Whatever is left: lost deliveries and crashed projections, found by their pending mark once
  // the crashed claims have lapsed.
  await projectPending({ ...options(tableName), clockMs: () => Date.now() + 2 * claimLeaseMs }, 0);
}

async function expectKeptEqualsBruteForce(
  tableName: string,
  source: Histories,
  settings = defaultFigureSettings,
) {
  const final = finalStates(source);
  for (const period of periods) {
    for (const scope of scopes) {
      const brute = caseFigures({ ...final, scope: readable(scope), period, now, clocks, settings });
      const { figures } = await keptFigures(
        h.client,
        tableName,
        centre,
        readable(scope),
        period,
        now,
        clocks,
      );
      expect(figures, `${scope} ${period.key}`).toEqual(brute);
    }
  }
}

describe('kept figures in the store', () => {
  it('equal the brute force, whatever the deliveries — duplicated, concurrent, lost or crashed', async () => {
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(
        sourcesArbitrary,
        fc.array(fc.nat(), { minLength: 80, maxLength: 80 }),
        fc.array(fc.constantFrom<Delivery>('once', 'twice', 'concurrent', 'lost', 'crash'), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 4 }),
        async (spec, order, deliveries, crashAt) => {
          const tableName = await h.newTable();
          const source = histories(spec);
          const total = writesOf(tableName, source).reduce((sum, queue) => sum + queue.length, 0);
          await play(
            tableName,
            source,
            [...order, ...Array.from({ length: total }, () => 0)],
            deliveries,
            crashAt,
          );
          await expectKeptEqualsBruteForce(tableName, source);
          compared += 1;
        },
      ),
      { numRuns: 15, endOnFailure: true },
    );
    expect(compared).toBe(15);
  }, 600_000);

  it('adds a change once when it is delivered again after a crash, and leaves no tag behind', async () => {
    const tableName = await h.newTable();
    const source = histories({
      cases: [
        {
          startHours: 200,
          instant: false,
          otherWindow: false,
          generalWindow: false,
          missing: false,
          actions: [
            { kind: 'accept', gapHours: 1 },
            { kind: 'approve', gapHours: 20 },
          ],
        },
      ],
      complaints: [],
      ratings: [],
      cards: [],
    });
    const [versions] = writesOf(tableName, source);
    for (const version of versions ?? []) await version.write();
    const key = (versions as Write[])[0]?.key as { pk: string; sk: string };
    // The claim and two cells added, then the Lambda dies.
    await expect(
      projectSource({ ...options(tableName), client: crashingAfter(h.client, 3) }, key),
    ).rejects.toThrow(InjectedCrash);
    // Delivered again while the claim is live: left to its owner.
    expect((await projectSource(options(tableName), key)).outcome).toBe('busy');
    // The claim lapsed: the next delivery finishes the same change — the cells already added refuse it.
    const later = { ...options(tableName), clockMs: () => Date.now() + 2 * claimLeaseMs };
    const resumed = await projectSource(later, key);
    expect(resumed.outcome).toBe('counted');
    expect((await projectSource(later, key)).outcome).toBe('unchanged');
    await expectKeptEqualsBruteForce(tableName, source);
    const counted = resumed.counted?.cells ?? [];
    expect(counted.length).toBeGreaterThan(2);
    for (const cell of counted) {
      const item = await h.client.send(
        new GetCommand({ TableName: tableName, Key: cellItemKey(centre, cell) }),
      );
      expect(tagsOfItem(item.Item ?? {}), JSON.stringify(cell)).toEqual([]);
    }
    const stored = await h.client.send(new GetCommand({ TableName: tableName, Key: key }));
    expect(stored.Item?.figuresShard).toBeUndefined();
    expect(stored.Item?.figuresClaim).toBeUndefined();
  });

  it('are rebuilt the same by the recount, which repairs a damaged sum and follows new settings', async () => {
    const tableName = await h.newTable();
    const source = histories(fc.sample(sourcesArbitrary, { numRuns: 1, seed: 14 })[0] as never);
    await play(
      tableName,
      source,
      Array.from({ length: 200 }, (_, i) => i * 7),
      ['once'],
      [0],
    );
    await expectKeptEqualsBruteForce(tableName, source);
    const quarter = parsePeriod('2026-Q4') as Period;
    // Nothing lost: the recount finds every sum right.
    const clean = await recountPeriod(options(tableName), quarter);
    expect(
      clean.months.map((month) => [month.month, month.cellsRewritten, month.cellsRemoved, month.projected]),
    ).toEqual([
      ['2026-10', 0, 0, 0],
      ['2026-11', 0, 0, 0],
      ['2026-12', 0, 0, 0],
    ]);
    await expectKeptEqualsBruteForce(tableName, source);
    // A sum damaged (a lost event, a hand edit): the recount puts it right.
    const november = await keptFigures(
      h.client,
      tableName,
      centre,
      readable('centre'),
      parsePeriod('2026-11') as Period,
      now,
      clocks,
    );
    await h.client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: cellItemKey(centre, { period: '2026-11', kind: 'window', department: 'mz', code: 'mz-01' }),
        UpdateExpression: 'ADD #received :five',
        ExpressionAttributeNames: { '#received': 'n:received' },
        ExpressionAttributeValues: { ':five': 5 },
      }),
    );
    const damaged = await keptFigures(
      h.client,
      tableName,
      centre,
      readable('centre'),
      parsePeriod('2026-11') as Period,
      now,
      clocks,
    );
    expect(damaged.figures.counts.received).toBe(november.figures.counts.received + 5);
    const repaired = await recountPeriod(options(tableName), parsePeriod('2026-11') as Period);
    expect(repaired.months[0]?.cellsRewritten).toBe(1);
    await expectKeptEqualsBruteForce(tableName, source);
    // The settings changed (intake counted by event): the recount of the quarter follows them.
    const byEvent: FigureSettings = { ...defaultFigureSettings, intakeBy: 'event', completionBy: 'received' };
    const moved = await recountPeriod(options(tableName, byEvent), quarter);
    expect(moved.months.reduce((sum, month) => sum + month.projected, 0)).toBeGreaterThan(0);
    await expectKeptEqualsBruteForce(tableName, source, byEvent);
  });
});

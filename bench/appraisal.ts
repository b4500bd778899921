/**
 * Reading a month for the appraisal (functions/http/appraisal/month.ts) on dynalite: what it reads
 * must follow the month's records, not the table. Two tables hold the same November — cases (half
 * decided early, a tenth left past their statutory limit), valid complaints, rated visits (a tenth
 * bad, a tenth praised) and red cards — and the large one also holds `BENCH_OTHER` times as many
 * records in October and December. Printed: items read (every item a Query, GetItem or
 * BatchGetItem returned, counted on the DynamoDB client) and time for one month's read and
 * scoring, on each table, and their ratio. Target: items read (large) ÷ items read (small) ≤ 1.05.
 *
 * Run: npx tsx bench/appraisal.ts   (BENCH_CASES, default 1000: November's cases; BENCH_OTHER,
 * default 10: the other months' records per November record)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CreateTableCommand, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { appraisalRule } from '../functions/config/appraisal.ts';
import { centreClocks } from '../functions/config/centre.ts';
import { proposals } from '../functions/domain/appraisal/awards.ts';
import { appraise } from '../functions/domain/appraisal/score.ts';
import type { CaseState } from '../functions/domain/cases/types.ts';
import { genericClock } from '../functions/domain/clocks/kinds.ts';
import { decideComplaint, registerComplaint } from '../functions/domain/complaints/index.ts';
import { type Period, parsePeriod } from '../functions/domain/figures/periods.ts';
import { invitationFor, recordRating } from '../functions/domain/ratings/decide.ts';
import { readMonth } from '../functions/http/appraisal/month.ts';
import { insertCaseCommand } from '../functions/store/cases/cases.ts';
import { dynamoDocumentClient } from '../functions/store/client.ts';
import { insertComplaint } from '../functions/store/complaints/complaints.ts';
import { caseMonthUpdate } from '../functions/store/figures/case-months.ts';
import { createInvitation } from '../functions/store/ratings/ratings.ts';
import { recordNewCards } from '../functions/store/supervision/supervision.ts';
import { table } from '../functions/store/table.ts';
import { createTableInput, localCredentials, localRegion, startStore } from '../infra/local/store.ts';
import { commands, intake, run, T } from '../test/unit/cases/fixtures.ts';
import { countRequests } from './request-counter.ts';

const monthCases = Number(process.env.BENCH_CASES ?? 1000);
const otherPerRecord = Number(process.env.BENCH_OTHER ?? 10);

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'yichuang-bench-appraisal-'));
const store = await startStore(dataDir);
Object.assign(process.env, {
  AWS_ENDPOINT_URL_DYNAMODB: store.endpoint,
  AWS_REGION: localRegion,
  AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
  AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
});
const client = DynamoDBDocumentClient.from(store.client, {
  marshallOptions: { removeUndefinedValues: true },
});
const clocks = centreClocks();

/** Items every read returned, counted on the store modules' own client. */
const { snapshot } = countRequests(dynamoDocumentClient(), 'benchAppraisal');

/** A case received on `day`: decided early, or left accepted (past its statutory limit by the month's end). */
function caseTemplate(day: string, decided: boolean) {
  const received = intake(undefined, undefined, T(`${day}T09:00:00`));
  const state = decided
    ? run(received, [[commands.accept()], [commands.approve()], [commands.deliver()]], T(`${day}T10:00:00`))
    : run(received, [[commands.accept()]], T(`${day}T10:00:00`));
  const sealed = {
    applicantSealed: 'x'.repeat(180),
    queryCodeSalt: 'x'.repeat(22),
    queryCodeHash: 'x'.repeat(43),
  };
  return (caseNo: string) => {
    const renamed: CaseState = { ...state, caseNo };
    const caseItem = insertCaseCommand('unused', { state: renamed, ...sealed }, T(`${day}T14:00:00`), clocks)
      .Item as Record<string, unknown>;
    const index = caseMonthUpdate('unused', renamed);
    const values = index.ExpressionAttributeValues as Record<string, unknown>;
    return {
      state: renamed,
      items: [
        caseItem,
        {
          ...index.Key,
          type: values[':type'],
          caseNo,
          receivedHere: values[':receivedHere'],
          days: values[':day'],
        },
      ],
    };
  };
}

async function batchPut(tableName: string, items: Record<string, unknown>[]) {
  for (let i = 0; i < items.length; i += 25) {
    let pending = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (pending.length > 0) {
      const result = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = (result.UnprocessedItems?.[tableName] ?? []) as typeof pending;
    }
  }
}

/** `count` cases of the month of `day` (every tenth overdue), with a tenth of them complained of, rated and carded. */
async function seedMonth(tableName: string, month: string, day: string, count: number) {
  const early = caseTemplate(day, true);
  const overdue = caseTemplate(day, false);
  const states: CaseState[] = [];
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i += 1) {
    const made = (i % 10 === 9 ? overdue : early)(
      `YC0001-${day.replaceAll('-', '')}-${String(i).padStart(6, '0')}`,
    );
    states.push(made.state);
    items.push(...made.items);
  }
  process.env.TABLE_NAME = tableName;
  await batchPut(tableName, items);
  const complaintCtx = { clocks, windowsOf: () => ['mz-01'] };
  const cards = [];
  for (const [i, state] of states.entries()) {
    if (i % 10 !== 0) continue;
    const at = T(`${day}T11:00:00`);
    const complaint = decideComplaint(
      registerComplaint(
        {
          complaintNo: `TS0001-${day.replaceAll('-', '')}-${String(i).padStart(6, '0')}`,
          centre: 'YC0001',
          channel: 'phone',
          category: 'delay',
          facts: '办理拖延。',
          complainant: { realName: false },
          respondent: { department: 'mz', window: 'mz-01', caseNo: state.caseNo },
          receivedBy: { username: 'supervisor', role: 'supervisor' },
        },
        at,
        complaintCtx,
      ),
      { type: 'assign', department: 'mz', window: 'mz-01', complexity: 'simple', told: '已分办' },
      { username: 'supervisor', roles: ['supervisor'] },
      T(`${day}T11:30:00`),
      complaintCtx,
    ).state;
    await insertComplaint(
      tableName,
      { state: complaint, complainantSealed: 'x', queryCodeSalt: 'x', queryCodeHash: 'x' },
      at,
    );
    if (state.delivery) {
      const rated = recordRating(
        invitationFor(state, state.delivery.at),
        { overall: i % 20 === 0 ? 1 : 5, comment: '好' },
        T(`${day}T16:00:00`),
      ).state;
      await createInvitation(tableName, rated, T(`${day}T16:00:00`), clocks);
    }
    const issuedAt = T(`${month}-20T17:30:00`);
    cards.push({
      id: `case:${state.caseNo}:promised:red:${issuedAt}`,
      level: 'red' as const,
      subject: { kind: 'case' as const, id: state.caseNo, title: '办件超期' },
      clock: 'promised',
      department: 'mz',
      window: 'mz-01',
      issuedAt,
      answerClock: genericClock({
        start: issuedAt,
        workdays: 5,
        label: '督办回复（红牌）',
        suspendable: false,
      }),
      answerDueAt: null,
    });
  }
  await recordNewCards(tableName, cards, T(`${month}-20T17:30:00`), clocks);
}

async function createTable(name: string) {
  await store.client.send(new CreateTableCommand(createTableInput(table, name)));
  await waitUntilTableExists({ client: store.client, maxWaitTime: 30, minDelay: 1 }, { TableName: name });
}

const november = parsePeriod('2026-11') as Period;
const other = monthCases * otherPerRecord;
const seedStarted = performance.now();
await createTable('bench-appraisal-small');
await seedMonth('bench-appraisal-small', '2026-11', '2026-11-02', monthCases);
await createTable('bench-appraisal-large');
await seedMonth('bench-appraisal-large', '2026-11', '2026-11-02', monthCases);
await seedMonth('bench-appraisal-large', '2026-10', '2026-10-12', other / 2);
await seedMonth('bench-appraisal-large', '2026-12', '2026-12-07', other / 2);
console.log(
  `seeded ${monthCases} November cases, and ${monthCases + other} cases in October–December, with a complaint, a rating and a card for every tenth, in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
);

async function readNovember(tableName: string) {
  process.env.TABLE_NAME = tableName;
  const reads = snapshot();
  const started = performance.now();
  const reading = await readMonth(november, new Date(T('2026-12-07T09:00:00')));
  const rule = appraisalRule();
  const appraisal = appraise(reading.history, rule);
  proposals(appraisal, rule);
  const ms = performance.now() - started;
  return { ms, itemsRead: reads().returned, events: reading.history.events.length };
}

await readNovember('bench-appraisal-small'); // warm-up
const small = await readNovember('bench-appraisal-small');
const large = await readNovember('bench-appraisal-large');
console.log('\nNovember read, scored and proposed');
console.log('table cases  events  items read  ms');
for (const [cases, result] of [
  [monthCases, small],
  [monthCases + other, large],
] as const) {
  console.log(
    `${String(cases).padStart(11)}  ${String(result.events).padStart(6)}  ${String(result.itemsRead).padStart(10)}  ${result.ms.toFixed(0)}`,
  );
}
const ratio = large.itemsRead / small.itemsRead;
console.log(
  `items read ratio: ${ratio.toFixed(3)} — target ≤ 1.05: ${ratio <= 1.05 ? 'met' : 'NOT met'}; time ratio ${(large.ms / small.ms).toFixed(2)}; load average ${os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')}`,
);

await store.stop();
await rm(dataDir, { recursive: true, force: true });

/**
 * Cases for the figure tests that the API cannot make today: a case received and accepted on
 * 2 November 2026 and never decided, written with its November history (its month index entries
 * first, as the store writes them), so that its statutory limit has run out by December, and
 * counted in the kept figures as the figures job would count it.
 */
import { DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { centreClocks } from '../../functions/config/centre.ts';
import { figureSettings } from '../../functions/config/figures.ts';
import { decide, openCase } from '../../functions/domain/cases/index.ts';
import { intakeSnapshot } from '../../functions/domain/catalogue/catalogue.ts';
import { getCatalogue } from '../../functions/domain/catalogue/data.ts';
import { caseKey, insertCaseCommand } from '../../functions/store/cases/cases.ts';
import { caseMonthUpdate } from '../../functions/store/figures/case-months.ts';
import { projectSource } from '../../functions/store/figures/projector.ts';
import type { TestRuntime } from './runtime.ts';

/** Writes the overdue November case `caseNo` (YC-MZ-0102 at mz-01, clerk `clerk`). */
export async function seedOverdueNovemberCase(runtime: TestRuntime, caseNo: string): Promise<void> {
  const item = getCatalogue().items.find((candidate) => candidate.code === 'YC-MZ-0102');
  if (!item) throw new Error('no YC-MZ-0102');
  const clerk = { username: 'clerk', roles: ['clerk' as const], department: 'mz', window: 'mz-01' };
  const received = openCase(
    {
      caseNo,
      centre: 'YC0001',
      item: intakeSnapshot(item),
      applicant: { kind: 'individual', name: '李*', idNumber: '44**************11', phone: '139****5432' },
      materials: ['m1', 'm2', 'm3', 'm6'].map((id) => ({ id, state: 'submitted' as const })),
    },
    clerk,
    '2026-11-02T09:00:00+08:00',
  );
  const accepted = decide(received, { type: 'accept', told: '受理' }, clerk, '2026-11-02T10:00:00+08:00', {
    clocks: centreClocks(),
    handlerAway: false,
  }).state;
  const client = DynamoDBDocumentClient.from(runtime.store.client, {
    marshallOptions: { removeUndefinedValues: true },
  });
  for (const state of [received, accepted]) {
    await client.send(new UpdateCommand(caseMonthUpdate('yichuang', state)));
  }
  await client.send(
    new PutCommand(
      insertCaseCommand(
        'yichuang',
        {
          state: accepted,
          applicantSealed: 'not-used',
          queryCodeSalt: 'not-used',
          queryCodeHash: 'not-used',
        },
        '2026-11-02T10:00:00+08:00',
        centreClocks(),
      ),
    ),
  ); // Written as the case store writes it, pending for the kept figures: counted as the figures job would.
  await projectSource(
    { client, tableName: 'yichuang', centre: 'YC0001', ctx: centreClocks(), settings: figureSettings() },
    caseKey(caseNo),
  );
}

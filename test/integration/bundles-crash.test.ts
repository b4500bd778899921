/**
 * A bundle intake killed part-way — an injected failure after N writes, the only mock here — and
 * run again ends with exactly one claim, one bundle record and one case per planned number, even
 * when the retry drafted a plan of its own: the claim that stands decides, nothing is duplicated.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineId, openPart, partMaterials, recordedLines } from '../../functions/domain/bundles/intake.ts';
import type { BundlePart, BundleRecord } from '../../functions/domain/bundles/types.ts';
import type { Actor } from '../../functions/domain/cases/types.ts';
import { mergedMaterials } from '../../functions/domain/catalogue/bundles.ts';
import { intakeSnapshot } from '../../functions/domain/catalogue/catalogue.ts';
import { getCatalogue } from '../../functions/domain/catalogue/data.ts';
import type { Bundle, ServiceItem } from '../../functions/domain/catalogue/schema.ts';
import {
  claimIntake,
  completeIntake,
  type IntakePlan,
  type StoredBundle,
  type Writer,
} from '../../functions/store/bundles/bundles.ts';
import { clocks, T } from '../unit/cases/fixtures.ts';
import { type Harness, scanAll, startHarness } from '../unit/supervision/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

class InjectedCrash extends Error {}

function crashing(client: DynamoDBDocumentClient, budget: { left: number }): Writer {
  return {
    send: ((command: { constructor: { name: string } }) => {
      if (command.constructor.name === 'PutCommand' || command.constructor.name === 'UpdateCommand') {
        if (budget.left <= 0) return Promise.reject(new InjectedCrash('injected crash'));
        budget.left -= 1;
      }
      return (client.send as (c: unknown) => Promise<unknown>)(command);
    }) as Writer['send'],
  };
}

const catalogue = getCatalogue();
const items = new Map(catalogue.items.map((item) => [item.code, item]));
const newborn = catalogue.bundle('YC-YJS-0001') as Bundle;
const clerk: Actor = { username: 'clerk-zh', roles: ['clerk'], department: 'zh', window: 'zh-01' };
const now = T('2026-12-04T10:00:00');
const merged = mergedMaterials(newborn, items);
const lines = recordedLines(
  merged,
  merged.flatMap((line, index) =>
    line.required ? [{ id: lineId(index), state: 'submitted' as const }] : [],
  ),
);

/** A plan as intake drafts it; `serial` stands for the counters a fresh attempt would draw. */
function plan(serial: number): IntakePlan {
  const codes = newborn.steps.flatMap((step) => step.items);
  return {
    bundleNo: `YJYC0001-20261204-${String(serial).padStart(4, '0')}`,
    requestDigest: 'digest',
    queryCodeSalt: `salt-${serial}`,
    queryCodeHash: `hash-${serial}`,
    sealedQueryCode: `sealed-${serial}`,
    parts: codes.map((code, index): BundlePart => {
      const item = items.get(code) as ServiceItem;
      return {
        caseNo: `YC0001-20261204-${String(serial * 10 + index).padStart(4, '0')}`,
        itemCode: code,
        itemName: item.name,
        department: item.department,
        window: `${item.department}-01`,
        step: 0,
        stepName: newborn.steps[0]?.name ?? '',
      };
    }),
    plannedAt: now,
  };
}

async function attempt(tableName: string, draft: IntakePlan, writer: Writer): Promise<IntakePlan> {
  const standing = await claimIntake(tableName, 'claim-of-one-key', draft, writer);
  const record: BundleRecord = {
    bundleNo: standing.bundleNo,
    centre: 'YC0001',
    bundle: { code: newborn.code, version: newborn.version, name: newborn.name },
    applicant: { kind: 'individual', name: '欧*', idNumber: '11**************2X', phone: '138****5678' },
    intakeWindow: 'zh-01',
    takenInBy: 'clerk-zh',
    receivedAt: standing.plannedAt,
    materials: lines,
    parts: standing.parts,
  };
  const stored: StoredBundle = {
    record,
    queryCodeSalt: standing.queryCodeSalt,
    queryCodeHash: standing.queryCodeHash,
  };
  await completeIntake(
    tableName,
    stored,
    async (part) => ({
      state: openPart(
        {
          caseNo: part.caseNo,
          bundleNo: standing.bundleNo,
          backOfficeWindow: part.window,
          centre: 'YC0001',
          item: intakeSnapshot(items.get(part.itemCode) as ServiceItem),
          applicant: record.applicant,
          materials: partMaterials(lines, part.itemCode),
        },
        clerk,
        ['zh-01'],
        now,
        clocks,
      ),
      applicantSealed: 'sealed',
      queryCodeSalt: standing.queryCodeSalt,
      queryCodeHash: standing.queryCodeHash,
    }),
    now,
    clocks,
    writer,
  );
  return standing;
}

async function outcome(tableName: string) {
  const all = await scanAll(h, tableName);
  return {
    claims: all.filter((item) => item.type === 'bundleIntakeClaim').length,
    bundles: all.filter((item) => item.type === 'bundle').map((item) => item.bundleNo),
    cases: all
      .filter((item) => item.type === 'case')
      .map((item) => [item.caseNo, (item.data as { bundleNo: string }).bundleNo, item.window])
      .sort(),
    // Each case is in its month's index (the ledger and the figures' recount read it).
    indexed: all
      .filter((item) => item.type === 'caseMonth')
      .map((item) => item.caseNo)
      .sort(),
  };
}

describe('a bundle intake killed part-way', () => {
  it('is completed by its retry, at every point of the sequence, without a second bundle or case', async () => {
    const first = plan(1);
    const expected = {
      claims: 1,
      bundles: [first.bundleNo],
      cases: first.parts.map((part) => [part.caseNo, first.bundleNo, part.window]).sort(),
      indexed: first.parts.map((part) => part.caseNo).sort(),
    };
    // claim + record + per item its month-index entry and its case
    const totalWrites = 2 + 2 * first.parts.length;
    for (let crashAfter = 0; crashAfter <= totalWrites; crashAfter += 1) {
      const tableName = await h.newTable();
      const budget = { left: crashAfter };
      let crashed = false;
      try {
        await attempt(tableName, first, crashing(h.client, budget));
      } catch (error) {
        expect(error).toBeInstanceOf(InjectedCrash);
        crashed = true;
      }
      expect(crashed, `crash after ${crashAfter} writes`).toBe(crashAfter < totalWrites);
      // The retry drafts afresh (new counters); when a claim stands, it finishes the first plan.
      const retried = await attempt(tableName, crashAfter === 0 ? first : plan(2), h.client);
      expect(retried.bundleNo).toBe(first.bundleNo);
      // And further retries change nothing.
      await attempt(tableName, plan(3), h.client);
      expect(await outcome(tableName), `crash after ${crashAfter} writes`).toEqual(expected);
    }
  });

  it('lets racing attempts with their own plans agree on the first claim', async () => {
    const tableName = await h.newTable();
    const standing = await Promise.all(
      Array.from({ length: 10 }, (_, index) => attempt(tableName, plan(index + 1), h.client)),
    );
    expect(new Set(standing.map((p) => p.bundleNo)).size).toBe(1);
    const result = await outcome(tableName);
    expect(result.claims).toBe(1);
    expect(result.bundles).toHaveLength(1);
    expect(result.cases).toHaveLength(newborn.steps.flatMap((step) => step.items).length);
  });
});

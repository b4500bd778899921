/**
 * Bundle intake at a general window (domain.md §11): the merged list's states mapped back to each
 * item's own checklist, the one correction list of the whole, who may take a bundle in, and each
 * part opened as a case of its department in the back office's queue.
 */
import { describe, expect, it } from 'vitest';
import { formatBundleNo, isBundleNo } from '../../../functions/domain/bundles/bundle-number.ts';
import {
  assertGeneralWindowClerk,
  type LineUpdate,
  linesWithoutState,
  openPart,
  outstandingLines,
  partMaterials,
  recordedLines,
  stepOf,
} from '../../../functions/domain/bundles/intake.ts';
import { CaseError } from '../../../functions/domain/cases/errors.ts';
import { checklist } from '../../../functions/domain/cases/intake.ts';
import type { Actor, ApplicantSummary } from '../../../functions/domain/cases/types.ts';
import { mergedMaterials } from '../../../functions/domain/catalogue/bundles.ts';
import { intakeSnapshot } from '../../../functions/domain/catalogue/catalogue.ts';
import { getCatalogue } from '../../../functions/domain/catalogue/data.ts';
import type { Bundle } from '../../../functions/domain/catalogue/schema.ts';
import { clocks, T } from '../cases/fixtures.ts';

const catalogue = getCatalogue();
const items = new Map(catalogue.items.map((item) => [item.code, item]));
const newborn = catalogue.bundle('YC-YJS-0001') as Bundle;
const merged = mergedMaterials(newborn, items);
const generalWindows = ['zh-01'];
const generalClerk: Actor = { username: 'clerk-zh', roles: ['clerk'], department: 'zh', window: 'zh-01' };
const applicant: ApplicantSummary = {
  kind: 'individual',
  name: '张*',
  idNumber: '11**************2X',
  phone: '138****5678',
};

/** Every required line submitted, the named lines set otherwise. */
function states(overrides: Record<string, LineUpdate['state']> = {}): LineUpdate[] {
  const updates: LineUpdate[] = merged.flatMap((line, index) =>
    line.required ? [{ id: `b${index + 1}`, state: 'submitted' as const }] : [],
  );
  for (const [id, state] of Object.entries(overrides)) {
    const existing = updates.find((update) => update.id === id);
    if (existing) existing.state = state;
    else updates.push({ id, state });
  }
  return updates;
}

describe('the merged material list mapped back to the items', () => {
  it('gives a shared material submitted once to every item it covers', () => {
    const lines = recordedLines(merged, states());
    const idCards = lines.find((line) => line.name === '父母双方有效身份证件');
    expect(idCards?.parts).toEqual([
      { item: 'YC-WJW-0401', material: 1 },
      { item: 'YC-WJW-0101', material: 1 },
    ]);
    expect(partMaterials(lines, 'YC-WJW-0401')).toContainEqual({ id: 'm1', state: 'submitted' });
    expect(partMaterials(lines, 'YC-WJW-0101')).toContainEqual({ id: 'm1', state: 'submitted' });
  });

  it('gives a shared material missing to every item, and lists it once on the bundle’s correction list', () => {
    const hukou = merged.findIndex((line) => line.name === '新生儿户口簿');
    const id = `b${hukou + 1}`;
    const lines = recordedLines(merged, [...states(), { id, state: 'defective', note: '复印件不清晰' }]);
    expect(partMaterials(lines, 'YC-RS-0401')).toContainEqual({
      id: 'm2',
      state: 'defective',
      note: '复印件不清晰',
    });
    expect(partMaterials(lines, 'YC-RS-0301')).toContainEqual({
      id: 'm3',
      state: 'defective',
      note: '复印件不清晰',
    });
    expect(outstandingLines(lines).map((line) => line.id)).toEqual([id]);
  });

  it('maps every line of the list to exactly the item materials it stands for, nothing else', () => {
    const lines = recordedLines(merged, states());
    for (const code of newborn.steps.flatMap((step) => step.items)) {
      const updates = partMaterials(lines, code);
      const ids = updates.map((update) => update.id);
      expect(new Set(ids).size, code).toBe(ids.length);
      // Each required material of the item gets a state: the item's own intake accepts the list.
      const required = checklist(intakeSnapshot(items.get(code) as never))
        .filter((material) => material.required)
        .map((material) => material.id);
      for (const id of required) expect(ids, `${code} ${id}`).toContain(id);
    }
  });

  it('leaves conditional lines out as not applicable and names the required lines without a state', () => {
    const lines = recordedLines(merged, []);
    const conditional = lines.filter((line) => !line.required);
    expect(conditional.length).toBeGreaterThan(0);
    for (const line of conditional) expect(line.state).toBe('notApplicable');
    expect(linesWithoutState(merged, [])).toEqual(
      merged.flatMap((line, index) => (line.required ? [`b${index + 1}`] : [])),
    );
    expect(linesWithoutState(merged, states())).toEqual([]);
  });

  it('knows the step of each item', () => {
    expect(stepOf(newborn, 'YC-WJW-0101')).toBe(0);
    expect(stepOf(newborn, 'YC-RS-0301')).toBe(1);
  });
});

describe('who takes a bundle in', () => {
  it('is a clerk of a general window, not a department window nor a chief', () => {
    expect(() => assertGeneralWindowClerk(generalClerk, generalWindows)).not.toThrow();
    for (const actor of [
      { username: 'clerk', roles: ['clerk'], department: 'wjw', window: 'wjw-01' },
      { username: 'chief', roles: ['chief'], department: 'zh', window: 'zh-01' },
    ] as Actor[]) {
      expect(() => assertGeneralWindowClerk(actor, generalWindows)).toThrow(CaseError);
    }
  });
});

describe('a part opened as a case', () => {
  it('belongs to its department, waits in the back office’s queue and remembers the general window', () => {
    const item = intakeSnapshot(items.get('YC-RS-0301') as never);
    const lines = recordedLines(merged, states());
    const state = openPart(
      {
        caseNo: 'YC0001-20261204-0007',
        bundleNo: 'YJYC0001-20261204-0001',
        backOfficeWindow: 'rs-01',
        centre: 'YC0001',
        item,
        applicant,
        materials: partMaterials(lines, item.code),
      },
      generalClerk,
      generalWindows,
      T('2026-12-04T10:00:00'),
      clocks,
    );
    expect(state).toMatchObject({
      department: 'rs',
      window: 'rs-01',
      handler: null,
      intakeWindow: 'zh-01',
      bundleNo: 'YJYC0001-20261204-0001',
      firstContact: { username: 'clerk-zh' },
      status: 'received',
    });
    expect(state.clocks.correctionNotice).toBeDefined();
    expect(
      state.materials.filter((material) => material.required).every((m) => m.state === 'submitted'),
    ).toBe(true);
  });

  it('records the bundle’s one correction notice on a part whose materials are incomplete', () => {
    const item = intakeSnapshot(items.get('YC-RS-0301') as never);
    const hukou = merged.findIndex((line) => line.name === '新生儿户口簿');
    const lines = recordedLines(merged, [...states(), { id: `b${hukou + 1}`, state: 'missing' }]);
    const part = (caseNo: string, code: string, told?: string) =>
      openPart(
        {
          caseNo,
          bundleNo: 'YJYC0001-20261204-0001',
          backOfficeWindow: `${items.get(code)?.department}-01`,
          centre: 'YC0001',
          item: intakeSnapshot(items.get(code) as never),
          applicant,
          materials: partMaterials(lines, code),
          ...(told ? { correctionTold: told } : {}),
        },
        generalClerk,
        generalWindows,
        T('2026-12-04T10:00:00'),
        clocks,
      );
    const incomplete = part('YC0001-20261204-0007', item.code, '一次性告知：新生儿户口簿（缺少）。');
    expect(incomplete).toMatchObject({ status: 'correctionRequested', window: 'rs-01', handler: null });
    expect(incomplete.correctionNotices).toHaveLength(1);
    expect(incomplete.correctionNotices[0]).toMatchObject({
      inTime: true,
      items: [{ id: 'm3', problem: 'missing' }],
    });
    expect(incomplete.clocks.correctionNotice?.stoppedAt).toBeDefined();
    // An item the missing line does not concern is taken in complete.
    const complete = part('YC0001-20261204-0008', 'YC-WJW-0101', '一次性告知：新生儿户口簿（缺少）。');
    expect(complete).toMatchObject({ status: 'received', correctionNotices: [] });
  });

  it('is refused to a department window clerk', () => {
    const item = intakeSnapshot(items.get('YC-RS-0301') as never);
    expect(() =>
      openPart(
        {
          caseNo: 'YC0001-20261204-0007',
          bundleNo: 'YJYC0001-20261204-0001',
          backOfficeWindow: 'rs-01',
          centre: 'YC0001',
          item,
          applicant,
          materials: [],
        },
        { username: 'clerk-rs', roles: ['clerk'], department: 'rs', window: 'rs-01' },
        generalWindows,
        T('2026-12-04T10:00:00'),
        clocks,
      ),
    ).toThrow(/综合窗口/);
  });
});

describe('bundle numbers', () => {
  it('are YJ + the case number form, and told apart from case numbers', () => {
    const bundleNo = formatBundleNo('YC0001', '2026-12-04', 12);
    expect(bundleNo).toBe('YJYC0001-20261204-0012');
    expect(isBundleNo(bundleNo)).toBe(true);
    expect(isBundleNo('YC0001-20261204-0012')).toBe(false);
  });
});

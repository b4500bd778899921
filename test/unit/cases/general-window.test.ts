/**
 * The general window (综合窗口, 无差别受理, domain.md §11): it takes in an item of any department and
 * hands the case to that department's back office — the department's case from the start, in the
 * back-office queue with no handler, the general window on record as the intake window and the
 * first contact. Nobody else takes in another department's item.
 */
import { describe, expect, it } from 'vitest';
import { CaseError } from '../../../functions/domain/cases/errors.ts';
import { openAtGeneralWindow } from '../../../functions/domain/cases/general-window.ts';
import { decide } from '../../../functions/domain/cases/index.ts';
import type { Actor } from '../../../functions/domain/cases/types.ts';
import { actors, allSubmitted, clocks, commands, ctx, promisedItem, T } from './fixtures.ts';

const generalClerk: Actor = { username: 'clerk-zh', roles: ['clerk'], department: 'zh', window: 'zh-01' };
const at = { generalWindows: ['zh-01'], backOfficeWindow: 'mz-01', clocks };
const input = {
  caseNo: 'YC0001-20261102-0009',
  centre: 'YC0001',
  item: promisedItem,
  applicant: {
    kind: 'individual' as const,
    name: '张*',
    idNumber: '11**************2X',
    phone: '138****5678',
  },
  materials: allSubmitted(promisedItem),
};

describe('an item taken in at the general window', () => {
  it('is its department’s case, in the back office’s queue with no handler, the general window its first contact', () => {
    const state = openAtGeneralWindow(input, generalClerk, at, T('2026-11-02T09:00:00'));
    expect(state).toMatchObject({
      status: 'received',
      department: 'mz',
      window: 'mz-01',
      handler: null,
      intakeWindow: 'zh-01',
      firstContact: { username: 'clerk-zh' },
    });
    expect(state.clocks.correctionNotice?.stoppedAt).toBeUndefined();
    // The back office's clerk takes it from there.
    const accepted = decide(state, commands.accept(), actors.clerk, T('2026-11-02T10:00:00'), ctx).state;
    expect(accepted).toMatchObject({ status: 'accepted', handler: 'clerk', window: 'mz-01' });
  });

  it('records a correction notice the general window gave at intake as the case’s own, in time', () => {
    const incomplete = {
      ...input,
      materials: input.materials.map((m) => (m.id === 'm2' ? { ...m, state: 'missing' as const } : m)),
    };
    const state = openAtGeneralWindow(
      incomplete,
      generalClerk,
      { ...at, correctionTold: '一次性告知：业务主管单位同意文件（缺少）。' },
      T('2026-11-02T09:00:00'),
    );
    expect(state).toMatchObject({ status: 'correctionRequested', handler: null, window: 'mz-01' });
    expect(state.correctionNotices[0]).toMatchObject({
      inTime: true,
      items: [{ id: 'm2', problem: 'missing' }],
    });
  });

  it('is refused to a clerk of a department window, and the case domain refuses another department’s item', () => {
    const swClerk: Actor = { username: 'clerk-sw', roles: ['clerk'], department: 'sw', window: 'sw-01' };
    expect(() => openAtGeneralWindow(input, swClerk, at, T('2026-11-02T09:00:00'))).toThrow(CaseError);
    expect(() =>
      openAtGeneralWindow(input, { ...generalClerk, roles: ['chief'] }, at, T('2026-11-02T09:00:00')),
    ).toThrow(/综合窗口/);
  });
});

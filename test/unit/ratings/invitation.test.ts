import { describe, expect, it } from 'vitest';
import type { BundleRecord } from '../../../functions/domain/bundles/types.ts';
import { invitationFor, invitationForBundle } from '../../../functions/domain/ratings/index.ts';
import { reach, T } from '../cases/fixtures.ts';

describe('the rating invitation', () => {
  it('records the delivered visit: item, department, window, the handler and the delivery instant', () => {
    const delivered = reach('delivered');
    const invitation = invitationFor(delivered, T('2026-12-01T09:00:00'));
    expect(invitation).toMatchObject({
      caseNo: delivered.caseNo,
      version: 1,
      item: { code: 'YC-MZ-0102', name: '社会团体变更登记' },
      department: 'mz',
      window: delivered.window,
      handler: delivered.handler,
      deliveredAt: delivered.delivery?.at,
    });
    expect(invitation.rating).toBeUndefined();
    expect(invitation.history).toEqual([expect.objectContaining({ version: 1, step: 'invite' })]);
  });

  it('falls back to the clerk who delivered when the case had no handler', () => {
    const reached = reach('delivered');
    // Delivered by the A/B backup, not by the clerk who took the case in.
    const delivered = {
      ...reached,
      handler: null,
      history: reached.history.map((entry) =>
        entry.transition === 'deliver'
          ? { ...entry, by: { username: 'clerk-b', role: 'clerk' as const } }
          : entry,
      ),
    };
    expect(delivered.firstContact.username).not.toBe('clerk-b');
    expect(invitationFor(delivered, T('2026-12-01T09:00:00')).handler).toBe('clerk-b');
  });
});

describe('the rating invitation of a 一件事', () => {
  it('is one visit, the bundle’s: its general window and the clerk who took it in, delivered when the last part was', () => {
    const first = {
      ...reach('delivered'),
      caseNo: 'YC0001-20261201-0001',
      bundleNo: 'YJYC0001-20261201-0001',
    };
    const last = {
      ...first,
      caseNo: 'YC0001-20261201-0002',
      delivery: { at: T('2026-12-03T15:00:00'), method: 'window' as const },
    };
    const record: BundleRecord = {
      bundleNo: 'YJYC0001-20261201-0001',
      centre: 'YC0001',
      bundle: { code: 'YC-YJS-0003', version: '2026-01-01', name: '退休“一件事”' },
      applicant: first.applicant,
      intakeWindow: 'zh-01',
      takenInBy: 'clerk-zh',
      receivedAt: T('2026-12-01T09:00:00'),
      materials: [],
      parts: [first, last].map((part, step) => ({
        caseNo: part.caseNo,
        itemCode: part.item.code,
        itemName: part.item.name,
        department: part.department,
        window: part.window,
        step,
        stepName: '',
      })),
    };
    const invitation = invitationForBundle(record, [first, last], T('2026-12-04T09:00:00'));
    expect(invitation).toMatchObject({
      caseNo: 'YJYC0001-20261201-0001',
      bundle: { code: 'YC-YJS-0003', parts: ['YC0001-20261201-0001', 'YC0001-20261201-0002'] },
      item: { code: 'YC-YJS-0003', name: '退休“一件事”' },
      department: 'zh',
      window: 'zh-01',
      handler: 'clerk-zh',
      deliveredAt: T('2026-12-03T15:00:00'),
    });
    expect(invitation.history).toEqual([expect.objectContaining({ step: 'invite' })]);
  });
});

import { describe, expect, it } from 'vitest';
import { invitationFor } from '../../../functions/domain/ratings/index.ts';
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

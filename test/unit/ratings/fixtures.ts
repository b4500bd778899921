/** A rating invitation for the domain tests: a case of mz-01 handled by clerk, delivered Monday 2 November 2026. */
import type { RatingState } from '../../../functions/domain/ratings/index.ts';
import { T } from '../cases/fixtures.ts';

export function invitation(overrides: Partial<RatingState> = {}): RatingState {
  return {
    caseNo: 'YC0001-20261102-0001',
    version: 1,
    item: { code: 'YC-MZ-0102', name: '社会团体变更登记' },
    department: 'mz',
    window: 'mz-01',
    handler: 'clerk',
    deliveredAt: T('2026-11-02T10:00:00'),
    history: [
      {
        version: 1,
        step: 'invite',
        label: '出件，邀请评价',
        from: null,
        to: null,
        at: T('2026-11-02T10:00:00'),
        by: { username: 'system', role: 'system' },
      },
    ],
    ...overrides,
  };
}

/**
 * The derived status of a bundle: done only when every part is delivered with its result; a part
 * refused, not accepted, withdrawn or returned shows the bundle as partly refused, never as done.
 */
import { describe, expect, it } from 'vitest';
import { bundleStatus, type PartProgress } from '../../../functions/domain/bundles/status.ts';

const open: PartProgress = { status: 'inReview', outcome: null, delivered: false };
const delivered: PartProgress = { status: 'delivered', outcome: 'approved', delivered: true };
const archived: PartProgress = { status: 'closed', outcome: 'approved', delivered: true };
const decided: PartProgress = { status: 'decided', outcome: 'approved', delivered: false };

describe('the status of a bundle', () => {
  it('is in progress while any part is open or decided but not yet delivered', () => {
    expect(bundleStatus([delivered, open])).toBe('inProgress');
    expect(bundleStatus([delivered, decided])).toBe('inProgress');
    expect(bundleStatus([])).toBe('inProgress');
  });

  it('is done when every part is delivered (archived after delivery counts)', () => {
    expect(bundleStatus([delivered, archived])).toBe('done');
  });

  it.each([
    ['refused and delivered', { status: 'delivered', outcome: 'refused', delivered: true }],
    ['refused', { status: 'decided', outcome: 'refused', delivered: false }],
    ['not accepted', { status: 'notAccepted', outcome: null, delivered: false }],
    ['withdrawn', { status: 'withdrawn', outcome: null, delivered: false }],
    ['returned', { status: 'returned', outcome: null, delivered: false }],
  ] as [string, PartProgress][])(
    'is partly refused when a part is %s, even if the others are done',
    (_, part) => {
      expect(bundleStatus([delivered, part])).toBe('partlyRefused');
      expect(bundleStatus([open, part])).toBe('partlyRefused');
    },
  );
});

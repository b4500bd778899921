import { describe, expect, it } from 'vitest';
import { nextCandidateIndex } from '../../../functions/store/counter/tickets.ts';

/** Which waiting ticket a call tries next after losing claims to other windows. */
describe('the next candidate of a call', () => {
  const lowest = () => 0;
  const highest = () => 0.999;

  it('keeps the queue order while nobody or one other window competes', () => {
    expect(nextCandidateIndex(10, new Set(), 0, highest)).toBe(0);
    expect(nextCandidateIndex(10, new Set([0]), 1, highest)).toBe(1);
  });

  it('spreads over the next places as the losses grow, never past the candidates', () => {
    expect(nextCandidateIndex(10, new Set([0, 1]), 2, lowest)).toBe(2);
    expect(nextCandidateIndex(10, new Set([0, 1]), 2, highest)).toBe(5);
    expect(nextCandidateIndex(10, new Set([0, 1, 3]), 3, highest)).toBe(9);
    expect(nextCandidateIndex(4, new Set([0, 1]), 2, highest)).toBe(3);
  });

  it('falls back to the first untried candidate, and to none once all were tried', () => {
    expect(nextCandidateIndex(3, new Set([1, 2]), 2, highest)).toBe(0);
    expect(nextCandidateIndex(2, new Set([0, 1]), 2, highest)).toBe(-1);
  });
});

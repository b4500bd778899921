import { describe, expect, it } from 'vitest';
import {
  parsePeriod,
  periodBounds,
  periodMonths,
  previousPeriod,
  yearBeforePeriod,
} from '../../../functions/domain/figures/index.ts';

const period = (key: string) => {
  const parsed = parsePeriod(key);
  if (!parsed) throw new Error(`no period ${key}`);
  return parsed;
};

describe('periods', () => {
  it.each([
    ['2026-12-03', 'day', '2026-12-03', '2026-12-03'],
    ['2026-12', 'month', '2026-12-01', '2026-12-31'],
    ['2026-02', 'month', '2026-02-01', '2026-02-28'],
    ['2024-02', 'month', '2024-02-01', '2024-02-29'],
    ['2026-Q4', 'quarter', '2026-10-01', '2026-12-31'],
    ['2026-Q1', 'quarter', '2026-01-01', '2026-03-31'],
    ['2026', 'year', '2026-01-01', '2026-12-31'],
  ])('%s is a %s from %s to %s', (key, kind, from, to) => {
    expect(parsePeriod(key)).toEqual({ kind, key, from, to });
  });

  it.each(['2026-13', '2026-02-30', '2026-Q5', '26', '1999', '2100-01', '2026-12-3', '', 'month'])(
    'refuses %j',
    (key) => {
      expect(parsePeriod(key)).toBeUndefined();
    },
  );

  it.each([
    ['2026-12-03', '2026-12-02', '2025-12-03'],
    ['2026-01-01', '2025-12-31', '2025-01-01'],
    ['2024-02-29', '2024-02-28', '2023-02-28'],
    ['2026-12', '2026-11', '2025-12'],
    ['2026-01', '2025-12', '2025-01'],
    ['2026-Q1', '2025-Q4', '2025-Q1'],
    ['2026-Q3', '2026-Q2', '2025-Q3'],
    ['2026', '2025', '2025'],
  ])('%s: 环比 %s, 同比 %s', (key, previous, yearBefore) => {
    expect(previousPeriod(period(key)).key).toBe(previous);
    expect(yearBeforePeriod(period(key)).key).toBe(yearBefore);
  });

  it('lists the months a period covers and its bounds in Beijing time', () => {
    expect(periodMonths(period('2026-Q4'))).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(periodMonths(period('2026-12-03'))).toEqual(['2026-12']);
    expect(periodMonths(period('2026'))).toHaveLength(12);
    const bounds = periodBounds(period('2026-12'));
    expect(new Date(bounds.startMs).toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(new Date(bounds.endMs).toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });
});

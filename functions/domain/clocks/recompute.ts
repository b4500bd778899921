/**
 * Recomputing stored deadlines when the calendar changes: a year's schedule is published (its
 * provisional days become known), a published year is amended, or a centre adds a local day.
 *
 * A stored clock keeps, next to the clock value, what was last computed from it — the projection
 * below. Feed the open clocks and the new calendar to {@link recomputeClocks}; it returns the ones
 * whose due instant, provisional mark, level or next check changed, for the store to rewrite.
 */
import type { Instant } from '../calendar/instant.ts';
import type { Clock, ClockContext } from './clock.ts';
import { evaluate, nextCheckAt } from './evaluate.ts';
import type { WarningLevel } from './settings.ts';

/** What is stored next to a clock (and indexed: `nextCheckAt` drives the supervision sweep). */
export interface ClockProjection {
  dueAt: Instant | null;
  provisional: boolean;
  level: WarningLevel;
  nextCheckAt: Instant | null;
}

export function projectClock(clock: Clock, now: Instant | Date, ctx: ClockContext): ClockProjection {
  const status = evaluate(clock, now, ctx);
  const next = nextCheckAt(clock, now, ctx);
  return {
    dueAt: status.dueAt,
    provisional: status.provisional || (next?.provisional ?? false),
    level: status.level,
    nextCheckAt: next?.at ?? null,
  };
}

export interface StoredClock<K> {
  key: K;
  clock: Clock;
  projection: ClockProjection;
}

export interface ClockChange<K> {
  key: K;
  before: ClockProjection;
  after: ClockProjection;
}

function same(a: ClockProjection, b: ClockProjection): boolean {
  return (
    a.dueAt === b.dueAt &&
    a.provisional === b.provisional &&
    a.level === b.level &&
    a.nextCheckAt === b.nextCheckAt
  );
}

/** Re-evaluates stored clocks against `ctx` (typically a calendar with a new or amended year). */
export function recomputeClocks<K>(
  stored: Iterable<StoredClock<K>>,
  now: Instant | Date,
  ctx: ClockContext,
): ClockChange<K>[] {
  const changes: ClockChange<K>[] = [];
  for (const { key, clock, projection } of stored) {
    const after = projectClock(clock, now, ctx);
    if (!same(projection, after)) changes.push({ key, before: projection, after });
  }
  return changes;
}

/**
 * The supervision sweep (电子监察). Invoked by the EventBridge schedule in the cloud and by the
 * local runtime's timer on the same cadence. Until the supervision issue lands it examines
 * nothing and changes nothing: the schedule, retries and dead-letter queue are proven around it.
 */
import { logger } from '../http/observability.ts';

export interface SweepSummary {
  at: string;
  examined: number;
  changed: number;
}

export async function runSweep(now: Date): Promise<SweepSummary> {
  return { at: now.toISOString(), examined: 0, changed: 0 };
}

/** The scheduler's event carries the instant it was meant to fire; a retry keeps that instant. */
export async function handler(event: { time?: string } = {}): Promise<SweepSummary> {
  const scheduled = event.time ? new Date(event.time) : new Date();
  const summary = await runSweep(Number.isNaN(scheduled.getTime()) ? new Date() : scheduled);
  logger.info('Supervision sweep', { ...summary });
  return summary;
}

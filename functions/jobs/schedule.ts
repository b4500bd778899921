/**
 * The supervision sweep's cadence. The EventBridge schedule and the local runtime's timer both
 * read it, so the sweep fires on the same instants in the cloud and on one machine.
 */
export const sweepSchedule = {
  everyMinutes: 5,
  timeZone: 'Asia/Shanghai',
} as const;

/** The next firing instant strictly after `now`, on the schedule's minute boundaries. */
export function nextSweepAt(now: Date, everyMinutes: number = sweepSchedule.everyMinutes): Date {
  const period = everyMinutes * 60_000;
  return new Date((Math.floor(now.getTime() / period) + 1) * period);
}

/**
 * The cadences of the scheduled jobs. The EventBridge schedules and the local runtime's timers both
 * read them, so the jobs fire on the same instants in the cloud and on one machine.
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

/**
 * The messages job (jobs/messages.ts): every minute, so a "your number is near" message leaves
 * within a minute of the call that brought the number near, and a failed one is retried on time.
 */
export const messagesSchedule = {
  everyMinutes: 1,
  timeZone: 'Asia/Shanghai',
} as const;

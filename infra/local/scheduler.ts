/**
 * Fires the scheduled jobs on the instants the cloud schedules fire them: the supervision sweep
 * every N minutes on the minute boundaries (with the event EventBridge Scheduler would send), the
 * figures job's catch-up right after it, and the figures job's month close on the tick of 02:00
 * Beijing time on the 1st (the input the cloud schedules pass).
 */
import { randomUUID } from 'node:crypto';
import { civilDateAt, formatInstant } from '../../functions/domain/calendar/instant.ts';
import { nextSweepAt, sweepSchedule } from '../../functions/jobs/schedule.ts';
import { figuresJobFunction, sweepFunction } from '../functions.ts';
import type { FunctionHost } from './function-host.ts';

export interface LocalScheduler {
  stop(): Promise<void>;
}

export function scheduledEvent(at: Date) {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.scheduler',
    account: '000000000000',
    time: at.toISOString(),
    region: 'local',
    resources: ['arn:aws:scheduler:local:000000000000:schedule/default/yichuang-supervision-sweep'],
    detail: {},
  };
}

/** The tick that closes the month: 02:00 on the 1st, Beijing time (infra/cloud/figures.ts). */
export function closesMonth(at: Date): boolean {
  return civilDateAt(at).endsWith('-01') && formatInstant(at.getTime()).slice(11, 16) === '02:00';
}

export function startScheduler(host: FunctionHost, log: (line: string) => void): LocalScheduler {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;

  const arm = () => {
    const at = nextSweepAt(new Date(), sweepSchedule.everyMinutes);
    timer = setTimeout(() => {
      if (stopped) return;
      const time = at.toISOString();
      const job = (action: 'catch-up' | 'close-month') =>
        host
          .invoke(figuresJobFunction, { action, time })
          .then((result) => log(`figures ${action} at ${time}: ${JSON.stringify(result)}`))
          .catch((error: Error) => log(`figures ${action} at ${time} failed: ${error.message}`));
      running = host
        .invoke(sweepFunction, scheduledEvent(at))
        .then((summary) => log(`supervision sweep at ${time}: ${JSON.stringify(summary)}`))
        .catch((error: Error) => log(`supervision sweep at ${time} failed: ${error.message}`))
        // The cards the sweep issued are counted by the catch-up that follows it.
        .then(() => job('catch-up'))
        .then(() => (closesMonth(at) ? job('close-month') : undefined));
      arm();
    }, at.getTime() - Date.now());
  };
  arm();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

/**
 * Fires the scheduled jobs on the instants the cloud schedules fire them (every N minutes on the
 * minute boundaries), with the event EventBridge Scheduler would send: the supervision sweep every
 * five minutes, followed by the figures job's catch-up (and, on the tick of 02:00 Beijing time on
 * the 1st, its month close — the input the cloud schedules pass), and the messages job every minute.
 */
import { randomUUID } from 'node:crypto';
import { civilDateAt, formatInstant } from '../../functions/domain/calendar/instant.ts';
import { messagesSchedule, nextSweepAt, sweepSchedule } from '../../functions/jobs/schedule.ts';
import {
  type FunctionDefinition,
  figuresJobFunction,
  messagesFunction,
  sweepFunction,
} from '../functions.ts';
import type { FunctionHost } from './function-host.ts';

export interface LocalScheduler {
  stop(): Promise<void>;
}

export function scheduledEvent(at: Date, schedule = 'yichuang-supervision-sweep') {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.scheduler',
    account: '000000000000',
    time: at.toISOString(),
    region: 'local',
    resources: [`arn:aws:scheduler:local:000000000000:schedule/default/${schedule}`],
    detail: {},
  };
}

/** The tick that closes the month: 02:00 on the 1st, Beijing time (infra/cloud/figures.ts). */
export function closesMonth(at: Date): boolean {
  return civilDateAt(at).endsWith('-01') && formatInstant(at.getTime()).slice(11, 16) === '02:00';
}

interface LocalJob {
  fn: FunctionDefinition;
  everyMinutes: number;
  schedule: string;
  label: string;
  /** Whether to log a run's summary (a job that runs every minute logs only runs that did something); failures always. */
  logRun: (summary: unknown) => boolean;
  /** What runs after the job, on the same tick. */
  after?: (at: Date, log: (line: string) => void, host: FunctionHost) => Promise<unknown>;
}

/** The figures job after each sweep: the cards the sweep issued are counted by its catch-up. */
function figuresAfterSweep(at: Date, log: (line: string) => void, host: FunctionHost) {
  const time = at.toISOString();
  const job = (action: 'catch-up' | 'close-month') =>
    host
      .invoke(figuresJobFunction, { action, time })
      .then((result) => log(`figures ${action} at ${time}: ${JSON.stringify(result)}`))
      .catch((error: Error) => log(`figures ${action} at ${time} failed: ${error.message}`));
  return job('catch-up').then(() => (closesMonth(at) ? job('close-month') : undefined));
}

const jobs: LocalJob[] = [
  {
    fn: sweepFunction,
    everyMinutes: sweepSchedule.everyMinutes,
    schedule: 'yichuang-supervision-sweep',
    label: 'supervision sweep',
    logRun: () => true,
    after: figuresAfterSweep,
  },
  {
    fn: messagesFunction,
    everyMinutes: messagesSchedule.everyMinutes,
    schedule: 'yichuang-messages',
    label: 'messages',
    logRun: (summary) => ((summary as { examined?: number } | undefined)?.examined ?? 0) > 0,
  },
];
export function startScheduler(host: FunctionHost, log: (line: string) => void): LocalScheduler {
  const timers = new Map<LocalJob, NodeJS.Timeout>();
  const running = new Set<Promise<unknown>>();
  let stopped = false;

  const arm = (job: LocalJob) => {
    const at = nextSweepAt(new Date(), job.everyMinutes);
    timers.set(
      job,
      setTimeout(() => {
        if (stopped) return;
        const run = host
          .invoke(job.fn, scheduledEvent(at, job.schedule))
          .then((summary) => {
            if (job.logRun(summary)) log(`${job.label} at ${at.toISOString()}: ${JSON.stringify(summary)}`);
          })
          .catch((error: Error) => log(`${job.label} at ${at.toISOString()} failed: ${error.message}`))
          .then(() => job.after?.(at, log, host))
          .finally(() => running.delete(run));
        running.add(run);
        arm(job);
      }, at.getTime() - Date.now()),
    );
  };
  for (const job of jobs) arm(job);

  return {
    async stop() {
      stopped = true;
      for (const timer of timers.values()) clearTimeout(timer);
      await Promise.all(running);
    },
  };
}

/**
 * Fires the scheduled jobs on the instants the cloud schedules fire them (every N minutes on the
 * minute boundaries), with the event EventBridge Scheduler would send: the supervision sweep every
 * five minutes, the messages job every minute.
 */
import { randomUUID } from 'node:crypto';
import { messagesSchedule, nextSweepAt, sweepSchedule } from '../../functions/jobs/schedule.ts';
import { type FunctionDefinition, messagesFunction, sweepFunction } from '../functions.ts';
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

interface LocalJob {
  fn: FunctionDefinition;
  everyMinutes: number;
  schedule: string;
  label: string;
  /** Whether to log a run's summary (a job that runs every minute logs only runs that did something); failures always. */
  logRun: (summary: unknown) => boolean;
}

const jobs: LocalJob[] = [
  {
    fn: sweepFunction,
    everyMinutes: sweepSchedule.everyMinutes,
    schedule: 'yichuang-supervision-sweep',
    label: 'supervision sweep',
    logRun: () => true,
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

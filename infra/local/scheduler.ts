/**
 * Fires the supervision sweep on the instants the cloud schedule fires it (every N minutes on the
 * minute boundaries), with the event EventBridge Scheduler would send.
 */
import { randomUUID } from 'node:crypto';
import { nextSweepAt, sweepSchedule } from '../../functions/jobs/schedule.ts';
import { sweepFunction } from '../functions.ts';
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

export function startScheduler(host: FunctionHost, log: (line: string) => void): LocalScheduler {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;

  const arm = () => {
    const at = nextSweepAt(new Date(), sweepSchedule.everyMinutes);
    timer = setTimeout(() => {
      if (stopped) return;
      running = host
        .invoke(sweepFunction, scheduledEvent(at))
        .then((summary) => log(`supervision sweep at ${at.toISOString()}: ${JSON.stringify(summary)}`))
        .catch((error: Error) => log(`supervision sweep at ${at.toISOString()} failed: ${error.message}`));
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

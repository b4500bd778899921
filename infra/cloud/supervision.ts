/**
 * The supervision sweep in the cloud: an EventBridge Scheduler schedule on the cadence of
 * functions/jobs/schedule.ts (the local runtime's timer reads the same value), retries and a
 * dead-letter queue for invocations that could not be delivered, and alarms for a failing sweep,
 * undelivered invocations and a sweep that stopped running.
 */
import { Duration, TimeZone } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  jobDeadLetterAlarm,
  jobDeadLetterQueue,
  jobErrorsAlarm,
  jobSchedulerRole,
} from './scheduled-jobs.ts';

export interface SweepCadence {
  everyMinutes: number;
  timeZone: string;
}

/** `0/5`: on minute boundaries, every `everyMinutes` minutes, like `nextSweepAt` computes locally. */
export function sweepMinuteField(cadence: SweepCadence): string {
  return `0/${cadence.everyMinutes}`;
}

/** Delivery attempts after the first; a sweep that cannot run is superseded by the next one anyway. */
export const sweepRetryAttempts = 2;

export interface SupervisionProps {
  sweep: IFunction;
  cadence: SweepCadence;
}

export class Supervision extends Construct {
  readonly deadLetterQueue: Queue;
  readonly schedule: Schedule;
  readonly errorsAlarm: Alarm;
  readonly deadLetterAlarm: Alarm;
  readonly silenceAlarm: Alarm;

  constructor(scope: Construct, id: string, props: SupervisionProps) {
    super(scope, id);
    const { sweep, cadence } = props;
    const period = Duration.minutes(cadence.everyMinutes);

    this.deadLetterQueue = jobDeadLetterQueue(this, 'SweepDeadLetters');
    const role = jobSchedulerRole(
      this,
      'SchedulerRole',
      sweep,
      'EventBridge Scheduler: invoke the supervision sweep, dead-letter what it cannot deliver',
    );

    this.schedule = new Schedule(this, 'SweepSchedule', {
      description: `Supervision sweep every ${cadence.everyMinutes} minutes (${cadence.timeZone})`,
      schedule: ScheduleExpression.cron({
        minute: sweepMinuteField(cadence),
        timeZone: TimeZone.of(cadence.timeZone),
      }),
      target: new LambdaInvoke(sweep, {
        role,
        deadLetterQueue: this.deadLetterQueue,
        retryAttempts: sweepRetryAttempts,
        // An invocation older than one period is stale: the next sweep covers the same due items.
        maxEventAge: period.toSeconds() >= 60 ? period : Duration.minutes(1),
      }),
    });

    this.errorsAlarm = jobErrorsAlarm(
      this,
      'SweepErrors',
      sweep,
      period,
      'The supervision sweep failed: statutory clocks may not be warned or escalated.',
    );
    this.deadLetterAlarm = jobDeadLetterAlarm(
      this,
      'SweepDeadLetterDepth',
      this.deadLetterQueue,
      period,
      'Scheduler could not deliver a sweep invocation: see the dead-letter queue.',
    );

    // Three missed periods in a row: the schedule is disabled, deleted or cannot invoke the function.
    this.silenceAlarm = new Alarm(this, 'SweepSilent', {
      alarmDescription: 'The supervision sweep has not run for three periods.',
      metric: sweep.metricInvocations({
        period: Duration.minutes(cadence.everyMinutes * 3),
        statistic: 'Sum',
      }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.BREACHING,
    });
  }
}

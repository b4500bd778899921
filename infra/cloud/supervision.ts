/**
 * The supervision sweep in the cloud: an EventBridge Scheduler schedule on the cadence of
 * functions/jobs/schedule.ts (the local runtime's timer reads the same value), retries and a
 * dead-letter queue for invocations that could not be delivered, and alarms for a failing sweep,
 * undelivered invocations and a sweep that stopped running.
 */
import { Duration, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction, IFunction } from 'aws-cdk-lib/aws-lambda';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

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

/**
 * The role a schedule invokes a job with: trusted only by EventBridge Scheduler schedules of this
 * account's default group; the invoke grant is added by the target (grantInvoke).
 */
export function schedulerInvokeRole(scope: Construct, id: string, job: IFunction, description: string): Role {
  const stack = Stack.of(scope);
  const role = new Role(scope, id, {
    description,
    assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
      conditions: {
        StringEquals: {
          'aws:SourceAccount': stack.account,
          'aws:SourceArn': stack.formatArn({
            service: 'scheduler',
            resource: 'schedule-group',
            resourceName: 'default',
          }),
        },
      },
    }),
  });
  Validations.of(role).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(job.node.defaultChild as CfnFunction)}.Arn>:*]`,
    reason:
      "lambda:InvokeFunction on the job's versions and aliases (ARN:*) is how grantInvoke grants it; " +
      'the resource is this one function, the scheduler invokes its unqualified ARN.',
  });
  return role;
}

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

    this.deadLetterQueue = new Queue(this, 'SweepDeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself a dead-letter queue: the DeadLetterConfig of the sweep schedule target. ' +
        'cdk-nag only recognises DLQs named in an SQS RedrivePolicy or a Lambda DeadLetterConfig.',
    });

    const role = schedulerInvokeRole(
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

    this.errorsAlarm = new Alarm(this, 'SweepErrors', {
      alarmDescription: 'The supervision sweep failed: statutory clocks may not be warned or escalated.',
      metric: sweep.metricErrors({ period, statistic: 'Sum' }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    this.deadLetterAlarm = new Alarm(this, 'SweepDeadLetterDepth', {
      alarmDescription: 'Scheduler could not deliver a sweep invocation: see the dead-letter queue.',
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

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

/**
 * What every scheduled job of the stack has (the supervision sweep, the figures job, the messages job): a
 * dead-letter queue for invocations Scheduler could not deliver, Scheduler's own role — trusted
 * only by this account's default schedule group, allowed to invoke the one function and to
 * dead-letter — and alarms on the function's errors and on any dead letter.
 */
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction, IFunction } from 'aws-cdk-lib/aws-lambda';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

export function jobDeadLetterQueue(scope: Construct, id: string): Queue {
  const queue = new Queue(scope, id, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  Validations.of(queue).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason:
      'This queue is itself a dead-letter queue: the DeadLetterConfig of a Scheduler schedule target. ' +
      'cdk-nag only recognises DLQs named in an SQS RedrivePolicy or a Lambda DeadLetterConfig.',
  });
  return queue;
}

export function jobSchedulerRole(scope: Construct, id: string, fn: IFunction, description: string): Role {
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
    id: `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(fn.node.defaultChild as CfnFunction)}.Arn>:*]`,
    reason:
      "lambda:InvokeFunction on the function's versions and aliases (ARN:*) is how grantInvoke grants it; " +
      'the resource is this one function, the scheduler invokes its unqualified ARN.',
  });
  return role;
}

export function jobErrorsAlarm(
  scope: Construct,
  id: string,
  fn: IFunction,
  period: Duration,
  description: string,
  threshold = 1,
) {
  return new Alarm(scope, id, {
    alarmDescription: description,
    metric: fn.metricErrors({ period, statistic: 'Sum' }),
    threshold,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    evaluationPeriods: 1,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
}

export function jobDeadLetterAlarm(
  scope: Construct,
  id: string,
  queue: Queue,
  period: Duration,
  description: string,
) {
  return new Alarm(scope, id, {
    alarmDescription: description,
    metric: queue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }),
    threshold: 0,
    comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: 1,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
}

/**
 * The supervision sweep's schedule, dead-letter queue and alarms, compared with sweepSchedule.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextSweepAt, sweepSchedule } from '../../functions/jobs/schedule.ts';
import { sweepRetryAttempts } from '../../infra/cloud/supervision.ts';
import { sweepFunction } from '../../infra/functions.ts';
import { defined, resource, resourcesOfType, type Synthesized, synthesize } from './synth.ts';

let synth: Synthesized;
beforeAll(() => {
  synth = synthesize();
});
afterAll(() => synth?.dispose());

type Properties = Record<string, unknown>;
const sweepId = () => synth.id(synth.stack.lambdas.get(sweepFunction.name));
const queueId = () => synth.id(synth.stack.supervision.deadLetterQueue);

describe('the sweep schedule', () => {
  const schedule = () =>
    resource(synth.template, synth.id(synth.stack.supervision.schedule)).Properties as Properties;

  it('fires every sweepSchedule.everyMinutes minutes on minute boundaries, in its time zone', () => {
    expect(schedule().ScheduleExpression).toBe(`cron(0/${sweepSchedule.everyMinutes} * * * ? *)`);
    expect(schedule().ScheduleExpressionTimezone).toBe(sweepSchedule.timeZone);
    expect(schedule().FlexibleTimeWindow).toEqual({ Mode: 'OFF' });
    expect(schedule().State).toBe('ENABLED');
  });

  it('fires on the same instants as the local timer (nextSweepAt)', () => {
    // `0/n` restarts at every hour; nextSweepAt counts from the epoch. They agree when n divides 60.
    const cronMinutes = new Set<number>();
    for (let minute = 0; minute < 60; minute += sweepSchedule.everyMinutes) cronMinutes.add(minute);
    const localMinutes = new Set<number>();
    let at = new Date(Date.UTC(2026, 10, 27, 0, 0, 0));
    for (let i = 0; i < 3 * cronMinutes.size; i++) {
      at = nextSweepAt(at);
      localMinutes.add(at.getUTCMinutes());
    }
    expect(localMinutes).toEqual(cronMinutes);
  });

  it('invokes the sweep function with retries, a maximum event age and a dead-letter queue', () => {
    const target = schedule().Target as Properties;
    expect(target.Arn).toEqual({ 'Fn::GetAtt': [sweepId(), 'Arn'] });
    expect(target.DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': [queueId(), 'Arn'] } });
    expect(target.RetryPolicy).toEqual({
      MaximumRetryAttempts: sweepRetryAttempts,
      MaximumEventAgeInSeconds: Math.max(60, sweepSchedule.everyMinutes * 60),
    });
  });

  it('runs as a role that may invoke the sweep and dead-letter, trusted only by Scheduler in this account', () => {
    const target = schedule().Target as { RoleArn: { 'Fn::GetAtt': [string, string] } };
    const roleId = target.RoleArn['Fn::GetAtt'][0];
    const trust = (resource(synth.template, roleId).Properties as Properties).AssumeRolePolicyDocument as {
      Statement: { Principal: { Service: string }; Condition: { StringEquals: Properties } }[];
    };
    expect(trust.Statement.map((statement) => statement.Principal.Service)).toEqual([
      'scheduler.amazonaws.com',
    ]);
    expect(trust.Statement[0]?.Condition.StringEquals['aws:SourceAccount']).toEqual({
      Ref: 'AWS::AccountId',
    });

    const statements = resourcesOfType(synth.template, 'AWS::IAM::Policy')
      .filter(([, policy]) => JSON.stringify(policy.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
      .flatMap(([, policy]) => (policy.Properties.PolicyDocument as { Statement: Properties[] }).Statement);
    expect(statements.map((statement) => statement.Action).sort()).toEqual([
      'lambda:InvokeFunction',
      'sqs:SendMessage',
    ]);
  });
});

describe('the dead-letter queue', () => {
  it('is encrypted and refuses requests without TLS', () => {
    const queue = resource(synth.template, queueId()).Properties as Properties;
    expect(queue.SqsManagedSseEnabled).toBe(true);
    const [, policy] = defined(
      resourcesOfType(synth.template, 'AWS::SQS::QueuePolicy').find(([, candidate]) =>
        JSON.stringify(candidate.Properties.Queues).includes(queueId()),
      ),
      'the queue policy',
    );
    expect((policy.Properties.PolicyDocument as { Statement: Properties[] }).Statement).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Action: 'sqs:*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
  });
});

describe('the alarms', () => {
  const alarms = () =>
    resourcesOfType(synth.template, 'AWS::CloudWatch::Alarm').map(
      ([, alarm]) => alarm.Properties as Properties,
    );

  it('watch the sweep function for errors', () => {
    expect(alarms()).toContainEqual(
      expect.objectContaining({
        Namespace: 'AWS/Lambda',
        MetricName: 'Errors',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: sweepId() } }],
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        Threshold: 1,
      }),
    );
  });

  it('watch the dead-letter queue for any message', () => {
    expect(alarms()).toContainEqual(
      expect.objectContaining({
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId(), 'QueueName'] } }],
        ComparisonOperator: 'GreaterThanThreshold',
        Threshold: 0,
      }),
    );
  });

  it('watch for a sweep that stopped running', () => {
    expect(alarms()).toContainEqual(
      expect.objectContaining({
        Namespace: 'AWS/Lambda',
        MetricName: 'Invocations',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: sweepId() } }],
        ComparisonOperator: 'LessThanThreshold',
        Threshold: 1,
        TreatMissingData: 'breaching',
      }),
    );
  });
});

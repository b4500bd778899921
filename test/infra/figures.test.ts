/**
 * The figures job in the cloud, against the real synthesized template: its two schedules (the
 * catch-up on the sweep's cadence, the month close at 02:00 on the 1st) with retries, a
 * dead-letter queue and alarms; the ledger bucket — private, encrypted, TLS only, logged, retained —
 * with the Glue database and table Athena reads (the ledger's columns, partitions found by
 * projection over the very paths the job writes); the `figures` index in the table; and the grants:
 * the job writes, lists and deletes under `ledger/` and nothing else, no other function touches the
 * bucket, and the job does not publish on the event bus. (cdk-nag for the whole stack: nag.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centreConfig } from '../../functions/config/centre.ts';
import { ledgerColumns } from '../../functions/domain/figures/ledger.ts';
import { sweepSchedule } from '../../functions/jobs/schedule.ts';
import {
  ledgerArchiveEnv,
  ledgerPartitionPrefix,
  ledgerPrefix,
} from '../../functions/store/figures/ledger-archive.ts';
import { figuresShards } from '../../functions/store/table.ts';
import { ledgerDatabaseName, ledgerTableName } from '../../infra/cloud/figures.ts';
import { accessFor } from '../../infra/cloud/lambdas.ts';
import { figuresJobFunction, functionDefinitions } from '../../infra/functions.ts';
import { defined, resource, resourcesOfType, type Synthesized, synthesize } from './synth.ts';

let synth: Synthesized;
beforeAll(() => {
  synth = synthesize();
});
afterAll(() => synth?.dispose());

type Properties = Record<string, unknown>;
type Statement = { Action: string | string[]; Effect: string; Resource: unknown; Condition?: unknown };

const jobId = () => synth.id(synth.stack.lambdas.get(figuresJobFunction.name));
const bucketId = () => synth.id(synth.stack.figures.ledgerBucket);
const bucket = () => resource(synth.template, bucketId());
const queueId = () => synth.id(synth.stack.figures.deadLetterQueue);

function roleStatements(functionId: string): Statement[] {
  const roleId = (resource(synth.template, functionId).Properties.Role as { 'Fn::GetAtt': [string, string] })[
    'Fn::GetAtt'
  ][0];
  return resourcesOfType(synth.template, 'AWS::IAM::Policy')
    .filter(([, policy]) =>
      (policy.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId),
    )
    .flatMap(([, policy]) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}

describe('the figures job’s schedules', () => {
  const props = (construct: Parameters<Synthesized['id']>[0]) =>
    resource(synth.template, synth.id(construct)).Properties as Properties;

  it('catch up on the sweep’s cadence and close each month at 02:00 on the 1st, Beijing time', () => {
    const catchUp = props(synth.stack.figures.catchUpSchedule);
    expect(catchUp.ScheduleExpression).toBe(`cron(0/${sweepSchedule.everyMinutes} * * * ? *)`);
    expect(catchUp.ScheduleExpressionTimezone).toBe('Asia/Shanghai');
    expect(JSON.parse((catchUp.Target as { Input: string }).Input)).toEqual({ action: 'catch-up' });
    const close = props(synth.stack.figures.closeMonthSchedule);
    expect(close.ScheduleExpression).toBe('cron(0 2 1 * ? *)');
    expect(close.ScheduleExpressionTimezone).toBe('Asia/Shanghai');
    expect(JSON.parse((close.Target as { Input: string }).Input)).toEqual({
      action: 'close-month',
      time: '<aws.scheduler.scheduled-time>',
    });
  });

  it('invoke the job with retries and dead-letter what they cannot deliver, watched by alarms', () => {
    for (const schedule of [synth.stack.figures.catchUpSchedule, synth.stack.figures.closeMonthSchedule]) {
      const target = props(schedule).Target as Properties;
      expect(target.Arn).toEqual({ 'Fn::GetAtt': [jobId(), 'Arn'] });
      expect(target.DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': [queueId(), 'Arn'] } });
      expect((target.RetryPolicy as { MaximumRetryAttempts: number }).MaximumRetryAttempts).toBeGreaterThan(
        0,
      );
    }
    const alarms = resourcesOfType(synth.template, 'AWS::CloudWatch::Alarm').map(
      ([, alarm]) => alarm.Properties,
    );
    expect(alarms).toContainEqual(
      expect.objectContaining({
        MetricName: 'Errors',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: jobId() } }],
      }),
    );
    expect(alarms).toContainEqual(
      expect.objectContaining({
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId(), 'QueueName'] } }],
      }),
    );
  });

  it('runs the job with Lambda’s longest timeout, the bucket named in its environment', () => {
    const fn = resource(synth.template, jobId()).Properties;
    expect(fn.Timeout).toBe(900);
    expect((fn.Environment as { Variables: Properties }).Variables[ledgerArchiveEnv.bucket]).toEqual({
      Ref: bucketId(),
    });
  });
});

describe('the ledger bucket', () => {
  it('is private, encrypted, logged and kept when the stack goes', () => {
    const { Properties, DeletionPolicy } = bucket();
    expect(Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(Properties.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    expect(Properties.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    });
    expect(Properties.LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: synth.id(synth.stack.site.logBucket) },
      LogFilePrefix: 's3/ledger/',
    });
    expect(DeletionPolicy).toBe('Retain');
  });

  it('refuses requests without TLS 1.2 and allows nobody anything by its own policy', () => {
    const [, policy] = defined(
      resourcesOfType(synth.template, 'AWS::S3::BucketPolicy').find(
        ([, candidate]) =>
          JSON.stringify(candidate.Properties.Bucket) === JSON.stringify({ Ref: bucketId() }),
      ),
      'the ledger bucket policy',
    );
    const statements = (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement;
    expect(statements.filter((statement) => statement.Effect === 'Allow')).toEqual([]);
    expect(statements.map((statement) => statement.Condition)).toEqual(
      expect.arrayContaining([
        { Bool: { 'aws:SecureTransport': 'false' } },
        { NumericLessThan: { 's3:TlsVersion': 1.2 } },
      ]),
    );
  });

  it('is written, listed and pruned by the figures job under ledger/ only, and by no other function', () => {
    const onBucket = (statement: Statement) => JSON.stringify(statement.Resource).includes(bucketId());
    const job = roleStatements(jobId()).filter(onBucket);
    expect(job).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Action: ['s3:DeleteObject', 's3:PutObject'],
          Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId(), 'Arn'] }, `/${ledgerPrefix}*`]] },
        }),
        expect.objectContaining({
          Action: 's3:ListBucket',
          Resource: { 'Fn::GetAtt': [bucketId(), 'Arn'] },
          Condition: { StringLike: { 's3:prefix': [`${ledgerPrefix}*`] } },
        }),
      ]),
    );
    expect(job).toHaveLength(2);
    for (const definition of functionDefinitions()) {
      if (definition.name === figuresJobFunction.name) continue;
      const id = synth.id(synth.stack.lambdas.get(definition.name));
      expect(roleStatements(id).filter(onBucket), definition.name).toEqual([]);
    }
  });

  it('leaves the job off the event bus: it announces nothing', () => {
    expect(accessFor(figuresJobFunction).putEvents).toBe(false);
    const actions = roleStatements(jobId()).flatMap((statement) => [statement.Action].flat());
    expect(actions).not.toContain('events:PutEvents');
  });
});

describe('the Glue table Athena reads', () => {
  const table = () => resource(synth.template, synth.id(synth.stack.figures.table)).Properties as Properties;
  const input = () => table().TableInput as Properties & { Parameters: Record<string, unknown> };

  it('is `yichuang_ledger.cases`, one string column per ledger column, in the ledger’s order', () => {
    const database = resource(synth.template, synth.id(synth.stack.figures.database))
      .Properties as Properties;
    expect((database.DatabaseInput as Properties).Name).toBe(ledgerDatabaseName);
    expect(table().DatabaseName).toBe(ledgerDatabaseName);
    expect(input().Name).toBe(ledgerTableName);
    expect(input().TableType).toBe('EXTERNAL_TABLE');
    const storage = input().StorageDescriptor as Properties;
    expect(
      (storage.Columns as { Name: string; Type: string }[]).map(({ Name, Type }) => [Name, Type]),
    ).toEqual(ledgerColumns.map((column) => [column.key.toLowerCase(), 'string']));
    expect((storage.SerdeInfo as Properties).SerializationLibrary).toBe('org.openx.data.jsonserde.JsonSerDe');
  });

  it('finds the partitions the job writes by projection: the centre, and every month since 2020', () => {
    expect((input().PartitionKeys as { Name: string }[]).map((key) => key.Name)).toEqual(['centre', 'month']);
    const parameters = input().Parameters;
    expect(parameters).toMatchObject({
      'projection.enabled': 'true',
      'projection.centre.type': 'enum',
      'projection.centre.values': centreConfig.code,
      'projection.month.type': 'date',
      'projection.month.format': 'yyyy-MM',
      'projection.month.range': '2020-01,NOW',
    });
    // The template the job's own paths fill in: s3://<bucket>/ledger/centre=…/month=…/
    const template = JSON.stringify(parameters['storage.location.template']);
    expect(template).toContain(JSON.stringify({ Ref: bucketId() }));
    // Athena's own placeholders, `${centre}` and `${month}`, as the template spells them.
    const placeholder = (name: string) => `\${${name}}`;
    const filled = ledgerPartitionPrefix(placeholder('centre'), placeholder('month'));
    expect(template).toContain(filled);
  });
});

describe('the table’s figures index', () => {
  it('is sparse and sharded like the clocks index: the catch-up reads each shard for old marks', () => {
    const tableProps = resource(synth.template, synth.id(synth.stack.data.table)).Properties as Properties;
    const index = (tableProps.GlobalSecondaryIndexes as { IndexName: string; KeySchema: unknown }[]).find(
      (candidate) => candidate.IndexName === 'figures',
    );
    expect(index?.KeySchema).toEqual([
      { AttributeName: 'figuresShard', KeyType: 'HASH' },
      { AttributeName: 'figuresDueAt', KeyType: 'RANGE' },
    ]);
    expect(figuresShards).toHaveLength(8);
  });
});

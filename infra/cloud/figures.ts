/**
 * The figures job in the cloud (functions/jobs/figures.ts) and the case ledger archive a province
 * queries with Athena:
 *
 * - two EventBridge Scheduler schedules invoking the job: the catch-up every 5 minutes (the
 *   sweep's cadence) and the month's close at 02:00 on the 1st (Beijing time), each with retries,
 *   a dead-letter queue and alarms (scheduled-jobs.ts);
 * - the ledger bucket: private (public access blocked, no ACLs), SSE-S3, TLS only, access-logged
 *   to the site's log bucket, kept when the stack is deleted; parts move to Infrequent Access
 *   after 90 days (a closed month is read by the odd query, not every day);
 * - a Glue database and table over `ledger/centre=…/month=…/part-*.jsonl` (the OpenX JSON SerDe,
 *   one string column per ledger column, `centre` and `month` as partition keys found by
 *   partition projection — no crawler and no `MSCK REPAIR`: a new month is queryable as soon as
 *   its parts are written);
 * - the job's grants on the bucket: write, list and delete under `ledger/` only (re-archiving a
 *   month replaces its parts); no other function touches it.
 */
import { Duration, RemovalPolicy, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { CfnDatabase, CfnTable } from 'aws-cdk-lib/aws-glue';
import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type IBucket,
  ObjectOwnership,
  StorageClass,
} from 'aws-cdk-lib/aws-s3';
import {
  ContextAttribute,
  Schedule,
  ScheduleExpression,
  ScheduleTargetInput,
} from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ledgerColumns } from '../../functions/domain/figures/ledger.ts';
import { ledgerArchiveEnv, ledgerPrefix } from '../../functions/store/figures/ledger-archive.ts';
import { nagResource } from './nag.ts';
import {
  jobDeadLetterAlarm,
  jobDeadLetterQueue,
  jobErrorsAlarm,
  jobSchedulerRole,
} from './scheduled-jobs.ts';
import type { SweepCadence } from './supervision.ts';

/** The Glue database and table names Athena queries: `SELECT … FROM yichuang_ledger.cases`. */
export const ledgerDatabaseName = 'yichuang_ledger';
export const ledgerTableName = 'cases';
/** The first month partition projection offers; older months simply have no parts. */
export const ledgerFirstMonth = '2020-01';

export interface FiguresProps {
  job: NodejsFunction;
  cadence: SweepCadence;
  /** The centre's code: the one value of the `centre` partition. */
  centre: string;
  /** Where the bucket's server access logs go: the site's log bucket. */
  logBucket: IBucket;
}

export class Figures extends Construct {
  readonly ledgerBucket: Bucket;
  readonly database: CfnDatabase;
  readonly table: CfnTable;
  readonly catchUpSchedule: Schedule;
  readonly closeMonthSchedule: Schedule;
  readonly deadLetterQueue: Queue;
  readonly errorsAlarm: Alarm;
  readonly deadLetterAlarm: Alarm;
  readonly jobPolicy: Policy;

  constructor(scope: Construct, id: string, props: FiguresProps) {
    super(scope, id);
    const { job, cadence } = props;
    const stack = Stack.of(this);

    this.ledgerBucket = new Bucket(this, 'LedgerBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      serverAccessLogsBucket: props.logBucket,
      serverAccessLogsPrefix: 's3/ledger/',
      lifecycleRules: [
        {
          id: 'closed-months-to-infrequent-access',
          prefix: ledgerPrefix,
          transitions: [{ storageClass: StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(90) }],
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // The job writes, lists and replaces parts under ledger/ and nothing else.
    const objects = this.ledgerBucket.arnForObjects(`${ledgerPrefix}*`);
    this.jobPolicy = new Policy(this, 'JobLedgerAccess', {
      statements: [
        new PolicyStatement({ actions: ['s3:PutObject', 's3:DeleteObject'], resources: [objects] }),
        new PolicyStatement({
          actions: ['s3:ListBucket'],
          resources: [this.ledgerBucket.bucketArn],
          conditions: { StringLike: { 's3:prefix': [`${ledgerPrefix}*`] } },
        }),
      ],
    });
    if (!job.role) throw new Error('The figures job has no role');
    this.jobPolicy.attachToRole(job.role);
    Validations.of(this.jobPolicy).acknowledge({
      id: `AwsSolutions-IAM5[${nagResource(this, objects)}]`,
      reason:
        'The figures job writes one object per part of each archived month (ledger/centre=…/month=…/part-NNNNN.jsonl) and removes the parts a re-archived month no longer has: the keys are made at run time, the grant is limited to the ledger/ prefix of this one bucket.',
    });
    job.addEnvironment(ledgerArchiveEnv.bucket, this.ledgerBucket.bucketName);

    this.database = new CfnDatabase(this, 'LedgerDatabase', {
      catalogId: stack.account,
      databaseInput: {
        name: ledgerDatabaseName,
        description: '一窗 Yichuang: the case ledger (办件台账) of each closed month, for Athena',
      },
    });
    const location = `s3://${this.ledgerBucket.bucketName}/${ledgerPrefix}`;
    this.table = new CfnTable(this, 'LedgerTable', {
      catalogId: stack.account,
      databaseName: ledgerDatabaseName,
      tableInput: {
        name: ledgerTableName,
        description:
          'One row per case received in the month: the ledger row of the CSV export, applicant masked',
        tableType: 'EXTERNAL_TABLE',
        parameters: {
          classification: 'json',
          'projection.enabled': 'true',
          'projection.centre.type': 'enum',
          'projection.centre.values': props.centre,
          'projection.month.type': 'date',
          'projection.month.format': 'yyyy-MM',
          'projection.month.range': `${ledgerFirstMonth},NOW`,
          'projection.month.interval': '1',
          'projection.month.interval.unit': 'MONTHS',
          'storage.location.template': `${location}centre=\${centre}/month=\${month}/`,
        },
        partitionKeys: [
          { name: 'centre', type: 'string', comment: 'The centre code' },
          {
            name: 'month',
            type: 'string',
            comment: 'The month the cases were received, YYYY-MM (Beijing time)',
          },
        ],
        storageDescriptor: {
          location,
          inputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
          outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
          serdeInfo: {
            serializationLibrary: 'org.openx.data.jsonserde.JsonSerDe',
            parameters: { 'case.insensitive': 'TRUE', 'ignore.malformed.json': 'FALSE' },
          },
          // Glue keeps column names in lower case; the SerDe matches the JSON keys case-insensitively.
          columns: ledgerColumns.map((column) => ({
            name: column.key.toLowerCase(),
            type: 'string',
            comment: column.label,
          })),
        },
      },
    });
    this.table.node.addDependency(this.database);

    this.deadLetterQueue = jobDeadLetterQueue(this, 'JobDeadLetters');
    const role = jobSchedulerRole(
      this,
      'SchedulerRole',
      job,
      'EventBridge Scheduler: invoke the figures job, dead-letter what it cannot deliver',
    );
    const period = Duration.minutes(cadence.everyMinutes);
    this.catchUpSchedule = new Schedule(this, 'CatchUpSchedule', {
      description: `Figures catch-up every ${cadence.everyMinutes} minutes (${cadence.timeZone})`,
      schedule: ScheduleExpression.cron({
        minute: `0/${cadence.everyMinutes}`,
        timeZone: TimeZone.of(cadence.timeZone),
      }),
      target: new LambdaInvoke(job, {
        role,
        input: ScheduleTargetInput.fromObject({ action: 'catch-up' }),
        deadLetterQueue: this.deadLetterQueue,
        retryAttempts: 2,
        // The next run catches up with the same marks.
        maxEventAge: period,
      }),
    });
    this.closeMonthSchedule = new Schedule(this, 'CloseMonthSchedule', {
      description: `Figures: recount the month just ended and archive its ledger (02:00 on the 1st, ${cadence.timeZone})`,
      schedule: ScheduleExpression.cron({
        minute: '0',
        hour: '2',
        day: '1',
        timeZone: TimeZone.of(cadence.timeZone),
      }),
      target: new LambdaInvoke(job, {
        role,
        input: ScheduleTargetInput.fromObject({
          action: 'close-month',
          time: ContextAttribute.scheduledTime,
        }),
        deadLetterQueue: this.deadLetterQueue,
        retryAttempts: 3,
        maxEventAge: Duration.hours(6),
      }),
    });

    this.errorsAlarm = jobErrorsAlarm(
      this,
      'JobErrors',
      job,
      period,
      'The figures job failed: kept figures may lag, or a month was not recounted and archived.',
    );
    this.deadLetterAlarm = jobDeadLetterAlarm(
      this,
      'JobDeadLetterDepth',
      this.deadLetterQueue,
      period,
      'Scheduler could not deliver a figures job invocation: see the dead-letter queue.',
    );
  }
}

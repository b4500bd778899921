/**
 * Messages to visitors in the cloud (functions/jobs/messages.ts): the secret that holds the SMS
 * provider's credentials and sender ids, the schedule that runs the messages job every minute, and
 * an alarm when it fails. Only that job may read the secret and, with the AWS adapter, send SMS:
 * the functions that queue messages (a call, a case decided) never talk to a provider.
 *
 * The adapter is chosen at deployment: `-c messagesAdapter=outbox|aws|aliyun` (default `outbox`,
 * which sends nothing). The secret is created with a placeholder; the operator puts the values
 * (README: The front counter, Messages). Neither the values nor the sender ids are in the template.
 */
import { Duration, RemovalPolicy, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { envNames } from '../../functions/config/env.ts';
import { type AdapterName, adapterNames } from '../../functions/domain/messages/settings.ts';
import { nagResource } from './nag.ts';
import { jobErrorsAlarm, jobSchedulerRole } from './scheduled-jobs.ts';
import { type SweepCadence, sweepMinuteField } from './supervision.ts';

/** What the job calls on AWS End User Messaging SMS, and nothing else. */
export const sendTextActions = ['sms-voice:SendTextMessage'] as const;

export interface MessagesProps {
  adapter: AdapterName;
}

export class Messages extends Construct {
  readonly adapter: AdapterName;
  readonly secret: Secret;
  schedule?: Schedule;
  errorsAlarm?: Alarm;

  constructor(scope: Construct, id: string, props: MessagesProps) {
    super(scope, id);
    if (!adapterNames.includes(props.adapter)) {
      throw new Error(`messagesAdapter must be one of ${adapterNames.join(', ')}, got "${props.adapter}".`);
    }
    this.adapter = props.adapter;
    this.secret = new Secret(this, 'ProviderCredentials', {
      description:
        'Yichuang: the SMS provider credentials and sender ids as JSON — aws {"originationIdentity", "configurationSetName"?}, ' +
        'aliyun {"accessKeyId", "accessKeySecret"}. Put by the operator; read by the messages job only.',
      // A JSON placeholder, so the job reads an object and reports `not-configured` until the operator puts the values.
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ note: 'put the provider credentials here' }),
        generateStringKey: 'placeholder',
        excludePunctuation: true,
      },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        "The SMS provider's keys are issued and rotated at the provider (Alibaba Cloud RAM AccessKey; AWS needs none, the " +
        "function's role signs): the operator puts the new value here, and the job reads it again within five minutes. " +
        'A rotation Lambda cannot create keys at another cloud.',
    });
  }

  /** The job's environment: which adapter, and where its credentials are. */
  environment(): Record<string, string> {
    return { [envNames.messagesAdapter]: this.adapter, [envNames.messagesSecretArn]: this.secret.secretArn };
  }

  /** What the job may do: read the credentials, and with the AWS adapter send text messages. */
  statements(scope: Construct): PolicyStatement[] {
    const statements = [
      new PolicyStatement({
        actions: ['secretsmanager:GetSecretValue'],
        resources: [this.secret.secretArn],
      }),
    ];
    if (this.adapter === 'aws') {
      const stack = Stack.of(scope);
      // The origination identity (a phone number, pool or sender id) lives in the secret, not the
      // template, so the resource is the account's End User Messaging resources in this region.
      const resource = stack.formatArn({ service: 'sms-voice', resource: '*' });
      statements.push(new PolicyStatement({ actions: [...sendTextActions], resources: [resource] }));
      Validations.of(scope).acknowledge({
        id: `AwsSolutions-IAM5[${nagResource(scope, resource)}]`,
        reason:
          'SendTextMessage on this account’s End User Messaging resources in the region: the origination identity the ' +
          'centre registered is a value of the provider secret, kept out of the template; the action is the only one granted.',
      });
    }
    return statements;
  }

  /** Runs the job on its cadence; alarms when it fails. */
  scheduleJob(job: IFunction, cadence: SweepCadence): void {
    const role = jobSchedulerRole(
      this,
      'SchedulerRole',
      job,
      'EventBridge Scheduler: invoke the messages job',
    );
    this.schedule = new Schedule(this, 'Schedule', {
      description: `Messages job every ${cadence.everyMinutes} minute(s) (${cadence.timeZone})`,
      schedule: ScheduleExpression.cron({
        minute: sweepMinuteField(cadence),
        timeZone: TimeZone.of(cadence.timeZone),
      }),
      target: new LambdaInvoke(job, {
        role,
        // A missed run is superseded by the next one a minute later: no retries, no dead letters.
        retryAttempts: 0,
        maxEventAge: Duration.minutes(1),
      }),
    });
    const period = Duration.minutes(5);
    this.errorsAlarm = jobErrorsAlarm(
      this,
      'JobErrors',
      job,
      period,
      'The messages job failed: SMS to visitors are not being sent (they wait, queued).',
      3,
    );
  }
}

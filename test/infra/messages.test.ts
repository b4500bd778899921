/**
 * Messages to visitors in the cloud: the messages job on its every-minute schedule, the provider's
 * secret (in no template: generated, then put by the operator), and least privilege — only the job
 * reads the secret, only the job bundles a provider client, and only with the AWS adapter may it
 * send (SendTextMessage alone), with the cdk-nag finding acknowledged for that grant.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envNames } from '../../functions/config/env.ts';
import { messagesSchedule, nextSweepAt } from '../../functions/jobs/schedule.ts';
import { Messages, sendTextActions } from '../../infra/cloud/messages.ts';
import { type FunctionDefinition, functionDefinitions, messagesFunction } from '../../infra/functions.ts';
import {
  assetDirOf,
  describeViolations,
  readReport,
  reportInsteadOfThrow,
  resource,
  resourcesOfType,
  type Synthesized,
  scratchDir,
  synthesize,
  withNag,
} from './synth.ts';

let synth: Synthesized;
beforeAll(() => {
  synth = synthesize();
});
afterAll(() => synth?.dispose());

type Statement = { Action: string | string[]; Resource: unknown };
type Properties = Record<string, unknown>;

const fnId = (definition: FunctionDefinition) => synth.id(synth.stack.lambdas.get(definition.name));
const secretRef = () => ({ Ref: synth.id(synth.stack.messages.secret) });

function statementsOf(definition: FunctionDefinition): Statement[] {
  const roleId = ((resource(synth.template, fnId(definition)).Properties.Role as { 'Fn::GetAtt': string[] })[
    'Fn::GetAtt'
  ] ?? [])[0];
  return resourcesOfType(synth.template, 'AWS::IAM::Policy')
    .filter(([, policy]) =>
      (policy.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId),
    )
    .flatMap(([, policy]) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}

const actions = (statement: Statement) => [statement.Action].flat();

describe('the messages job', () => {
  const schedule = () =>
    resource(synth.template, synth.id(synth.stack.messages.schedule as never)).Properties as Properties;

  it('runs every minute on minute boundaries, in the centre’s time zone, like the local timer', () => {
    expect(schedule().ScheduleExpression).toBe('cron(0/1 * * * ? *)');
    expect(schedule().ScheduleExpressionTimezone).toBe(messagesSchedule.timeZone);
    const target = schedule().Target as Properties;
    expect(target.Arn).toEqual({ 'Fn::GetAtt': [fnId(messagesFunction), 'Arn'] });
    // A missed run is superseded by the next: no retries.
    expect(target.RetryPolicy).toEqual({ MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 60 });
    const at = nextSweepAt(new Date(Date.UTC(2026, 11, 1, 1, 2, 30)), messagesSchedule.everyMinutes);
    expect(at.toISOString()).toBe('2026-12-01T01:03:00.000Z');
  });

  it('is told its adapter (the outbox by default) and where its credentials are, never their values', () => {
    const variables = (
      resource(synth.template, fnId(messagesFunction)).Properties.Environment as { Variables: Properties }
    ).Variables;
    expect(variables[envNames.messagesAdapter]).toBe('outbox');
    expect(variables[envNames.messagesSecretArn]).toEqual(secretRef());
    const secret = resource(synth.template, synth.id(synth.stack.messages.secret));
    expect(secret.Properties.SecretString).toBeUndefined();
    expect(secret.Properties.GenerateSecretString).toMatchObject({ GenerateStringKey: 'placeholder' });
  });

  it('alone reads the provider secret; with the outbox adapter nothing may send SMS', () => {
    for (const definition of functionDefinitions()) {
      const onSecret = statementsOf(definition).filter(
        (statement) => JSON.stringify(statement.Resource) === JSON.stringify(secretRef()),
      );
      if (definition.name === messagesFunction.name) {
        expect(onSecret.map(actions)).toEqual([['secretsmanager:GetSecretValue']]);
      } else {
        expect(onSecret, definition.name).toEqual([]);
        const variables = (
          resource(synth.template, fnId(definition)).Properties.Environment as { Variables: Properties }
        ).Variables;
        expect(variables[envNames.messagesSecretArn], definition.name).toBeUndefined();
      }
      expect(
        statementsOf(definition)
          .flatMap(actions)
          .filter((action) => action.startsWith('sms-voice:')),
      ).toEqual([]);
    }
  });

  it('alone carries the provider clients: the HTTP functions only queue messages', () => {
    for (const definition of functionDefinitions()) {
      const bundle = readFileSync(
        path.join(assetDirOf(synth.assemblyDir, synth.template, fnId(definition)), 'index.mjs'),
        'utf8',
      );
      // The provider clients' own classes (the settings file, which names the endpoint, rides along
      // with the queueing); Alibaba Cloud's SDK is shipped beside the job's bundle (beside-bundle.test.ts).
      const sends =
        bundle.includes('SendTextMessageCommand') ||
        definition.lazyModules.includes('@alicloud/dysmsapi20170525');
      expect(sends, definition.name).toBe(definition.name === messagesFunction.name);
    }
  });

  it('has an alarm on its failures', () => {
    const alarm = resource(synth.template, synth.id(synth.stack.messages.errorsAlarm as never)).Properties;
    expect(alarm.MetricName).toBe('Errors');
    expect(alarm.Dimensions).toEqual([{ Name: 'FunctionName', Value: { Ref: fnId(messagesFunction) } }]);
  });
});

describe('with the AWS adapter (-c messagesAdapter=aws)', () => {
  it('grants SendTextMessage alone, on the account’s End User Messaging resources, acknowledged for cdk-nag', () => {
    const outdir = scratchDir();
    const app = new App({ outdir, context: { ...reportInsteadOfThrow } });
    withNag(app);
    const stack = new Stack(app, 'MessagesOnly', {
      env: { account: '111122223333', region: 'ap-southeast-1' },
    });
    const messages = new Messages(stack, 'Messages', { adapter: 'aws' });
    const role = new Role(stack, 'JobRole', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    for (const statement of messages.statements(role)) role.addToPrincipalPolicy(statement);
    expect(messages.environment()[envNames.messagesAdapter]).toBe('aws');
    const assembly = app.synth();
    const template = Template.fromStack(stack);
    const statements = resourcesOfType(template, 'AWS::IAM::Policy').flatMap(
      ([, policy]) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement,
    );
    expect(statements.find((statement) => actions(statement).includes(sendTextActions[0]))).toMatchObject({
      Action: 'sms-voice:SendTextMessage',
      Resource: {
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sms-voice:ap-southeast-1:111122223333:*']],
      },
    });
    expect(describeViolations(readReport(assembly.directory))).toEqual([]);
    expect(() => new Messages(stack, 'Bad', { adapter: 'twilio' as never })).toThrow(/messagesAdapter/);
  });
});

/**
 * Where the stack deploys: Lambda@Edge needs a concrete region, taken from `-c region=…`, the CDK
 * CLI's CDK_DEFAULT_REGION or defaultRegion, in that order. No synthesis here.
 */
import { App } from 'aws-cdk-lib';
import { afterEach, describe, expect, it } from 'vitest';
import { edgeRegion } from '../../infra/cloud/edge-functions.ts';
import { defaultRegion, stackEnvironment } from '../../infra/cloud/stack.ts';

const saved = { region: process.env.CDK_DEFAULT_REGION, account: process.env.CDK_DEFAULT_ACCOUNT };
afterEach(() => {
  for (const [name, value] of [
    ['CDK_DEFAULT_REGION', saved.region],
    ['CDK_DEFAULT_ACCOUNT', saved.account],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe('the stack environment', () => {
  it('takes -c region first, then CDK_DEFAULT_REGION, then defaultRegion', () => {
    process.env.CDK_DEFAULT_REGION = 'eu-central-1';
    expect(stackEnvironment(new App({ context: { region: 'ap-east-1' } })).region).toBe('ap-east-1');
    expect(stackEnvironment(new App()).region).toBe('eu-central-1');
    delete process.env.CDK_DEFAULT_REGION;
    expect(stackEnvironment(new App()).region).toBe(defaultRegion);
    expect(stackEnvironment(new App({ context: { region: '' } })).region).toBe(defaultRegion);
  });

  it('keeps an explicit environment, and the account only when the CLI knows it', () => {
    process.env.CDK_DEFAULT_REGION = 'eu-central-1';
    process.env.CDK_DEFAULT_ACCOUNT = '111122223333';
    expect(stackEnvironment(new App(), { region: 'ap-northeast-1', account: '444455556666' })).toEqual({
      region: 'ap-northeast-1',
      account: '444455556666',
    });
    expect(stackEnvironment(new App())).toEqual({ region: 'eu-central-1', account: '111122223333' });
    delete process.env.CDK_DEFAULT_ACCOUNT;
    expect(stackEnvironment(new App()).account).toBeUndefined();
  });

  it('defaults outside us-east-1, so the app has its separate edge stack', () => {
    expect(defaultRegion).not.toBe(edgeRegion);
  });
});

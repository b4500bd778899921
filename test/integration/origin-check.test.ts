/**
 * The local runtime does not check the origin secret: its gateway is the edge. Even with
 * ORIGIN_SECRET_ARN in the environment it was started from (a shell that deploys to AWS, say), the
 * functions get it empty, so a request with or without the header is served.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envNames } from '../../functions/config/env.ts';
import { originVerifyHeader } from '../../functions/http/origin-check.ts';
import { startTestRuntime, type TestRuntime } from '../support/runtime.ts';

let runtime: TestRuntime;
const stray = process.env[envNames.originSecretArn];

beforeAll(async () => {
  process.env[envNames.originSecretArn] =
    'arn:aws:secretsmanager:ap-southeast-1:111122223333:secret:stray-AbCdEf';
  runtime = await startTestRuntime();
});

afterAll(async () => {
  await runtime?.stop();
  if (stray === undefined) delete process.env[envNames.originSecretArn];
  else process.env[envNames.originSecretArn] = stray;
});

describe('the origin check on one machine', () => {
  it('is off: requests without the header and with any value are served', async () => {
    const variants: Record<string, string>[] = [{}, { [originVerifyHeader]: 'anything' }];
    for (const headers of variants) {
      const response = await fetch(`${runtime.baseUrl}/api/health`, { headers });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: 'ok' });
    }
  });
});

/**
 * The origin check in the real wrapper (functions/http/handler.ts): unconfigured, as the local
 * runtime runs it, nothing is checked; configured, as the cloud runs it, a request without the
 * header or with a wrong value gets the 403 problem before the route is looked up or any handler
 * runs, and the right value passes. The secret is read with the real SDK client from a Secrets
 * Manager stand-in on loopback; rotation stages and service failures are played through it.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { routes } from '../../../functions/http/routes.ts';
import { type SecretsManagerStandIn, startSecretsManager } from '../../support/secrets-manager.ts';

type HandlerModule = typeof import('../../../functions/http/handler.ts');
type CheckModule = typeof import('../../../functions/http/origin-check.ts');

const firstSecret = 'first-origin-secret-Q7mZ2vK9xR4tW8pL';
const secondSecret = 'second-origin-secret-H3nB6cJ1yT5gS0dF';
const thirdSecret = 'third-origin-secret-M2kP9wL4qZ7vX1rN';

const saved = { ...process.env };
const output: string[] = [];
let secretsManager: SecretsManagerStandIn;
let wrapper: HandlerModule;
let check: CheckModule;

beforeAll(async () => {
  secretsManager = await startSecretsManager(firstSecret);
  Object.assign(process.env, {
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: 'INFO',
    AWS_REGION: 'ap-southeast-1',
    AWS_ACCESS_KEY_ID: 'AKIDORIGINCHECK',
    AWS_SECRET_ACCESS_KEY: 'origin-check-test-credentials',
    AWS_ENDPOINT_URL_SECRETS_MANAGER: secretsManager.endpoint,
    AWS_MAX_ATTEMPTS: '1',
  });
  // Every line the functions log, to prove no secret is among them.
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    vi.spyOn(stream, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: never[]) => {
      output.push(String(chunk));
      return write(chunk, ...rest);
    }) as typeof stream.write);
  }
  // Imported once the environment is set: the Powertools logger and metrics read it on load.
  wrapper = await import('../../../functions/http/handler.ts');
  check = await import('../../../functions/http/origin-check.ts');
});

afterEach(() => {
  vi.useRealTimers();
  secretsManager.failing = false;
});

afterAll(async () => {
  vi.restoreAllMocks();
  process.env = saved;
  await secretsManager?.close();
});

const context = {
  functionName: 'HttpHealth',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:ap-southeast-1:111122223333:function:HttpHealth',
  memoryLimitInMB: '512',
  awsRequestId: 'origin-check-request',
  logGroupName: '/aws/lambda/HttpHealth',
  logStreamName: 'origin-check',
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 10_000,
} as unknown as Context;

function event(headers: Record<string, string>, routeKey = 'GET /api/health'): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey,
    rawPath: '/api/health',
    rawQueryString: '',
    headers: { accept: 'application/json', ...headers },
    isBase64Encoded: false,
    requestContext: { http: { method: 'GET', path: '/api/health', sourceIp: '198.51.100.7' } },
  } as unknown as APIGatewayProxyEventV2;
}

/** A wrapped handler built under `originSecretArn`, counting the requests that reach it. */
function handlerWith(originSecretArn: string) {
  process.env.ORIGIN_SECRET_ARN = originSecretArn;
  const reached: Record<string, string | undefined>[] = [];
  const handler = wrapper.areaHttpHandler(routes)(async (request) => {
    reached.push({ ...request.event.headers });
    return { status: 200, body: { status: 'ok' } };
  });
  const call = async (headers: Record<string, string>, routeKey?: string) =>
    (await handler(event(headers, routeKey), context)) as APIGatewayProxyStructuredResultV2;
  return { call, reached };
}

const withHeader = (value: string) => ({ [check.originVerifyHeader]: value });

function expectRefused(response: APIGatewayProxyStructuredResultV2) {
  expect(response.statusCode).toBe(403);
  expect(response.headers?.['content-type']).toBe('application/problem+json');
  expect(JSON.parse(String(response.body))).toEqual(check.directAccessProblem);
}

describe('unconfigured (the local runtime, where the gateway is the edge)', () => {
  it('checks nothing and reads no secret: without the header, with any value', async () => {
    const before = secretsManager.calls;
    const { call, reached } = handlerWith('');
    expect((await call({})).statusCode).toBe(200);
    expect((await call(withHeader('anything'))).statusCode).toBe(200);
    expect(reached).toHaveLength(2);
    expect(secretsManager.calls).toBe(before);
  });
});

describe('configured (the cloud: every HTTP function has ORIGIN_SECRET_ARN)', () => {
  it('refuses a request without the header before the route is looked up or the handler runs', async () => {
    const { call, reached } = handlerWith(secretsManager.secretId);
    expectRefused(await call({}));
    // A route key that is in no route table would be a 500 after the check: the check came first.
    expectRefused(await call({}, 'GET /api/nowhere'));
    expect(reached).toEqual([]);
  });

  it('refuses a wrong value, a value differing in one character and an empty one alike', async () => {
    const { call, reached } = handlerWith(secretsManager.secretId);
    expectRefused(await call(withHeader('a-forged-value')));
    expectRefused(await call(withHeader(`${firstSecret.slice(0, -1)}X`)));
    expectRefused(await call(withHeader('')));
    expectRefused(
      await call({ ...withHeader('a-forged-value'), 'cloudfront-viewer-address': '203.0.113.9:443' }),
    );
    expect(reached).toEqual([]);
  });

  it('lets the right value through, and no handler sees it', async () => {
    const { call, reached } = handlerWith(secretsManager.secretId);
    const response = await call({
      ...withHeader(firstSecret),
      'cloudfront-viewer-address': '203.0.113.9:443',
    });
    expect(response.statusCode).toBe(200);
    expect(reached).toHaveLength(1);
    expect(reached[0]?.[check.originVerifyHeader]).toBeUndefined();
    expect(reached[0]?.['cloudfront-viewer-address']).toBe('203.0.113.9:443');
  });

  it('reads the secret once per container, not per request', async () => {
    const { call } = handlerWith(secretsManager.secretId);
    const before = secretsManager.calls;
    for (let i = 0; i < 5; i += 1) await call(withHeader(i % 2 ? firstSecret : 'wrong'));
    // One read: AWSCURRENT, and AWSPREVIOUS (absent before the first rotation).
    expect(secretsManager.calls - before).toBe(check.acceptedSecretStages.length);
  });

  it('accepts the current and the previous version through a rotation, and drops the one before', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { call } = handlerWith(secretsManager.secretId);
    expect((await call(withHeader(firstSecret))).statusCode).toBe(200);

    // Step 1: a new version becomes AWSCURRENT; CloudFront still sends the first value.
    secretsManager.put(secondSecret);
    expect((await call(withHeader(firstSecret))).statusCode).toBe(200);
    // Until the container reads again it does not know the new value: why step 2 waits.
    expectRefused(await call(withHeader(secondSecret)));

    vi.setSystemTime(Date.now() + check.originSecretMaxAgeMs);
    // Step 2: CloudFront switches edge by edge; both values pass meanwhile.
    expect((await call(withHeader(secondSecret))).statusCode).toBe(200);
    expect((await call(withHeader(firstSecret))).statusCode).toBe(200);

    // The next rotation: the first value is neither current nor previous any more.
    secretsManager.put(thirdSecret);
    vi.setSystemTime(Date.now() + check.originSecretMaxAgeMs);
    expect((await call(withHeader(thirdSecret))).statusCode).toBe(200);
    expect((await call(withHeader(secondSecret))).statusCode).toBe(200);
    expectRefused(await call(withHeader(firstSecret)));
  });

  it('answers 503 when the secret cannot be read and was never read, and runs no handler', async () => {
    secretsManager.failing = true;
    const { call, reached } = handlerWith(secretsManager.secretId);
    const response = await call(withHeader(thirdSecret));
    expect(response.statusCode).toBe(503);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(JSON.parse(String(response.body))).toMatchObject({ status: 503, title: '服务暂不可用' });
    expect(reached).toEqual([]);
  });

  it('keeps the values it read when a later read fails, and tries again after a pause', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { call } = handlerWith(secretsManager.secretId);
    expect((await call(withHeader(thirdSecret))).statusCode).toBe(200);
    secretsManager.failing = true;
    vi.setSystemTime(Date.now() + check.originSecretMaxAgeMs);
    const before = secretsManager.calls;
    expect((await call(withHeader(thirdSecret))).statusCode).toBe(200);
    expectRefused(await call(withHeader('a-forged-value')));
    expect((await call(withHeader(thirdSecret))).statusCode).toBe(200);
    // One failed attempt, then none until the pause is over.
    const failedReads = secretsManager.calls - before;
    expect(failedReads).toBeGreaterThan(0);
    expect(failedReads).toBeLessThanOrEqual(check.acceptedSecretStages.length);
    secretsManager.failing = false;
    vi.setSystemTime(Date.now() + check.originSecretRetryMs);
    expect((await call(withHeader(thirdSecret))).statusCode).toBe(200);
    expect(secretsManager.calls - before).toBe(failedReads + check.acceptedSecretStages.length);
  });

  it('logs the refusals, and never a secret or a presented value', () => {
    const logged = output.join('');
    expect(logged).toContain('Request did not come through the distribution');
    for (const value of [firstSecret, secondSecret, thirdSecret, 'a-forged-value']) {
      expect(logged).not.toContain(value);
    }
  });
});

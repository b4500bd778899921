/**
 * Intake cost against its floor: the intake handler (POST /api/cases, invoked in process as Lambda
 * would, through middy, Powertools, validation, idempotency, encryption) against the raw DynamoDB
 * writes it must make — the idempotency record put (conditional), the day's serial (ADD), the month
 * index entry, the case put (conditional), the kept figures' projection (read the case, claim it,
 * add to the four sums it touches — its window's and its clerk's, of the day and the month — record
 * it as counted, untag the sums; store/figures/projector.ts), the idempotency record update —
 * issued directly with the SDK to the same dynalite, with items of the same size. Rounds alternate so machine noise falls on both alike;
 * the figure is the ratio of medians (target ≤ 1.3).
 *
 * Run: npx tsx bench/intake.ts   (BENCH_ROUNDS, default 300; BENCH_LOG_LEVEL, default WARN)
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { envNames } from '../functions/config/env.ts';
import type { CaseState } from '../functions/domain/cases/types.ts';
import { personalDataEnv } from '../functions/store/personal-data/cipher.ts';
import { idempotencyTable, table } from '../functions/store/table.ts';
import { localCredentials, localRegion, localTableName, startStore } from '../infra/local/store.ts';

const rounds = Number(process.env.BENCH_ROUNDS ?? 300);
const warmup = 30;

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'yichuang-bench-intake-'));
const store = await startStore(dataDir);
const tableName = localTableName(table);
const idempotencyTableName = localTableName(idempotencyTable);
Object.assign(process.env, {
  [envNames.tableName]: tableName,
  [envNames.idempotencyTableName]: idempotencyTableName,
  [envNames.dynamoEndpoint]: store.endpoint,
  AWS_REGION: localRegion,
  AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
  AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
  POWERTOOLS_LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'WARN',
  POWERTOOLS_METRICS_DISABLED: 'true',
  [personalDataEnv.localKey]: Buffer.alloc(32, 7).toString('base64'),
});
// Imported after the environment is set, as Lambda loads a function with its environment.
const { handler } = await import('../functions/http/cases/handlers/create.ts');
const { dynamoDocumentClient } = await import('../functions/store/client.ts');

const body = JSON.stringify({
  itemCode: 'YC-MZ-0102',
  applicant: {
    kind: 'individual',
    name: '张三丰',
    idNumber: '11010519491231002X',
    phone: '13812345678',
    address: '云川市新城区幸福路 8 号',
  },
  materials: ['m1', 'm2', 'm3', 'm6'].map((id) => ({ id, state: 'submitted' })),
});

function event(key: string): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: 'POST /api/cases',
    rawPath: '/api/cases',
    rawQueryString: '',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    isBase64Encoded: false,
    body,
    requestContext: {
      accountId: '000000000000',
      apiId: 'bench',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: 'POST',
        path: '/api/cases',
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'bench',
      },
      requestId: key,
      routeKey: 'POST /api/cases',
      stage: '$default',
      time: '',
      timeEpoch: Date.now(),
      authorizer: {
        jwt: {
          claims: {
            sub: '00000000-0000-4000-8000-000000000001',
            'cognito:username': 'clerk',
            'cognito:groups': '[clerk]',
            'custom:department': 'mz',
            'custom:window': 'mz-01',
          },
          scopes: null,
        },
      },
    } as APIGatewayProxyEventV2['requestContext'],
  };
}

const context = {
  callbackWaitsForEmptyEventLoop: false,
  functionName: 'HttpCaseCreate',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:local:000000000000:function:HttpCaseCreate',
  memoryLimitInMB: '512',
  awsRequestId: 'bench',
  logGroupName: '/aws/lambda/HttpCaseCreate',
  logStreamName: 'bench',
  getRemainingTimeInMillis: () => 10_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
} as Context;

async function intakeOnce(): Promise<{ ms: number; result: APIGatewayProxyStructuredResultV2 }> {
  const started = performance.now();
  const result = (await handler(event(randomUUID()), context)) as APIGatewayProxyStructuredResultV2;
  const ms = performance.now() - started;
  if (result.statusCode !== 201) throw new Error(`intake answered ${result.statusCode}: ${result.body}`);
  return { ms, result };
}

// A real intake gives the item the raw writes store: same attributes, same size.
const sample = await intakeOnce();
const sampleCaseNo = (JSON.parse(sample.result.body as string) as { caseNo: string }).caseNo;
const sampleItem = (
  await dynamoDocumentClient().send(
    new (
      await import('@aws-sdk/lib-dynamodb')
    ).GetCommand({
      TableName: tableName,
      Key: { pk: `case#${sampleCaseNo}`, sk: 'case' },
    }),
  )
).Item as Record<string, unknown>;
// The sums a new case adds to (its window's and clerk's, day and month), as the projector finds them.
const { caseContributions, keptCells } = await import('../functions/domain/figures/contributions.ts');
const { figureSettings } = await import('../functions/config/figures.ts');
const { clockContext } = await import('../functions/domain/clocks/clock.ts');
const { defaultCalendar } = await import('../functions/domain/calendar/calendar.ts');
const { addToCell, removeCellTag } = await import('../functions/store/figures/kept.ts');
const { figuresPending } = await import('../functions/store/figures/pending.ts');
const sampleCells = keptCells(
  caseContributions(sampleItem.data as CaseState, clockContext(defaultCalendar()), figureSettings()),
);
// A put of a new case carries its pending mark; what the projector records is not there yet.
const { figures: _figures, figuresClaim: _claim, ...newCaseItem } = sampleItem;
// What Powertools stores as the result: the case number and the sealed query code.
const responseData = {
  caseNo: sampleCaseNo,
  sealedQueryCode: `v1.local.${'x'.repeat(16)}.${'x'.repeat(35)}`,
};

let serial = 0;
async function rawOnce(): Promise<number> {
  const client = dynamoDocumentClient();
  const id = `bench#${randomUUID()}`;
  serial += 1;
  const caseNo = `YC0001-20991231-${String(serial).padStart(6, '0')}`;
  const now = Date.now();
  const started = performance.now();
  await client.send(
    new PutItemCommand({
      TableName: idempotencyTableName,
      Item: marshall({
        id,
        expiration: Math.floor(now / 1000) + 86_400,
        status: 'INPROGRESS',
        in_progress_expiration: now + 10_000,
        validation: 'x'.repeat(43),
      }),
      ConditionExpression:
        'attribute_not_exists(#id) OR #expiry < :now OR (#status = :inprogress AND attribute_exists(#in_progress_expiry) AND #in_progress_expiry < :now_in_millis)',
      ExpressionAttributeNames: {
        '#id': 'id',
        '#expiry': 'expiration',
        '#in_progress_expiry': 'in_progress_expiration',
        '#status': 'status',
      },
      ExpressionAttributeValues: marshall({
        ':now': now / 1000,
        ':now_in_millis': now,
        ':inprogress': 'INPROGRESS',
      }),
    }),
  );
  await client.send(
    new UpdateCommand({
      TableName: tableName,
      Key: { pk: 'counter#case#BENCH', sk: '2099-12-31' },
      UpdateExpression: 'ADD #serial :one SET #expires = if_not_exists(#expires, :expires)',
      ExpressionAttributeNames: { '#serial': 'serial', '#expires': 'expiresAt' },
      ExpressionAttributeValues: { ':one': 1, ':expires': 4_102_444_800 },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  // The figures' month index of the case (store/figures/case-months.ts), written just before it.
  await client.send(
    new UpdateCommand({
      TableName: tableName,
      Key: { pk: 'figures#BENCH#2099-12', sk: `case#${caseNo}` },
      UpdateExpression: 'SET #type = :type, caseNo = :caseNo, receivedHere = :receivedHere ADD #days :day',
      ExpressionAttributeNames: { '#type': 'type', '#days': 'days' },
      ExpressionAttributeValues: {
        ':type': 'caseMonth',
        ':caseNo': caseNo,
        ':receivedHere': true,
        ':day': new Set(['2099-12-31']),
      },
    }),
  );
  const key = { pk: `case#${caseNo}`, sk: 'case' };
  await client.send(
    new PutCommand({
      TableName: tableName,
      Item: { ...newCaseItem, ...key, caseNo, ...figuresPending(`case:${caseNo}`) },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
  // The kept figures (store/figures/projector.ts): read, claim, add, record, untag.
  const source = `case:${caseNo}`;
  const read = await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
  const claim = {
    run: randomUUID(),
    atMs: now,
    seq: 1,
    target: { cells: sampleCells },
    version: read.Item?.version,
  };
  await client.send(
    new UpdateCommand({
      TableName: tableName,
      Key: key,
      UpdateExpression: 'SET #claim = :claim',
      ConditionExpression: 'attribute_not_exists(#claim) AND attribute_not_exists(#figures)',
      ExpressionAttributeNames: { '#claim': 'figuresClaim', '#figures': 'figures' },
      ExpressionAttributeValues: { ':claim': claim },
    }),
  );
  await Promise.all(sampleCells.map((cell) => addToCell(client, tableName, 'BENCH', cell, source, 1)));
  await client.send(
    new UpdateCommand({
      TableName: tableName,
      Key: key,
      UpdateExpression: 'SET #figures = :figures REMOVE #claim, #shard, #due',
      ConditionExpression: '#claim.#run = :run AND #version = :version',
      ExpressionAttributeNames: {
        '#figures': 'figures',
        '#claim': 'figuresClaim',
        '#run': 'run',
        '#shard': 'figuresShard',
        '#due': 'figuresDueAt',
        '#version': 'version',
      },
      ExpressionAttributeValues: {
        ':figures': { seq: 1, counted: claim.target },
        ':run': claim.run,
        ':version': claim.version,
      },
    }),
  );
  await Promise.all(sampleCells.map((cell) => removeCellTag(client, tableName, 'BENCH', cell, source, 1)));
  await client.send(
    new UpdateCommand({
      TableName: idempotencyTableName,
      Key: { id },
      UpdateExpression: 'SET #expiry = :expiry, #status = :status, #data = :data, #validation = :validation',
      ExpressionAttributeNames: {
        '#expiry': 'expiration',
        '#status': 'status',
        '#data': 'data',
        '#validation': 'validation',
      },
      ExpressionAttributeValues: {
        ':expiry': Math.floor(now / 1000) + 86_400,
        ':status': 'COMPLETED',
        ':data': responseData,
        ':validation': 'x'.repeat(43),
      },
    }),
  );
  return performance.now() - started;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] as number;
};

for (let i = 0; i < warmup; i += 1) {
  await intakeOnce();
  await rawOnce();
}
const handlerMs: number[] = [];
const rawMs: number[] = [];
for (let i = 0; i < rounds; i += 1) {
  if (i % 2 === 0) {
    handlerMs.push((await intakeOnce()).ms);
    rawMs.push(await rawOnce());
  } else {
    rawMs.push(await rawOnce());
    handlerMs.push((await intakeOnce()).ms);
  }
}

const ratio = median(handlerMs) / median(rawMs);
const format = (ms: number) => `${ms.toFixed(2)} ms`;
console.log(`Intake against its raw DynamoDB requests (dynalite, ${rounds} rounds, ${warmup} warm-up)`);
console.log(
  `  intake handler       median ${format(median(handlerMs))}   p90 ${format(percentile(handlerMs, 0.9))}`,
);
console.log(
  `${`  raw requests (${8 + 2 * sampleCells.length})`.padEnd(23)}median ${format(median(rawMs))}   p90 ${format(percentile(rawMs, 0.9))}`,
);
console.log(
  `  ratio (medians)      ${ratio.toFixed(2)}   target ≤ 1.30   ${ratio <= 1.3 ? 'met' : 'NOT met'}`,
);

store.client.destroy();
await store.stop();
await rm(dataDir, { recursive: true, force: true });

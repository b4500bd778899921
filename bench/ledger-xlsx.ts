/**
 * The ledger of a month of 100,000 cases as Excel (GET /api/ledger?format=xlsx) on dynalite: the
 * ledger function's bundle, built exactly as CDK builds it, invoked as Lambda would invoke it, file
 * after file (following `Link: rel="next"`), in a plain Node process of its own started with the
 * heap limits Lambda's Node.js runtime gives a 256 MB function (`--max-semi-space-size=12
 * --max-old-space-size=230`) — dynalite and the seeding stay in this process, so the child's memory
 * is the export's, as a Lambda's would be. For each file size (10,000 cases, the default; 20,000,
 * the most) it prints the files, the rows per second, the size of the largest file and of its
 * response (base64, against Lambda's 6 MB response limit), the slowest file (against the
 * function's timeout; dynalite is much slower than DynamoDB) and the child's RSS and heap at
 * their peak against its baseline (Node and the bundle loaded, exceljs warmed up) and against the
 * target (under 256 MB). Every file is then read back (its rows counted) outside the measurement.
 *
 * Run: npx tsx bench/ledger-xlsx.ts   (BENCH_CASES, default 100000; BENCH_LIMITS, default "10000,20000")
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { bundleOptions, functionForHandler, projectRoot, shipBesideBundle } from '../infra/functions.ts';

const cases = Number(process.env.BENCH_CASES ?? 100_000);
const limits = (process.env.BENCH_LIMITS ?? '10000,20000').split(',').map(Number);
const lambdaMemoryFlags = ['--max-semi-space-size=12', '--max-old-space-size=230'];
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

interface ChildReport {
  files: { bytes: number; responseBytes: number; ms: number }[];
  seconds: number;
  baseline: { rss: number; heapUsed: number };
  peak: { rss: number; heapUsed: number };
  /** Heap still live after each file (after a collection), over the baseline. */
  liveAfterFile: number;
}

/**
 * The child, plain JavaScript run by Node itself (no TypeScript loader in its memory): the bundle's
 * handler, file after file, memory sampled every 10 ms.
 */
const childScript = `
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
const { handler } = await import(process.env.BENCH_BUNDLE);
const limit = process.env.BENCH_LIMIT;
const outDir = process.env.BENCH_OUT;
const context = {
  callbackWaitsForEmptyEventLoop: false, functionName: 'HttpFiguresLedger', functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:local:000000000000:function:HttpFiguresLedger', memoryLimitInMB: '256',
  awsRequestId: 'bench', logGroupName: '/aws/lambda/HttpFiguresLedger', logStreamName: 'bench',
  // dynalite is slow: time is reported against the function's timeout, not enforced.
  getRemainingTimeInMillis: () => 600000,
};
const event = (query) => ({
  version: '2.0', routeKey: 'GET /api/ledger', rawPath: '/api/ledger', rawQueryString: query,
  queryStringParameters: Object.fromEntries(new URLSearchParams(query)), headers: {}, isBase64Encoded: false,
  requestContext: {
    accountId: '000000000000', apiId: 'bench', domainName: 'localhost', domainPrefix: 'localhost',
    http: { method: 'GET', path: '/api/ledger', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
    requestId: 'bench', routeKey: 'GET /api/ledger', stage: '$default', time: '', timeEpoch: Date.now(),
    authorizer: { jwt: { scopes: null, claims: {
      sub: '00000000-0000-4000-8000-000000000005', 'cognito:username': 'supervisor', 'cognito:groups': '[supervisor]',
    } } },
  },
});
// Warm: the first xlsx request loads exceljs; the baseline is a warm function's.
const warm = await handler(event('period=2026-11&format=xlsx&limit=1'), context);
if (warm.statusCode !== 200) throw new Error('warm-up answered ' + warm.statusCode + ': ' + warm.body);
globalThis.gc?.();
const baseline = process.memoryUsage();
const peak = { rss: baseline.rss, heapUsed: baseline.heapUsed };
const sample = () => {
  const memory = process.memoryUsage();
  peak.rss = Math.max(peak.rss, memory.rss);
  peak.heapUsed = Math.max(peak.heapUsed, memory.heapUsed);
};
const sampler = setInterval(sample, 10);
const files = [];
let liveAfterFile = 0;
const started = performance.now();
let query = 'period=2026-11&format=xlsx&limit=' + limit;
while (query) {
  const fileStarted = performance.now();
  const result = await handler(event(query), context);
  if (result.statusCode !== 200) throw new Error('ledger answered ' + result.statusCode + ': ' + result.body);
  const bytes = Buffer.from(result.body, 'base64');
  files.push({ bytes: bytes.length, responseBytes: JSON.stringify(result).length, ms: performance.now() - fileStarted });
  await writeFile(path.join(outDir, 'part-' + String(files.length).padStart(3, '0') + '.xlsx'), bytes);
  const link = String(result.headers?.link ?? '');
  query = link ? link.slice(link.indexOf('?') + 1, link.indexOf('>')) : null;
  sample();
  if (globalThis.gc) {
    globalThis.gc();
    liveAfterFile = Math.max(liveAfterFile, process.memoryUsage().heapUsed - baseline.heapUsed);
  }
}
clearInterval(sampler);
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ files, seconds, baseline: { rss: baseline.rss, heapUsed: baseline.heapUsed }, peak, liveAfterFile }));
`;

/** Dynalite, 100,000 November cases, the bundle, then one child per file size. */
async function main(): Promise<void> {
  const { BatchWriteCommand, DynamoDBDocumentClient } = await import('@aws-sdk/lib-dynamodb');
  const { envNames } = await import('../functions/config/env.ts');
  const { insertCaseCommand } = await import('../functions/store/cases/cases.ts');
  const { caseMonthUpdate } = await import('../functions/store/figures/case-months.ts');
  const { table } = await import('../functions/store/table.ts');
  const { localCredentials, localRegion, localTableName, startStore } = await import(
    '../infra/local/store.ts'
  );
  const { clocks, commands, intake, run, T } = await import('../test/unit/cases/fixtures.ts');
  const JSZip = (await import('jszip')).default;

  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'yichuang-bench-ledger-xlsx-'));
  const store = await startStore(dataDir);
  const tableName = localTableName(table);
  const client = DynamoDBDocumentClient.from(store.client, {
    marshallOptions: { removeUndefinedValues: true },
  });

  // A case received on a November day, accepted, approved and delivered; renamed for each case.
  const templates = ['02', '09', '16', '23'].map((day) =>
    run(
      intake(undefined, undefined, T(`2026-11-${day}T09:00:00`)),
      [[commands.accept()], [commands.approve()], [commands.deliver()]],
      T(`2026-11-${day}T10:00:00`),
    ),
  );
  const sealed = {
    applicantSealed: 'x'.repeat(180),
    queryCodeSalt: 'x'.repeat(22),
    queryCodeHash: 'x'.repeat(43),
  };
  const itemsOf = (i: number): Record<string, unknown>[] => {
    const base = templates[i % templates.length] as (typeof templates)[number];
    const state = {
      ...base,
      caseNo: `YC0001-${base.receivedAt.slice(0, 10).replaceAll('-', '')}-${String(i).padStart(6, '0')}`,
    };
    const caseItem = insertCaseCommand(tableName, { state, ...sealed }, state.receivedAt, clocks)
      .Item as Record<string, unknown>;
    const index = caseMonthUpdate(tableName, state);
    const values = index.ExpressionAttributeValues as Record<string, unknown>;
    return [
      caseItem,
      {
        ...index.Key,
        type: values[':type'],
        caseNo: state.caseNo,
        receivedHere: values[':receivedHere'],
        days: values[':day'],
      },
    ];
  };
  const seedStarted = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < cases) {
      const batch: Record<string, unknown>[] = [];
      while (batch.length < 24 && next < cases) batch.push(...itemsOf(next++));
      let pending = batch.map((Item) => ({ PutRequest: { Item } }));
      while (pending.length > 0) {
        const result = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
        pending = (result.UnprocessedItems?.[tableName] ?? []) as typeof pending;
      }
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  console.log(`seeded ${cases} November cases in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);
  console.log(
    `load average ${os
      .loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')}\n`,
  );

  const benchDir = path.join(projectRoot, '.bench', 'ledger-xlsx');
  await mkdir(benchDir, { recursive: true });
  const bundle = path.join(benchDir, 'ledger.mjs');
  const ledgerFunction = functionForHandler('figures/ledger');
  await build({ ...bundleOptions(ledgerFunction), outfile: bundle, logLevel: 'error' });
  // exceljs beside the bundle, as in the function's asset (infra/functions.ts lazyModules).
  shipBesideBundle(ledgerFunction, benchDir);
  const childFile = path.join(benchDir, 'child.mjs');
  await writeFile(childFile, childScript);

  console.log(
    'cases/file  files  rows     s      rows/s  file MB  response MB  RSS base→peak MB   heap base→peak MB  live after file MB',
  );
  for (const limit of limits) {
    const outDir = await mkdtemp(path.join(os.tmpdir(), 'yichuang-bench-ledger-files-'));
    const output = await new Promise<string>((resolve, reject) => {
      const proc = spawn(process.execPath, ['--expose-gc', ...lambdaMemoryFlags, childFile], {
        env: {
          ...process.env,
          [envNames.tableName]: tableName,
          [envNames.dynamoEndpoint]: store.endpoint,
          AWS_REGION: localRegion,
          AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
          AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
          POWERTOOLS_LOG_LEVEL: 'ERROR',
          POWERTOOLS_METRICS_DISABLED: 'true',
          BENCH_LIMIT: String(limit),
          BENCH_OUT: outDir,
          BENCH_BUNDLE: bundle,
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let text = '';
      proc.stdout.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8');
      });
      proc.on('error', reject);
      proc.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`child exited ${code}`))));
    });
    const report = JSON.parse(output.trim().split('\n').at(-1) as string) as ChildReport;
    // Read back outside the measurement: every file opens, and the rows add up to the month.
    let rows = 0;
    for (const name of (await readdir(outDir)).sort()) {
      const zip = await JSZip.loadAsync(await readFile(path.join(outDir, name)));
      const sheet = (await zip.file('xl/worksheets/sheet1.xml')?.async('string')) ?? '';
      rows += (sheet.match(/<row /g)?.length ?? 0) - 1;
    }
    await rm(outDir, { recursive: true, force: true });
    const largest = report.files.reduce((most, file) => (file.bytes > most.bytes ? file : most));
    console.log(
      [
        String(limit).padStart(10),
        String(report.files.length).padStart(5),
        String(rows).padStart(7),
        report.seconds.toFixed(1).padStart(5),
        String(Math.round(rows / report.seconds)).padStart(7),
        mb(largest.bytes).padStart(7),
        mb(largest.responseBytes).padStart(11),
        `${mb(report.baseline.rss)}→${mb(report.peak.rss)}`.padStart(17),
        `${mb(report.baseline.heapUsed)}→${mb(report.peak.heapUsed)}`.padStart(18),
        mb(report.liveAfterFile).padStart(19),
      ].join('  '),
    );
    const added = report.peak.rss;
    console.log(
      `  peak RSS ${mb(added)} MB — target under 256 MB: ${added < 256 * 2 ** 20 ? 'met' : 'NOT met'}; largest response ${mb(largest.responseBytes)} MB of Lambda's 6 MB; slowest file ${(Math.max(...report.files.map((file) => file.ms)) / 1000).toFixed(1)} s on dynalite (the function's timeout is ${functionForHandler('figures/ledger').timeoutSeconds} s)`,
    );
    if (rows !== cases) console.log(`  ROWS MISSING: ${rows} of ${cases}`);
  }
  console.log(
    `\nload average ${os
      .loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')}`,
  );
  await store.stop();
  await rm(dataDir, { recursive: true, force: true });
}

await main();

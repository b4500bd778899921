/**
 * Cold import time of each Lambda bundle, built exactly as the CDK stack builds it, against a
 * bundle that holds only the DynamoDB document client. Each import runs in a fresh Node process,
 * rounds interleaved so machine noise falls on all bundles alike; the figure is the ratio of
 * medians. Run: npm run bench
 */
import { spawnSync } from 'node:child_process';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { bundling, functionDefinitions, projectRoot } from '../infra/functions.ts';

const rounds = Number(process.env.BENCH_ROUNDS ?? 15);
const outDir = path.join(projectRoot, '.bench', 'cold-import');

async function bundle(name: string, entry: string): Promise<string> {
  const outfile = path.join(outDir, name, 'index.mjs');
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: bundling.format,
    platform: bundling.platform,
    target: bundling.target,
    minify: bundling.minify,
    mainFields: bundling.mainFields,
    external: bundling.external,
    banner: { js: bundling.banner },
    logLevel: 'error',
  });
  return outfile;
}

function importMilliseconds(file: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(file)}); console.log(performance.now() - t);`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: { ...process.env, AWS_REGION: 'cn-north-1', POWERTOOLS_METRICS_DISABLED: 'true' },
  });
  if (result.status !== 0) throw new Error(`import of ${file} failed:\n${result.stderr}`);
  return Number(result.stdout.trim());
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

await rm(outDir, { recursive: true, force: true });
await mkdir(outDir, { recursive: true });
const baselineEntry = path.join(outDir, 'baseline-entry.ts');
await writeFile(
  baselineEntry,
  [
    "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
    "import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';",
    'export const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));',
  ].join('\n'),
);

const bundles = [
  { name: 'baseline (document client only)', file: await bundle('baseline', baselineEntry) },
  ...(await Promise.all(
    functionDefinitions().map(async (fn) => ({ name: fn.name, file: await bundle(fn.name, fn.entry) })),
  )),
];

const samples = new Map<string, number[]>(bundles.map((entry) => [entry.name, []]));
importMilliseconds(bundles[0]?.file as string); // warm the file system cache once
for (let round = 0; round < rounds; round += 1) {
  for (const entry of bundles) samples.get(entry.name)?.push(importMilliseconds(entry.file));
}

const baseline = median(samples.get(bundles[0]?.name as string) as number[]);
console.log(`Cold import, median of ${rounds} fresh processes (Node ${process.versions.node}):`);
console.log(`${'bundle'.padEnd(34)} ${'size KB'.padStart(8)} ${'ms'.padStart(7)} ${'ratio'.padStart(6)}`);
for (const entry of bundles) {
  const ms = median(samples.get(entry.name) as number[]);
  const size = (await stat(entry.file)).size / 1024;
  console.log(
    `${entry.name.padEnd(34)} ${size.toFixed(1).padStart(8)} ${ms.toFixed(1).padStart(7)} ${(ms / baseline).toFixed(2).padStart(6)}`,
  );
}

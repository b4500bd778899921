/**
 * Cold import time of each Lambda bundle, built exactly as the CDK stack builds it, against a
 * bundle that holds only the DynamoDB document client. Each import runs in a fresh Node process,
 * rounds interleaved so machine noise falls on all bundles alike; the figure is the ratio of
 * medians, of wall time and of the process's CPU time (steadier on a loaded machine). Targets:
 * every bundle ≤ 1.25, the public ones (progress, complaint and rating forms) ≤ 1.15. Below the
 * table, each bundle's five largest contributors from esbuild's metafile (bytes in the output, by
 * package or by folder of functions/) and the AWS SDK clients it loads beyond the document client.
 * Run: npm run bench   (BENCH_ROUNDS, default 15; BENCH_ONLY, a pattern of the bundles to measure)
 */
import { spawnSync } from 'node:child_process';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { routes } from '../functions/http/routes.ts';
import {
  bundleOptions,
  type FunctionDefinition,
  functionDefinitions,
  httpFunctionEntry,
  projectRoot,
  shipBesideBundle,
  shippedLazyModulePath,
} from '../infra/functions.ts';

const rounds = Number(process.env.BENCH_ROUNDS ?? 15);
const only = new RegExp(process.env.BENCH_ONLY ?? '');
const outDir = path.join(projectRoot, '.bench', 'cold-import');

interface Bundle {
  name: string;
  file: string;
  metafile: Metafile;
  /** Modules shipped beside the bundle, loaded on first use (infra/functions.ts lazyModules). */
  lazy: { specifier: string; kb: number }[];
  /** Public routes: their cold start is a member of the public's first request. */
  public: boolean;
}

async function bundle(
  name: string,
  definition: FunctionDefinition,
): Promise<{ file: string; metafile: Metafile; lazy: { specifier: string; kb: number }[] }> {
  const outfile = path.join(outDir, name, 'index.mjs');
  const result = await build({ ...bundleOptions(definition), outfile, logLevel: 'error', metafile: true });
  // Beside the bundle, as in the function's asset: not read by a cold import.
  shipBesideBundle(definition, path.dirname(outfile));
  const lazy = await Promise.all(
    definition.lazyModules.map(async (specifier) => ({
      specifier,
      kb: (await stat(path.join(path.dirname(outfile), shippedLazyModulePath(specifier)))).size / 1024,
    })),
  );
  return { file: outfile, metafile: result.metafile, lazy };
}

/**
 * Who pays for an input: its npm package (the innermost, so a copy nested under another package
 * is named for itself), or its folder under functions/ (two levels).
 */
function contributor(input: string): string {
  const inPackage = input.match(/.*node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (inPackage) return inPackage[1] as string;
  const relative = input.replace(/^(\.\.\/)+/, '').replace(/^.*?functions\//, 'functions/');
  const parts = relative.split('/');
  return parts.length > 3 ? parts.slice(0, 3).join('/') : relative;
}

function topContributors(metafile: Metafile, count: number): [string, number][] {
  const totals = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const who = contributor(input);
      totals.set(who, (totals.get(who) ?? 0) + bytesInOutput);
    }
  }
  return [...totals].sort((a, b) => b[1] - a[1]).slice(0, count);
}

/**
 * The external packages (the AWS SDK) the bundle imports, which load from node_modules: at import
 * (static) or on first use (dynamic `import()`, not paid by a cold import).
 */
function externalImports(metafile: Metafile, kind: 'static' | 'dynamic'): string[] {
  const found = new Set<string>();
  for (const output of Object.values(metafile.outputs)) {
    for (const imported of output.imports) {
      if (!imported.external || imported.path.startsWith('node:')) continue;
      if ((imported.kind === 'dynamic-import') === (kind === 'dynamic')) found.add(imported.path);
    }
  }
  return [...found].sort();
}

interface Sample {
  wall: number;
  cpu: number;
}

function importMilliseconds(file: string): Sample {
  const script = `const t = performance.now(); const c = process.cpuUsage(); await import(${JSON.stringify(file)}); const u = process.cpuUsage(c); console.log(performance.now() - t, (u.user + u.system) / 1000);`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: { ...process.env, AWS_REGION: 'cn-north-1', POWERTOOLS_METRICS_DISABLED: 'true' },
  });
  if (result.status !== 0) throw new Error(`import of ${file} failed:\n${result.stderr}`);
  const [wall, cpu] = result.stdout.trim().split(' ').map(Number);
  return { wall: wall as number, cpu: cpu as number };
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

const publicHandlers = new Set(
  routes
    .filter((route) => route.access === 'public' && route.path.startsWith('/api/public/'))
    .map((r) => r.handler),
);
const baselineBuild = await bundle('baseline', {
  name: 'baseline',
  entry: baselineEntry,
  kind: 'http',
  timeoutSeconds: 10,
  lazyModules: [],
  builtFiles: {},
});
const bundles: Bundle[] = [
  { name: 'baseline (document client only)', ...baselineBuild, public: false },
  ...(await Promise.all(
    functionDefinitions()
      .filter((fn) => only.test(fn.name))
      .map(async (fn) => ({
        name: fn.name,
        ...(await bundle(fn.name, fn)),
        public:
          fn.kind === 'http' &&
          [...publicHandlers].some((handler) => httpFunctionEntry(handler) === fn.entry),
      })),
  )),
];
const baselineExternals = new Set(externalImports(baselineBuild.metafile, 'static'));

const samples = new Map<string, Sample[]>(bundles.map((entry) => [entry.name, []]));
importMilliseconds(bundles[0]?.file as string); // warm the file system cache once
for (let round = 0; round < rounds; round += 1) {
  for (const entry of bundles) samples.get(entry.name)?.push(importMilliseconds(entry.file));
}

const medianOf = (name: string, key: keyof Sample) =>
  median((samples.get(name) as Sample[]).map((sample) => sample[key]));
const baseline = {
  wall: medianOf(bundles[0]?.name as string, 'wall'),
  cpu: medianOf(bundles[0]?.name as string, 'cpu'),
};
const targetOf = (entry: Bundle) => (entry.public ? 1.15 : 1.25);
console.log(
  `Cold import, median of ${rounds} fresh processes (Node ${process.versions.node}); load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}:`,
);
console.log(
  `${'bundle'.padEnd(34)} ${'size KB'.padStart(8)} ${'ms'.padStart(7)} ${'ratio'.padStart(6)} ${'cpu ms'.padStart(7)} ${'ratio'.padStart(6)}  target`,
);
let unmet = 0;
for (const entry of bundles) {
  const wall = medianOf(entry.name, 'wall');
  const cpu = medianOf(entry.name, 'cpu');
  const size = (await stat(entry.file)).size / 1024;
  const ratio = wall / baseline.wall;
  const isBaseline = entry === bundles[0];
  const met = ratio <= targetOf(entry);
  if (!isBaseline && !met) unmet += 1;
  console.log(
    `${entry.name.padEnd(34)} ${size.toFixed(1).padStart(8)} ${wall.toFixed(1).padStart(7)} ${ratio.toFixed(2).padStart(6)} ${cpu.toFixed(1).padStart(7)} ${(cpu / baseline.cpu).toFixed(2).padStart(6)}  ${isBaseline ? '' : `≤ ${targetOf(entry).toFixed(2)}${entry.public ? ' (public)' : ''} ${met ? 'met' : 'NOT met'}`}`,
  );
}
console.log(
  `\n${unmet === 0 ? 'Every bundle meets its target.' : `${unmet} of ${bundles.length - 1} bundles over their target.`}`,
);

console.log('\nLargest contributors (KB in the bundle) and AWS SDK clients beyond the document client:');
for (const entry of bundles.slice(1)) {
  const top = topContributors(entry.metafile, 5)
    .map(([who, bytes]) => `${who} ${(bytes / 1024).toFixed(1)}`)
    .join(', ');
  const extra = externalImports(entry.metafile, 'static').filter((name) => !baselineExternals.has(name));
  const lazy = externalImports(entry.metafile, 'dynamic').filter((name) => !extra.includes(name));
  const beside = entry.lazy.map(({ specifier, kb }) => `${specifier} ${kb.toFixed(1)}`).join(', ');
  console.log(
    `${entry.name}: ${top}${extra.length > 0 ? `; loads ${extra.join(', ')}` : ''}${lazy.length > 0 ? `; on first use ${lazy.join(', ')}` : ''}${beside ? `; beside it, on first use ${beside}` : ''}`,
  );
}

/**
 * Every Lambda function of Yichuang, derived from the route table and the scheduled jobs, with the
 * esbuild options both the CDK stack and bench/ bundle them with.
 */
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';
import { routes } from '../functions/http/routes.ts';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface FunctionDefinition {
  /** Logical name, PascalCase, used for the CDK construct id. */
  name: string;
  /** Absolute path of the module that exports `handler`. */
  entry: string;
  kind: 'http' | 'job';
  /** Lambda timeout; HTTP functions stay under API Gateway's 30-second integration limit. */
  timeoutSeconds: number;
  /** Modules it imports on first use only, shipped beside its bundle ({@link afterBundlingCommands}). */
  lazyModules: readonly string[];
  /** Files written beside its bundle when it is built: file name → the script that writes it ({@link builtFilesOf}). */
  builtFiles: Readonly<Record<string, string>>;
}

function pascal(name: string): string {
  return name.replace(/(^|[-_])(\w)/g, (_, __, c: string) => c.toUpperCase());
}

export function functionForHandler(handler: string): FunctionDefinition {
  const found = functionDefinitions().find((fn) => fn.entry === httpFunctionEntry(handler));
  if (!found) throw new Error(`No function for handler module ${handler}`);
  return found;
}

/**
 * A route's handler is `<area>/<module>`: the module `functions/http/<area>/handlers/<module>.ts`,
 * so an area's whole HTTP slice sits in its folder.
 */
export function httpFunctionEntry(handler: string): string {
  const [area, module, ...rest] = handler.split('/');
  if (!area || !module || rest.length > 0) throw new Error(`Handler ${handler} is not <area>/<module>`);
  return path.join(projectRoot, 'functions', 'http', area, 'handlers', `${module}.ts`);
}

export const sweepFunction: FunctionDefinition = {
  name: 'SupervisionSweep',
  entry: path.join(projectRoot, 'functions', 'jobs', 'sweep.ts'),
  kind: 'job',
  timeoutSeconds: 300,
  lazyModules: [],
  builtFiles: {},
};

export const messagesFunction: FunctionDefinition = {
  name: 'MessagesDelivery',
  entry: path.join(projectRoot, 'functions', 'jobs', 'messages.ts'),
  kind: 'job',
  // Under a minute: the next run (every minute) takes over what is left.
  timeoutSeconds: 50,
  // Alibaba Cloud's SMS SDK (1 MB): only a centre on Alibaba Cloud sends through it.
  lazyModules: ['@alicloud/dysmsapi20170525'],
  builtFiles: {},
};

/**
 * HTTP functions allowed longer than the others' 10 seconds, still under API Gateway's 30-second
 * integration limit: the ledger writes an Excel file of up to 20,000 cases per request
 * (bench/ledger-xlsx.ts).
 */
const longerHttpTimeouts: Readonly<Record<string, number>> = { 'figures/ledger': 29 };

/**
 * Modules a function imports (`await import(...)`) only on the requests that need them: left out of
 * its bundle and shipped beside it, so its cold start does not read them. An `import()` alone is
 * not enough — esbuild puts the module into the one bundle file, which Node reads whole on every
 * cold start. exceljs's streaming writer is most of the ledger's bundle (0.45 of 0.6 MB) and only a
 * `format=xlsx` request runs it. Such a module must be imported with `import()` where it is used, all
 * the way down: esbuild turns a static import of an external module into one at the top of the
 * bundle, loaded at the cold start.
 */
const lazyModulesOf: Readonly<Record<string, readonly string[]>> = {
  'figures/ledger': ['exceljs/lib/stream/xlsx/workbook-writer.js'],
  // The Word draft of the monthly report (`format=docx`): 0.22 MB the HTML drafts never run.
  'figures/report': ['docx'],
};

/**
 * Files written beside an HTTP function's bundle when it is built, each by a script run with the
 * project's Node (`<script> <output file>`). The OpenAPI document is converted from the route
 * table's schemas once per build rather than at every cold start of its function, where converting
 * every schema was a third of the cold start; the handler reads the file, or builds the document
 * itself when run unbundled (the local runtime, tests).
 */
const builtFilesOf: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'meta/openapi': { 'openapi.json': path.join(projectRoot, 'infra', 'openapi-file.ts') },
};

/**
 * The figures job (functions/jobs/figures.ts): the catch-up every 5 minutes, the month's close on
 * the 1st, an operator's recount. A recount of a busy month reads every source of it: the longest
 * timeout Lambda allows.
 */
export const figuresJobFunction: FunctionDefinition = {
  name: 'FiguresJob',
  entry: path.join(projectRoot, 'functions', 'jobs', 'figures.ts'),
  kind: 'job',
  timeoutSeconds: 900,
  lazyModules: [],
  builtFiles: {},
};

export function functionDefinitions(): FunctionDefinition[] {
  const handlers = [...new Set(routes.map((route) => route.handler))];
  return [
    ...handlers.map((handler) => ({
      name: `Http${pascal(handler.replace('/', '-'))}`,
      entry: httpFunctionEntry(handler),
      kind: 'http' as const,
      timeoutSeconds: longerHttpTimeouts[handler] ?? 10,
      lazyModules: lazyModulesOf[handler] ?? [],
      builtFiles: builtFilesOf[handler] ?? {},
    })),
    sweepFunction,
    messagesFunction,
    figuresJobFunction,
  ];
}

/**
 * esbuild options for a Lambda bundle: ESM for Node.js 24 on arm64, AWS SDK v3 left to the
 * runtime (it ships one), a banner so CommonJS dependencies can still `require`.
 */
export const bundling = {
  format: 'esm' as const,
  platform: 'node' as const,
  target: 'node24',
  minify: true,
  sourcemap: false,
  mainFields: ['module', 'main'],
  external: ['@aws-sdk/*'],
  banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
};

const esbuildBinary = path.join(projectRoot, 'node_modules', '.bin', 'esbuild');
/** The project's Node (24, the functions' runtime; it runs TypeScript as it is). */
const nodeBinary = path.join(projectRoot, 'node_modules', '.bin', 'node');

/** `exceljs/lib/…` → `exceljs`, `@scope/name/…` → `@scope/name`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return (specifier.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
}

/**
 * The file Node loads for `import('<specifier>')` from the project: a subpath as it is (the
 * packages named here have no exports map for it), a package by its `import` export, else its
 * module or main field.
 */
function importedFile(specifier: string): string {
  const name = packageOf(specifier);
  const folder = path.join(projectRoot, 'node_modules', name);
  if (specifier !== name) return path.join(folder, specifier.slice(name.length + 1));
  const manifest = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as {
    exports?: { '.'?: { import?: string | { default?: string } } };
    module?: string;
    main?: string;
  };
  const exported = manifest.exports?.['.']?.import;
  const file =
    (typeof exported === 'string' ? exported : exported?.default) ?? manifest.module ?? manifest.main;
  return path.join(folder, file ?? 'index.js');
}

/**
 * Where a lazy module is shipped in its package folder: `index.mjs` for a package, `<subpath>.mjs`
 * for a subpath; `subpath` is its key in the package's exports map.
 */
function shippedLazyModule(specifier: string): { name: string; subpath: string; file: string } {
  const name = packageOf(specifier);
  const subpath = specifier === name ? '.' : `./${specifier.slice(name.length + 1)}`;
  const file = subpath === '.' ? './index.mjs' : subpath.replace(/(\.[cm]?js)?$/, '.mjs');
  return { name, subpath, file };
}

/** The file a lazy module is shipped as, relative to the function's folder. */
export function shippedLazyModulePath(specifier: string): string {
  const { name, file } = shippedLazyModule(specifier);
  return path.join('node_modules', name, file);
}

/**
 * The shell commands that ship a function's lazy modules beside its bundle in `outputDir`: each
 * bundled on its own as an ES module into `node_modules/<package>/` (`index.mjs` for a package,
 * `<subpath>.mjs` for a subpath), with a package.json whose exports map gives the function's
 * `import('<specifier>')` that file — Node resolves it from the function's `index.mjs` as it
 * resolves the real package from the sources. A CommonJS module comes out as its default export,
 * as Node's `import()` of it gives it. CDK runs them after bundling the function
 * (cloud/lambdas.ts); the benches run them beside their own bundles.
 */
export function afterBundlingCommands(definition: FunctionDefinition, outputDir: string): string[] {
  const packages = new Map<string, Record<string, string>>();
  const commands = definition.lazyModules.map((specifier) => {
    const { name, subpath, file } = shippedLazyModule(specifier);
    packages.set(name, { ...packages.get(name), [subpath]: file });
    return [
      `"${esbuildBinary}"`,
      `"${importedFile(specifier)}"`,
      '--bundle',
      '--platform=node',
      '--format=esm',
      `--target=${bundling.target}`,
      '--minify',
      '--log-level=warning',
      `--banner:js="${bundling.banner}"`,
      `--outfile="${path.join(outputDir, 'node_modules', name, file)}"`,
    ].join(' ');
  });
  for (const [name, exports] of packages) {
    const manifest = JSON.stringify({ name, private: true, exports });
    commands.push(`echo '${manifest}' > "${path.join(outputDir, 'node_modules', name, 'package.json')}"`);
  }
  for (const [file, script] of Object.entries(definition.builtFiles)) {
    commands.push(`"${nodeBinary}" "${script}" "${path.join(outputDir, file)}"`);
  }
  return commands;
}

/** The esbuild options of a function's bundle, as CDK builds it (for the benches, which build it themselves). */
export function bundleOptions(definition: FunctionDefinition): BuildOptions {
  return {
    entryPoints: [definition.entry],
    bundle: true,
    format: bundling.format,
    platform: bundling.platform,
    target: bundling.target,
    minify: bundling.minify,
    mainFields: bundling.mainFields,
    external: [...bundling.external, ...definition.lazyModules],
    banner: { js: bundling.banner },
  };
}

/** Ships a function's lazy modules and built files beside its bundle in `outputDir`, as CDK does (for the benches). */
export function shipBesideBundle(definition: FunctionDefinition, outputDir: string): void {
  for (const command of afterBundlingCommands(definition, outputDir))
    execSync(command, { shell: '/bin/bash' });
}

/**
 * Every Lambda function of Yichuang, derived from the route table and the scheduled jobs, with the
 * esbuild options both the CDK stack and bench/ bundle them with.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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
};

export const messagesFunction: FunctionDefinition = {
  name: 'MessagesDelivery',
  entry: path.join(projectRoot, 'functions', 'jobs', 'messages.ts'),
  kind: 'job',
  // Under a minute: the next run (every minute) takes over what is left.
  timeoutSeconds: 50,
};

/**
 * HTTP functions allowed longer than the others' 10 seconds, still under API Gateway's 30-second
 * integration limit: the ledger writes an Excel file of up to 20,000 cases per request
 * (bench/ledger-xlsx.ts).
 */
const longerHttpTimeouts: Readonly<Record<string, number>> = { 'figures/ledger': 29 };

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
};

export function functionDefinitions(): FunctionDefinition[] {
  const handlers = [...new Set(routes.map((route) => route.handler))];
  return [
    ...handlers.map((handler) => ({
      name: `Http${pascal(handler.replace('/', '-'))}`,
      entry: httpFunctionEntry(handler),
      kind: 'http' as const,
      timeoutSeconds: longerHttpTimeouts[handler] ?? 10,
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

/**
 * Starts the real local runtime for a test: its own data folder, a free port, the sweep timer off
 * (tests fire the sweep themselves), the built site from site/dist.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { captureFunctionOutput } from '../../infra/local/function-host.ts';
import { type LocalRuntime, startRuntime } from '../../infra/local/runtime.ts';
import { readLocalSettings } from '../../infra/local/settings.ts';

export interface TestRuntime extends LocalRuntime {
  /** `http://127.0.0.1:PORT`, the runtime's address. */
  baseUrl: string;
  dataDir: string;
  /** Lines the runtime logged (access log, function failures). */
  log: string[];
  /** Lines the functions wrote (Powertools log lines), at `logLevel`. */
  functionLog: string[];
  /** Stops the runtime and deletes its data folder unless `keepData` was set. */
  stop(): Promise<void>;
}

export async function makeDataDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'yichuang-test-'));
}

export async function startTestRuntime(
  options: { dataDir?: string; keepData?: boolean; logLevel?: string } = {},
): Promise<TestRuntime> {
  const dataDir = options.dataDir ?? (await makeDataDir());
  const log: string[] = [];
  const functionLog: string[] = [];
  const release = captureFunctionOutput((line) => functionLog.push(line));
  const runtime = await startRuntime(
    {
      ...readLocalSettings({}),
      port: 0,
      host: '127.0.0.1',
      dataDir,
      schedule: false,
      logLevel: options.logLevel ?? 'ERROR',
    },
    (line) => log.push(line),
  ).finally(release);
  return {
    ...runtime,
    baseUrl: `http://127.0.0.1:${runtime.port}`,
    dataDir,
    log,
    functionLog,
    async stop() {
      await runtime.stop();
      if (!options.keepData) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

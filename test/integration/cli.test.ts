import { execFile, spawnSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../infra/functions.ts';
import { openIdentityIssuer } from '../../infra/local/identity.ts';
import { makeDataDir, startTestRuntime } from '../support/runtime.ts';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

function yichuang(args: string[], env: Record<string, string> = {}) {
  return spawnSync('npx', ['--no-install', 'yichuang', ...args], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('npx yichuang', () => {
  it('prints its help', () => {
    const result = yichuang(['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: npx yichuang <command>');
    expect(result.stdout).toMatch(/token\s+print a bearer token/);
  });

  it('prints a token the local identity issuer accepts, for the named demo user', async () => {
    const dataDir = await makeDataDir();
    dirs.push(dataDir);
    const result = yichuang(['token', 'leader'], { YICHUANG_DATA_DIR: dataDir });
    expect(result.status, result.stderr).toBe(0);
    const payload = await (await openIdentityIssuer(dataDir)).verify(result.stdout.trim());
    expect(payload).toMatchObject({ 'cognito:username': 'leader', 'cognito:groups': ['leader'] });
  });

  it('refuses an unknown demo user and an unknown command with a message and a non-zero exit', async () => {
    const dataDir = await makeDataDir();
    dirs.push(dataDir);
    const unknownUser = yichuang(['token', 'mayor'], { YICHUANG_DATA_DIR: dataDir });
    expect(unknownUser.status).not.toBe(0);
    expect(unknownUser.stderr).toContain('Unknown demo user "mayor"');
    const unknownCommand = yichuang(['fly']);
    expect(unknownCommand.status).not.toBe(0);
    expect(unknownCommand.stderr).toContain('Unknown command: fly');
  });

  it('sweeps at a chosen instant through a running runtime, which holds the store, and alone without one', async () => {
    // Asynchronously: the runtime answers from this process's event loop.
    const run = (env: Record<string, string>) =>
      promisify(execFile)(
        'npx',
        ['--no-install', 'yichuang', 'sweep', '--now', '2027-03-01T09:00:00+08:00', '--json'],
        { cwd: projectRoot, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 },
      );
    const runtime = await startTestRuntime();
    try {
      const port = new URL(runtime.baseUrl).port;
      const { stdout } = await run({ YICHUANG_DATA_DIR: runtime.dataDir, PORT: port });
      expect(JSON.parse(stdout)).toMatchObject({ at: '2027-03-01T01:00:00.000Z' });
    } finally {
      await runtime.stop();
    }
    const dataDir = await makeDataDir();
    dirs.push(dataDir);
    const alone = await run({ YICHUANG_DATA_DIR: dataDir, PORT: '1' });
    expect(JSON.parse(alone.stdout)).toMatchObject({ at: '2027-03-01T01:00:00.000Z', examined: 0 });
  }, 120_000);
});

describe('npx yichuang figures', () => {
  it('recounts a period of the local store, and refuses a bad period with exit code 2', async () => {
    const dataDir = await makeDataDir();
    dirs.push(dataDir);
    const bad = yichuang(['figures', 'recount', '--period', '2026-13'], { YICHUANG_DATA_DIR: dataDir });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--period');
    const result = yichuang(['figures', 'recount', '--period', '2026-11', '--json'], {
      YICHUANG_DATA_DIR: dataDir,
    });
    expect(result.status, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as {
      action: string;
      recount: { months: { month: string; cellsRewritten: number }[] };
      archived: { month: string; rows: number }[];
    };
    expect(summary.action).toBe('recount');
    expect(summary.recount.months.map((month) => [month.month, month.cellsRewritten])).toEqual([
      ['2026-11', 0],
    ]);
    // November has ended: its (empty) ledger is archived into the data folder.
    expect(summary.archived.map((archived) => [archived.month, archived.rows])).toEqual([['2026-11', 0]]);
    const caughtUp = yichuang(['figures', 'catch-up'], { YICHUANG_DATA_DIR: dataDir });
    expect(caughtUp.status, caughtUp.stderr).toBe(0);
    expect(caughtUp.stdout).toContain('catch-up: 0 waiting');
  }, 120_000);

  it('refuses, with a message and exit code 1, while a runtime holds the store', async () => {
    const runtime = await startTestRuntime();
    try {
      const port = new URL(runtime.baseUrl).port;
      // Asynchronously: the runtime answers from this process's event loop.
      const refused = await promisify(execFile)('npx', ['--no-install', 'yichuang', 'figures', 'catch-up'], {
        cwd: projectRoot,
        env: { ...process.env, YICHUANG_DATA_DIR: runtime.dataDir, PORT: port },
        encoding: 'utf8',
        timeout: 60_000,
      }).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => error,
      );
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('holds the store: stop `npm start` first');
    } finally {
      await runtime.stop();
    }
  }, 120_000);
});

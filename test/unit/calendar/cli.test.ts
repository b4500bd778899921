/** The `deadline` and `workday` commands, called in-process and once through the real bin. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deadlineCommand } from '../../../infra/cli/commands/deadline.ts';
import { commands } from '../../../infra/cli/commands/index.ts';
import { workdayCommand } from '../../../infra/cli/commands/workday.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

let stdout: string[];
let stderr: string[];

beforeEach(() => {
  stdout = [];
  stderr = [];
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    stdout.push(args.join(' '));
  });
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    stderr.push(args.join(' '));
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('yichuang deadline', () => {
  it('prints exactly one JSON object with --json', async () => {
    expect(await deadlineCommand.run(['--from', '2026-09-24', '--workdays', '20', '--json'])).toBe(0);
    expect(stdout).toHaveLength(1);
    expect(JSON.parse(stdout[0] ?? '')).toEqual({
      from: '2026-09-24',
      workdays: 20,
      due: '2026-10-29',
      dueAt: '2026-10-29T17:30:00+08:00',
      provisional: false,
    });
    expect(stderr).toEqual([]);
  });

  it('prints the due date for people, and says when it is provisional', async () => {
    expect(await deadlineCommand.run(['--from', '2026-02-13', '--workdays', '1'])).toBe(0);
    expect(stdout.join('\n')).toContain('2026-02-14（星期六）17:30 截止');
    stdout.length = 0;
    expect(await deadlineCommand.run(['--from', '2026-12-20', '--workdays', '30'])).toBe(0);
    expect(stdout.join('\n')).toMatch(/provisional/);
  });

  it('follows the configured close of business and local days (--centre)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'yichuang-centre-'));
    const file = path.join(dir, 'centre.json');
    writeFileSync(
      file,
      JSON.stringify({
        timeZone: 'Asia/Shanghai',
        closeOfBusiness: '17:00',
        localDays: [{ date: '2026-10-29', kind: 'closure', name: '系统停机' }],
      }),
    );
    expect(
      await deadlineCommand.run(['--from', '2026-09-24', '--workdays', '20', '--json', '--centre', file]),
    ).toBe(0);
    expect(JSON.parse(stdout[0] ?? '')).toMatchObject({
      due: '2026-10-30',
      dueAt: '2026-10-30T17:00:00+08:00',
    });
  });

  it.each([
    [['--from', '2026-02-30', '--workdays', '3'], /Invalid start date "2026-02-30"/],
    [['--from', '2026-09-24', '--workdays', '-3'], /whole number of working days ≥ 0, got "-3"/],
    [['--from', '2026-09-24', '--workdays=-3'], /whole number of working days ≥ 0/],
    [['--from', '2026-09-24', '--workdays', 'ten'], /whole number/],
    [['--from', '2100-01-04', '--workdays', '3'], /Year 2100 is outside the supported range 2000–2099/],
    [['--from', '1999-12-30', '--workdays', '3'], /outside the supported range/],
    [['--from', '2099-12-20', '--workdays', '30'], /run past 2099-12-31/],
    [['--workdays', '3'], /--from <YYYY-MM-DD> is required/],
    [['--from', '2026-09-24'], /--workdays <n> is required/],
    [['--from', '2026-09-24', '--workdays', '3', '--days', '4'], /Unknown option '--days'/],
  ])('refuses %j with a message and exit code 2', async (args, message) => {
    expect(await deadlineCommand.run(args)).toBe(2);
    expect(stderr.join('\n')).toMatch(message);
    expect(stdout).toEqual([]);
  });
});

describe('yichuang workday', () => {
  it('prints exactly one JSON object with --json', async () => {
    expect(await workdayCommand.run(['2026-10-10', '--json'])).toBe(0);
    expect(stdout).toHaveLength(1);
    expect(JSON.parse(stdout[0] ?? '')).toEqual({
      date: '2026-10-10',
      workday: true,
      reason: '调休上班 (国庆节)',
      provisional: false,
    });
  });

  it('explains a provisional holiday for people', async () => {
    expect(await workdayCommand.run(['2027-01-01'])).toBe(0);
    const text = stdout.join('\n');
    expect(text).toContain('休息日 day off — 法定节假日 (元旦)');
    expect(text).toMatch(/provisional/);
  });

  it.each([
    [['2026-02-30'], /Invalid date "2026-02-30"/],
    [['2100-01-01', '--json'], /outside the supported range 2000–2099/],
    [[], /A date is required/],
    [['2026-10-10', '2026-10-11'], /One date at a time/],
  ])('refuses %j with a message and exit code 2', async (args, message) => {
    expect(await workdayCommand.run(args)).toBe(2);
    expect(stderr.join('\n')).toMatch(message);
  });
});

describe('the yichuang bin', () => {
  it('registers both commands', () => {
    expect(commands.map((command) => command.name)).toEqual(expect.arrayContaining(['deadline', 'workday']));
  });

  it('runs `deadline --json` under Node 24 through infra/cli/bin.js', () => {
    const run = spawnSync(
      process.execPath,
      ['infra/cli/bin.js', 'deadline', '--from', '2026-09-24', '--workdays', '20', '--json'],
      { cwd: root, encoding: 'utf8', timeout: 60_000 },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      from: '2026-09-24',
      workdays: 20,
      due: '2026-10-29',
      dueAt: '2026-10-29T17:30:00+08:00',
      provisional: false,
    });
    const bad = spawnSync(process.execPath, ['infra/cli/bin.js', 'workday', '2026-13-01'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/Invalid date "2026-13-01"/);
  }, 60_000);
});

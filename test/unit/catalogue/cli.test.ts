import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { catalogCommand } from '../../../infra/cli/commands/catalog.ts';
import { departmentsFixture, promisedItem } from './fixtures.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'yichuang-catalog-'));
  await mkdir(path.join(dir, 'services'));
  await writeFile(path.join(dir, 'departments.json'), JSON.stringify(departmentsFixture.data));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(args: string[]): Promise<{ code: number; output: string }> {
  const lines: string[] = [];
  const capture = (...parts: unknown[]) => {
    lines.push(parts.join(' '));
  };
  const spies = [
    vi.spyOn(console, 'log').mockImplementation(capture),
    vi.spyOn(console, 'warn').mockImplementation(capture),
    vi.spyOn(console, 'error').mockImplementation(capture),
  ];
  try {
    const code = await catalogCommand.run(args);
    return { code, output: lines.join('\n') };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

describe('npx yichuang catalog lint', () => {
  it('passes the sample catalogue', async () => {
    const { code, output } = await run(['lint']);
    expect(output).toMatch(/0 个错误 errors/);
    expect(code).toBe(0);
  });

  it('fails a broken folder with file, field and rule in Chinese and English', async () => {
    const file = path.join(dir, 'services', 'YC-T-0001.json');
    await writeFile(file, JSON.stringify(promisedItem({ limits: { statutoryDays: 20, promisedDays: 30 } })));
    const { code, output } = await run(['lint', '--dir', dir]);
    expect(code).toBe(1);
    expect(output).toContain('YC-T-0001.json › limits.promisedDays [promised-within-statutory]');
    expect(output).toContain('承诺时限（30 个工作日）超过法定时限（20 个工作日）');
    expect(output).toContain('the promised limit (30 working days) exceeds the statutory limit (20)');
  });

  it('reports a file that is not JSON', async () => {
    await writeFile(path.join(dir, 'services', 'broken.json'), '{ "code": ');
    const { code, output } = await run(['lint', '--dir', dir]);
    expect(code).toBe(1);
    expect(output).toContain('broken.json › (root) [schema]');
  });

  it('fails on warnings only with --strict', async () => {
    const clean = await mkdtemp(path.join(os.tmpdir(), 'yichuang-catalog-'));
    await mkdir(path.join(clean, 'services'));
    await writeFile(path.join(clean, 'departments.json'), JSON.stringify(departmentsFixture.data));
    await writeFile(
      path.join(clean, 'services', 'a.json'),
      JSON.stringify(promisedItem({ limits: { statutoryDays: 10, promisedDays: 10 } })),
    );
    expect((await run(['lint', '--dir', clean])).code).toBe(0);
    expect((await run(['lint', '--dir', clean, '--strict'])).code).toBe(1);
    await rm(clean, { recursive: true, force: true });
  });

  it('rejects an unknown subcommand', async () => {
    expect((await run(['frobnicate'])).code).toBe(2);
  });
});

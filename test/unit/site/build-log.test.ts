import { describe, expect, it } from 'vitest';
import { condensePageLines } from '../../../site/integrations/build-log.mjs';

interface LogEvent {
  level: string;
  label: string | null;
  message: string;
  newLine: boolean;
}

/** A log destination that keeps what it is given. */
function collect() {
  const written: LogEvent[] = [];
  return { written, destination: { write: (event: LogEvent) => written.push(event) } };
}

const dim = (text: string) => `\u001b[2m${text}\u001b[22m`;
const info = (label: string | null, message: string, newLine = true): LogEvent => ({
  level: 'info',
  label,
  message,
  newLine,
});
/** What Astro writes for a page: the start (no newline), later its time. */
const pageStart = (path: string) => info(null, `  \u001b[34m├─\u001b[39m ${dim(path)}`, false);
const pageTime = (ms: number) =>
  info('SKIP_FORMAT', ` ${dim(ms < 750 ? `(+${ms}ms)` : `(+${(ms / 1000).toFixed(2)}s)`)} `);

describe('the build log handler', () => {
  it('counts the page lines instead of writing them, with a line every 1,000 pages', () => {
    const { written, destination } = collect();
    const log = condensePageLines(destination);
    log.write(info('build', 'Building static entrypoints...'));
    // Four pages render at once: their lines interleave.
    for (let page = 0; page < 2500; page += 4) {
      for (let i = page; i < page + 4; i++) log.write(pageStart(`/services/YC-${i}/index.html`));
      for (let i = page; i < page + 4; i++) log.write(pageTime(i === 7 ? 1250 : 11));
    }
    log.write(info(null, '\u001b[32m✓ Completed in 9.10s.\u001b[39m'));

    const messages = written.map((event) => event.message);
    expect(messages[0]).toBe('Building static entrypoints...');
    expect(messages.filter((m) => m.includes('├─'))).toEqual([
      expect.stringContaining('/services/YC-999/index.html\u001b[22m  (1000)'),
      expect.stringContaining('/services/YC-1999/index.html\u001b[22m  (2000)'),
    ]);
    expect(written.filter((e) => e.message.includes('├─')).every((e) => e.newLine)).toBe(true);
    expect(messages.some((m) => m.includes('(+'))).toBe(false);
    expect(messages.at(-2)).toBe('  └─ 2500 files generated');
    expect(messages.at(-1)).toContain('Completed in 9.10s.');
    expect(written).toHaveLength(5);
  });

  it('keeps a note about a page and every other event as it is', () => {
    const { written, destination } = collect();
    const log = condensePageLines(destination);
    const note = info(
      'SKIP_FORMAT',
      ` ${dim('(+3ms)')} \u001b[33m(file not created, response body was empty)\u001b[39m`,
    );
    const warning: LogEvent = { level: 'warn', label: 'build', message: 'a warning', newLine: true };
    const failure: LogEvent = {
      level: 'error',
      label: 'build',
      message: 'Caught error rendering /x/',
      newLine: true,
    };
    const integration = info('yichuang-catalogue', 'pagefind: indexed 2 pages in 10 ms');
    log.write(pageStart('/a/index.html'));
    log.write(note);
    log.write(warning);
    log.write(failure);
    log.write(integration);
    expect(written).toEqual([
      note,
      info('SKIP_FORMAT', '  └─ 1 files generated'),
      warning,
      failure,
      integration,
    ]);
  });
});

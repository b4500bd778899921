/**
 * The site's log handler (astro.config.mjs `logger`): Astro's own console output, except that the
 * build's two lines per generated page are summed up. At 10,000 guide pages those are 20,000
 * lines no one reads, and writing them cost about 7% of the build's time. Every 1,000th page
 * keeps its line, to show the build moving; a line with a note (file not created, cached) is kept;
 * the count is printed when the pages are done.
 *
 * Astro loads this file itself, outside Vite: it has to be JavaScript.
 */
import nodeLogger from 'astro/logger/node';

const progressEvery = 1000;

// biome-ignore lint/suspicious/noControlCharactersInRegex: the colour codes Astro writes
const plain = (message) => message.replace(/\u001b\[[0-9;]*m/g, '');

/** `  ├─ /services/x/index.html`, written when a page starts (several render at once). */
const isPageStart = (event) =>
  event.level === 'info' &&
  event.label === null &&
  event.newLine === false &&
  /^\s*[├└]─ /.test(plain(event.message));

/** ` (+12ms) ` or ` (+1.25s) `, written when a page is done. */
const isPageTime = (event) =>
  event.label === 'SKIP_FORMAT' && /^\s*\(\+[\d.]+m?s\)\s*$/.test(plain(event.message));

/**
 * @typedef {{ level: string; label: string | null; message: string; newLine: boolean }} LogEvent
 * @typedef {{ write(event: LogEvent): void; flush?(): void; close?(): void }} LogDestination
 */

/**
 * Passes every event to `destination` but the page lines, counted instead.
 * @param {LogDestination} destination
 * @returns {LogDestination}
 */
export function condensePageLines(destination) {
  let pages = 0;
  return {
    write(event) {
      if (isPageStart(event)) {
        pages++;
        if (pages % progressEvery === 0) {
          destination.write({ ...event, newLine: true, message: `${event.message}  (${pages})` });
        }
        return;
      }
      if (isPageTime(event)) return;
      if (pages > 0 && event.label !== 'SKIP_FORMAT') {
        destination.write({
          level: 'info',
          label: 'SKIP_FORMAT',
          message: `  └─ ${pages} files generated`,
          newLine: true,
        });
        pages = 0;
      }
      destination.write(event);
    },
    flush: () => destination.flush?.(),
    close: () => destination.close?.(),
  };
}

/** @param {Record<string, unknown> | undefined} config passed on to Astro's console handler */
export default function buildLog(config) {
  return condensePageLines(nodeLogger(config));
}

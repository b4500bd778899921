/**
 * `npx yichuang sweep --now <instant> [--json]`: time travel for operators and tests — one
 * supervision sweep against the local store (YICHUANG_DATA_DIR) at the instant given.
 *
 * The embedded store's LevelDB folder opens in one process only: when `npm start` holds it, the
 * sweep is run through the runtime's API instead (POST /api/supervision/sweeps with `now`, as the
 * demo supervisor).
 */
import { parseArgs } from 'node:util';
import type { SweepSummary } from '../../../functions/jobs/sweep.ts';
import { openIdentityIssuer } from '../../local/identity.ts';
import { readLocalSettings } from '../../local/settings.ts';
import type { Command } from '../command.ts';
import { instantPattern, runtimeAnswers, withLocalStore } from '../local-store.ts';

const help = `Usage: npx yichuang sweep [--now <instant>] [--json]

Runs one supervision sweep (电子监察) against the local store at the instant given (default: now)
and prints what it did: items examined, levels changed (by level and event type), events
published, cards recorded, inbox entries, and when the next run is due.

  --now    an instant with an offset, e.g. 2026-12-01T09:00:00+08:00
  --json   print the summary as JSON

The store is the one in YICHUANG_DATA_DIR (default .yichuang/). When \`npm start\` is running it
holds the store, so the sweep runs through its API (PORT, default 4321) as the demo supervisor.`;

async function sweepInProcess(dataDir: string, now: Date): Promise<SweepSummary> {
  return withLocalStore(dataDir, async () => {
    // Imported once the environment names the store, as a Lambda function is loaded.
    const { runSweep } = await import('../../../functions/jobs/sweep.ts');
    return runSweep(now);
  });
}

async function sweepThroughApi(dataDir: string, port: number, now: Date): Promise<SweepSummary> {
  const issuer = await openIdentityIssuer(dataDir);
  const token = await issuer.issue('supervisor', { expiresInSeconds: 300 });
  const response = await fetch(`http://127.0.0.1:${port}/api/supervision/sweeps`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ now: now.toISOString() }),
  });
  if (!response.ok) throw new Error(`the runtime answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as SweepSummary;
}

function describe(summary: SweepSummary): string {
  const byType = Object.entries(summary.changedByType)
    .map(([type, count]) => `${type} ${count}`)
    .join(', ');
  return [
    `sweep at ${summary.at}`,
    `  examined   ${summary.examined}`,
    `  changed    ${summary.changed} (remind ${summary.changedByLevel.remind}, yellow ${summary.changedByLevel.yellow}, red ${summary.changedByLevel.red})${byType ? ` — ${byType}` : ''}`,
    `  published  ${summary.published}${summary.duplicates ? ` (+${summary.duplicates} already on the bus)` : ''}`,
    `  cards      ${summary.cards}, inbox entries ${summary.inboxEntries}`,
    `  remaining  ${summary.remaining ? 'yes — the next run continues' : 'none'}`,
    `  next run   ${summary.nextRunHint.nextScheduledAt}; earliest next check ${summary.nextRunHint.earliestNextCheckAt ?? 'none'}`,
  ].join('\n');
}

export const sweepCommand: Command = {
  name: 'sweep',
  summary: 'run one supervision sweep against the local store at a chosen instant (--now)',
  help,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: { now: { type: 'string' }, json: { type: 'boolean', default: false } },
    });
    if (values.now !== undefined && !instantPattern.test(values.now)) {
      console.error(`--now: expected an instant with an offset, e.g. 2026-12-01T09:00:00+08:00.\n\n${help}`);
      return 2;
    }
    const now = values.now ? new Date(values.now) : new Date();
    if (Number.isNaN(now.getTime())) {
      console.error(`--now: not a valid instant: ${values.now}`);
      return 2;
    }
    const settings = readLocalSettings();
    let summary: SweepSummary;
    // A running runtime holds the store (LevelDB opens in one process, and dynalite fails on a
    // held one with an exception nothing can catch): ask it first, open the store only without it.
    if (await runtimeAnswers(settings.port)) {
      try {
        summary = await sweepThroughApi(settings.dataDir, settings.port, now);
      } catch (apiError) {
        console.error(
          `The runtime on port ${settings.port} refused the sweep (${(apiError as Error).message}); is it running on YICHUANG_DATA_DIR=${settings.dataDir}?`,
        );
        return 1;
      }
    } else {
      try {
        summary = await sweepInProcess(settings.dataDir, now);
      } catch (storeError) {
        console.error(
          `Could not open the local store in ${settings.dataDir}: ${(storeError as Error).message}`,
        );
        return 1;
      }
    }
    console.log(values.json ? JSON.stringify(summary, null, 2) : describe(summary));
    return 0;
  },
};

const recomputeHelp = `Usage: npx yichuang recompute-deadlines [--now <instant>] [--json]

After a holiday schedule year is loaded or amended, or a local day is added to centre.json:
recomputes the due instant, queue order and next check of every running clock in the local
store (YICHUANG_DATA_DIR) with the calendar as it is now, and makes due at once any case whose
warning level the change moved, so the next sweep announces it. Stop \`npm start\` first: the
store opens in one process only.`;

export const recomputeDeadlinesCommand: Command = {
  name: 'recompute-deadlines',
  summary: 'recompute running clocks in the local store after a calendar change',
  help: recomputeHelp,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: { now: { type: 'string' }, json: { type: 'boolean', default: false } },
    });
    if (values.now !== undefined && !instantPattern.test(values.now)) {
      console.error(`--now: expected an instant with an offset.\n\n${recomputeHelp}`);
      return 2;
    }
    const now = values.now ? new Date(values.now) : new Date();
    const settings = readLocalSettings();
    if (await runtimeAnswers(settings.port)) {
      console.error(
        `A runtime is running on port ${settings.port} and holds the store: stop \`npm start\` first.`,
      );
      return 1;
    }
    try {
      const summary = await withLocalStore(settings.dataDir, async () => {
        const { recomputeDeadlines } = await import('../../../functions/jobs/recompute-deadlines.ts');
        return recomputeDeadlines(now);
      });
      console.log(
        values.json
          ? JSON.stringify(summary, null, 2)
          : `recomputed at ${summary.at}: examined ${summary.examined}, moved ${summary.moved}, due now ${summary.dueNow}, conflicts ${summary.conflicts}`,
      );
      return 0;
    } catch (error) {
      console.error(
        `Could not recompute in ${settings.dataDir}: ${(error as Error).message} (is \`npm start\` running?)`,
      );
      return 1;
    }
  },
};

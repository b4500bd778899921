/**
 * `npx yichuang figures recount --period 2026-11` and `npx yichuang figures catch-up`: the figures
 * job (functions/jobs/figures.ts) against the local store, in this process. Stop `npm start` first:
 * the store opens in one process only. In the cloud the same job runs as the FiguresJob function
 * (`aws lambda invoke --function-name <FiguresJobName> --payload '{"action":"recount","period":"2026-11"}'`).
 */
import { parseArgs } from 'node:util';
import { parsePeriod } from '../../../functions/domain/figures/periods.ts';
import type { FiguresJobResult } from '../../../functions/jobs/figures.ts';
import { readLocalSettings } from '../../local/settings.ts';
import type { Command } from '../command.ts';
import { runtimeAnswers, withLocalStore } from '../local-store.ts';

const help = `Usage: npx yichuang figures recount --period <period> [--json]
       npx yichuang figures catch-up [--json]

recount   Rebuilds the kept figures of a period from the sources — its cases, complaints, cards and
          ratings — with the catalogue, calendar and figure settings as they are now, and checks the
          list of open overdue cases; then archives the ledger of each of its months that has ended
          (<data folder>/ledger/centre=…/month=…/part-*.jsonl). Run it after changing
          functions/config/figures.json, after a holiday schedule or a local day changed the
          calendar (after recompute-deadlines), after upgrading from a version that did not keep
          figures, or whenever the figures are in doubt. The same figures come out when nothing
          was lost. A period: a day 2026-12-03, a month 2026-12, a quarter 2026-Q4 or a year 2026.
catch-up  Counts now every change a request did not get into the kept figures (the runtime does it
          every 5 minutes).

The store is the one in YICHUANG_DATA_DIR (default .yichuang/); stop \`npm start\` first.`;

function describe(result: FiguresJobResult): string {
  const lines: string[] = [];
  if (result.pending) {
    const p = result.pending;
    lines.push(
      `catch-up: ${p.found} waiting, ${p.counted} counted, ${p.unchanged} already counted, ${p.busy} busy`,
    );
  }
  for (const month of result.recount?.months ?? []) {
    lines.push(
      `${month.month}: ${month.sources} sources (${month.projected} brought up to date), ${month.cellsRewritten} sums rewritten, ${month.cellsRemoved} removed, ${month.lateFixed} late-list entries fixed`,
    );
  }
  if (result.recount) {
    const open = result.recount.open;
    lines.push(`open overdue list: ${open.entries} entries, ${open.removed} stale ones removed`);
  }
  for (const archived of result.archived ?? []) {
    lines.push(
      `ledger ${archived.month}: ${archived.rows} rows in ${archived.parts} parts → ${archived.location}`,
    );
  }
  return lines.join('\n');
}

export const figuresCommand: Command = {
  name: 'figures',
  summary: 'recount the kept figures of a period from the sources, or catch up (local store)',
  help,
  async run(args) {
    const [action, ...rest] = args;
    if (action !== 'recount' && action !== 'catch-up') {
      console.error(help);
      return 2;
    }
    const { values } = parseArgs({
      args: rest,
      options: { period: { type: 'string' }, json: { type: 'boolean', default: false } },
    });
    if (action === 'recount' && (values.period === undefined || !parsePeriod(values.period))) {
      console.error(`--period: expected 2026-12-03, 2026-12, 2026-Q4 or 2026 (2000–2099).\n\n${help}`);
      return 2;
    }
    const settings = readLocalSettings();
    // A running runtime holds the store, and dynalite fails on a held one with an exception
    // nothing can catch: refuse before opening it.
    if (await runtimeAnswers(settings.port)) {
      console.error(
        `A runtime is running on port ${settings.port} and holds the store: stop \`npm start\` first (its figures job catches up every 5 minutes by itself).`,
      );
      return 1;
    }
    try {
      const result = await withLocalStore(settings.dataDir, async () => {
        // Imported once the environment names the store, as a Lambda function is loaded.
        const { runFiguresJob } = await import('../../../functions/jobs/figures.ts');
        return runFiguresJob(
          action === 'recount' ? { action, period: values.period as string } : { action, graceSeconds: 0 },
        );
      });
      console.log(values.json ? JSON.stringify(result, null, 2) : describe(result));
      return 0;
    } catch (error) {
      console.error(
        `Could not run the figures ${action} in ${settings.dataDir}: ${(error as Error).message} (is \`npm start\` running? stop it first)`,
      );
      return 1;
    }
  },
};

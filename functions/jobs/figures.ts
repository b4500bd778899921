/**
 * The figures job (统计). Three kinds of run, by the event's `action`:
 *
 * - `catch-up` (every 5 minutes, the sweep's cadence): counts the sources whose change a request
 *   did not get into the kept figures (it died first) and the cards the sweep issued — those whose
 *   pending mark is older than a minute (store/figures/recount.ts projectPending).
 * - `close-month` (the 1st of each month, 02:00 Beijing time): recounts the month just ended from
 *   its sources, then archives its ledger as JSON Lines (S3 in the cloud, for Athena; the data
 *   folder locally). `month` names another month.
 * - `recount` with `period` (an operator's run, or `npx yichuang figures recount`): recounts every
 *   month of the period, then the open overdue list; archives the ledger of each month that has
 *   ended.
 *
 * Each is safe to run twice or at once with another: every write is one conditional write.
 */
import { centreClocks, centreConfig } from '../config/centre.ts';
import { readFunctionEnvironment } from '../config/env.ts';
import { figureSettings } from '../config/figures.ts';
import { civilDateAt } from '../domain/calendar/instant.ts';
import type { ClockContext } from '../domain/clocks/clock.ts';
import { type Period, parsePeriod, periodMonths, previousPeriod } from '../domain/figures/periods.ts';
import type { FigureSettings } from '../domain/figures/settings.ts';
import { logger } from '../http/observability.ts';
import { dynamoDocumentClient } from '../store/client.ts';
import {
  type ArchiveSummary,
  archiveMonthLedger,
  type LedgerArchive,
  ledgerArchiveFromEnvironment,
} from '../store/figures/ledger-archive.ts';
import {
  type PendingSummary,
  projectPending,
  type RecountSummary,
  recountPeriod,
} from '../store/figures/recount.ts';

export type FiguresJobEvent =
  | { action: 'catch-up'; graceSeconds?: number }
  | { action: 'close-month'; month?: string; time?: string }
  | { action: 'recount'; period: string };

export interface FiguresJobResult {
  action: FiguresJobEvent['action'];
  pending?: PendingSummary;
  recount?: RecountSummary;
  archived?: ArchiveSummary[];
}

export interface FiguresJobOptions {
  tableName?: string;
  centre?: string;
  ctx?: ClockContext;
  settings?: FigureSettings;
  archive?: LedgerArchive | null;
  now?: Date;
}

export class FiguresJobInputError extends Error {
  override readonly name = 'FiguresJobInputError';
}

/** Recounts a period and archives the ledger of each of its months that has ended. */
async function recountAndArchive(
  period: Period,
  options: Required<Omit<FiguresJobOptions, 'archive'>> & { archive: LedgerArchive | null | undefined },
) {
  const base = {
    client: dynamoDocumentClient(),
    tableName: options.tableName,
    centre: options.centre,
    ctx: options.ctx,
    settings: options.settings,
  };
  const recount = await recountPeriod(base, period);
  const archived: ArchiveSummary[] = [];
  const today = civilDateAt(options.now);
  // Resolved here, not for every catch-up: only a recount or a month's close writes the archive.
  const archive =
    options.archive === undefined ? ((await ledgerArchiveFromEnvironment()) ?? null) : options.archive;
  if (archive) {
    for (const month of periodMonths(period)) {
      // A month is archived once it has ended: its ledger no longer grows.
      if (month >= today.slice(0, 7)) continue;
      archived.push(await archiveMonthLedger({ ...base, archive, now: options.now }, month));
    }
  }
  return { recount, archived };
}

export async function runFiguresJob(
  event: FiguresJobEvent,
  given: FiguresJobOptions = {},
): Promise<FiguresJobResult> {
  const options = {
    tableName: given.tableName ?? readFunctionEnvironment().tableName,
    centre: given.centre ?? centreConfig.code,
    ctx: given.ctx ?? centreClocks(),
    settings: given.settings ?? figureSettings(),
    now: given.now ?? new Date(),
    archive: given.archive,
  };
  switch (event.action) {
    case 'catch-up': {
      const pending = await projectPending(
        {
          client: dynamoDocumentClient(),
          tableName: options.tableName,
          centre: options.centre,
          ctx: options.ctx,
          settings: options.settings,
        },
        (event.graceSeconds ?? 60) * 1000,
      );
      return { action: event.action, pending };
    }
    case 'close-month': {
      const month =
        event.month ?? previousPeriod(parsePeriod(civilDateAt(options.now).slice(0, 7)) as Period).key;
      const period = parsePeriod(month);
      if (period?.kind !== 'month') throw new FiguresJobInputError(`month: expected YYYY-MM, got ${month}`);
      return { action: event.action, ...(await recountAndArchive(period, options)) };
    }
    case 'recount': {
      const period = parsePeriod(event.period ?? '');
      if (!period) {
        throw new FiguresJobInputError(
          `period: expected a day (2026-12-03), a month (2026-12), a quarter (2026-Q4) or a year (2026), got ${event.period}`,
        );
      }
      return { action: event.action, ...(await recountAndArchive(period, options)) };
    }
    default:
      throw new FiguresJobInputError(
        `action: expected catch-up, close-month or recount, got ${JSON.stringify(event)}`,
      );
  }
}

/** The scheduler's event is the schedule's input (`{action: …}`), with the instant it fired. */
export async function handler(event: FiguresJobEvent & { time?: string }): Promise<FiguresJobResult> {
  const fired = event.time ? new Date(event.time) : new Date();
  const result = await runFiguresJob(event, { now: Number.isNaN(fired.getTime()) ? new Date() : fired });
  logger.info('Figures job', {
    action: result.action,
    ...(result.pending ? { pending: result.pending } : {}),
    ...(result.recount
      ? {
          months: result.recount.months.map(
            ({ month, sources, projected, cellsRewritten, cellsRemoved }) => ({
              month,
              sources,
              projected,
              cellsRewritten,
              cellsRemoved,
            }),
          ),
          open: result.recount.open,
        }
      : {}),
    ...(result.archived
      ? { archived: result.archived.map(({ month, rows, parts }) => ({ month, rows, parts })) }
      : {}),
  });
  return result;
}

/**
 * GET /api/ledger — the case ledger (办件台账) of a scope and period (domain/figures/ledger.ts),
 * read from the month index a page at a time (store/figures ledgerPage), never a whole month at once:
 *
 * - `format=csv` (the default): one page per request; the first opens with the byte-order mark and
 *   the header row;
 * - `format=xlsx`: one workbook per request, of at most `limit` cases, each file complete with its
 *   header row (ledger-xlsx.ts). The request reads its cases in pages of 2000 and writes each page's
 *   rows into the workbook's zip stream before reading the next, so it holds one page of cases and
 *   the compressed file — a few MB at most, as a Lambda response must be.
 *
 * Either way `Link: <…>; rel="next"` names the next page or file until the last.
 */
import { centreClocks, centreConfig } from '../../../config/centre.ts';
import { tableName } from '../../../config/env.ts';
import { figureSettings } from '../../../config/figures.ts';
import { civilDateAt } from '../../../domain/calendar/instant.ts';
import type { CaseState } from '../../../domain/cases/types.ts';
import { ledgerCsvHeader, ledgerCsvLine, ledgerRow } from '../../../domain/figures/ledger.ts';
import { inPeriod, type Period, parsePeriod } from '../../../domain/figures/periods.ts';
import { caseTouchesScope, formatScope } from '../../../domain/figures/scopes.ts';
import { InvalidPeriodCursorError, ledgerPage } from '../../../store/figures/figures.ts';
import { invalidRequest } from '../../problems.ts';
import { actorOf } from '../../staff.ts';
import { httpHandler } from '../http-handler.ts';
import { ledgerWorkbook } from '../ledger-xlsx.ts';
import { xlsxMediaType } from '../schemas.ts';
import { readableScopeOf } from '../support.ts';

type Format = 'csv' | 'xlsx';

/** Index items per request (a CSV page, an xlsx file): default and most. */
const pageSizes: Record<Format, { default: number; max: number }> = {
  csv: { default: 2000, max: 5000 },
  xlsx: { default: 10_000, max: 20_000 },
};

/** Cases read from the store at once while a workbook is written. */
const xlsxSlice = 2000;

function pageSize(format: Format, limit: string | undefined): number {
  const sizes = pageSizes[format];
  if (limit === undefined) return sizes.default;
  const value = Number(limit);
  if (value > sizes.max) {
    throw invalidRequest([
      {
        field: 'query.limit',
        rule: 'max',
        message: `每次最多读取 ${sizes.max} 件（${format === 'csv' ? 'CSV 每页' : 'Excel 每个文件'}）。`,
      },
    ]);
  }
  return value;
}

const cursorProblem = () =>
  invalidRequest([{ field: 'query.cursor', rule: 'cursor', message: '翻页标记无效：它不属于这份台账。' }]);

async function page(period: Period, limit: number, cursor: string | undefined) {
  try {
    return await ledgerPage(tableName(), centreConfig.code, period, limit, cursor);
  } catch (error) {
    if (error instanceof InvalidPeriodCursorError) throw cursorProblem();
    throw error;
  }
}

export const handler = httpHandler(async (request) => {
  const actor = actorOf(request.principal);
  const query = request.query as {
    scope?: string;
    period: string;
    format?: Format;
    cursor?: string;
    limit?: string;
  };
  const { scope, readable } = readableScopeOf(actor, query.scope);
  const period = parsePeriod(query.period) as Period;
  const format = query.format ?? 'csv';
  const limit = pageSize(format, query.limit);
  const now = new Date();
  const clocks = centreClocks();
  const settings = figureSettings();
  const rowsOf = (states: readonly CaseState[]) =>
    states
      .filter((state) => inPeriod(period, civilDateAt(state.receivedAt)) && caseTouchesScope(state, readable))
      .map((state) => ledgerRow(state, now, clocks, settings));

  let body: string | Uint8Array;
  let nextCursor: string | null;
  if (format === 'csv') {
    const read = await page(period, limit, query.cursor);
    const lines = rowsOf(read.states).map(ledgerCsvLine);
    body = (query.cursor === undefined ? ledgerCsvHeader() : '') + lines.join('');
    nextCursor = read.nextCursor;
  } else {
    const workbook = await ledgerWorkbook(`办件台账 ${formatScope(scope)} ${period.key}`);
    let cursor = query.cursor;
    let requested = 0;
    do {
      const slice = Math.min(xlsxSlice, limit - requested);
      const read = await page(period, slice, cursor);
      requested += slice;
      workbook.add(rowsOf(read.states));
      cursor = read.nextCursor ?? undefined;
    } while (cursor !== undefined && requested < limit);
    // A full file leaves a cursor even when the index ends there: look one item ahead, so the last
    // file does not point to an empty one.
    if (cursor !== undefined) {
      const ahead = await page(period, 1, cursor);
      if (ahead.states.length === 0 && ahead.nextCursor === null) cursor = undefined;
    }
    body = await workbook.finish();
    nextCursor = cursor ?? null;
  }

  const name = `${formatScope(scope).replace(':', '-')}-${period.key}.${format}`;
  const headers: Record<string, string> = {
    'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : xlsxMediaType,
    'content-disposition': `attachment; filename="ledger-${name}"; filename*=UTF-8''${encodeURIComponent(`办件台账-${name}`)}`,
  };
  if (nextCursor) {
    const next = new URLSearchParams({
      period: period.key,
      ...(query.scope ? { scope: query.scope } : {}),
      ...(query.format ? { format: query.format } : {}),
      ...(query.limit ? { limit: query.limit } : {}),
      cursor: nextCursor,
    });
    headers.link = `</api/ledger?${next.toString()}>; rel="next"`;
    headers['x-next-cursor'] = nextCursor;
  }
  return { status: 200, headers, body };
});

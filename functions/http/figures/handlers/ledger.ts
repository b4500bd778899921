/**
 * GET /api/ledger — the case ledger (办件台账) of a scope and period as CSV, one page per request
 * (domain/figures/ledger.ts; store/figures ledgerPage): the first page opens with the byte-order
 * mark and the header row; `Link: <…>; rel="next"` names the next page.
 */
import { centreClocks, centreConfig } from '../../../config/centre.ts';
import { tableName } from '../../../config/env.ts';
import { figureSettings } from '../../../config/figures.ts';
import { civilDateAt } from '../../../domain/calendar/instant.ts';
import { ledgerCsvHeader, ledgerCsvLine, ledgerRow } from '../../../domain/figures/ledger.ts';
import { inPeriod, type Period, parsePeriod } from '../../../domain/figures/periods.ts';
import { caseInScope, formatScope } from '../../../domain/figures/scopes.ts';
import { InvalidLedgerCursorError, ledgerPage } from '../../../store/figures/figures.ts';
import { invalidRequest } from '../../problems.ts';
import { actorOf } from '../../staff.ts';
import { httpHandler } from '../http-handler.ts';
import { readableScopeOf, textBody } from '../support.ts';

const defaultPageSize = 2000;

export const handler = textBody(
  httpHandler(async (request) => {
    const actor = actorOf(request.principal);
    const query = request.query as { scope?: string; period: string; cursor?: string; limit?: string };
    const { scope, readable } = readableScopeOf(actor, query.scope);
    const period = parsePeriod(query.period) as Period;
    const limit = query.limit === undefined ? defaultPageSize : Number(query.limit);
    let page: Awaited<ReturnType<typeof ledgerPage>>;
    try {
      page = await ledgerPage(tableName(), centreConfig.code, period, limit, query.cursor);
    } catch (error) {
      if (!(error instanceof InvalidLedgerCursorError)) throw error;
      throw invalidRequest([
        { field: 'query.cursor', rule: 'cursor', message: '翻页标记无效：它不属于这份台账。' },
      ]);
    }
    const now = new Date();
    const clocks = centreClocks();
    const settings = figureSettings();
    const lines = page.states
      .filter(
        (state) =>
          inPeriod(period, civilDateAt(state.receivedAt)) &&
          caseInScope(
            { department: state.department, window: state.window, handler: state.handler },
            readable,
          ),
      )
      .map((state) => ledgerCsvLine(ledgerRow(state, now, clocks, settings)));
    const csv = (query.cursor === undefined ? ledgerCsvHeader() : '') + lines.join('');
    const fileName = `ledger-${formatScope(scope).replace(':', '-')}-${period.key}.csv`;
    const chineseName = `办件台账-${formatScope(scope).replace(':', '-')}-${period.key}.csv`;
    const headers: Record<string, string> = {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(chineseName)}`,
    };
    if (page.nextCursor) {
      const next = new URLSearchParams({
        period: period.key,
        ...(query.scope ? { scope: query.scope } : {}),
        ...(query.limit ? { limit: query.limit } : {}),
        cursor: page.nextCursor,
      });
      headers.link = `</api/ledger?${next.toString()}>; rel="next"`;
      headers['x-next-cursor'] = page.nextCursor;
    }
    return { status: 200, headers, body: csv };
  }),
);

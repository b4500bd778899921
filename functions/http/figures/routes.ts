/**
 * Figure routes (统计, domain.md §6, §12). routes.ts assembles them into the one route table.
 */
import { roles } from '../../domain/roles.ts';
import { problem, type RouteDefinition } from '../route-definition.ts';
import {
  docxMediaType,
  figureCasesQuerySchema,
  figureCasesSchema,
  figureComparisonQuerySchema,
  figureComparisonSchema,
  figureSeriesQuerySchema,
  figureSeriesSchema,
  figuresQuerySchema,
  figuresSchema,
  ledgerQuerySchema,
  monthlyReportQuerySchema,
  xlsxMediaType,
} from './schemas.ts';

/** Those who read a department's or the centre's figures: not a clerk, who reads only their own. */
const overseers = roles.filter((role) => role !== 'clerk');

export const figureRoutes: readonly RouteDefinition[] = [
  {
    id: 'getFigures',
    method: 'GET',
    path: '/api/figures',
    handler: 'figures/read',
    access: roles,
    summary: '统计（办件、督办、投诉、评价；按中心、部门、窗口、工作人员；日、月、季度、年）',
    description:
      'Case figures of a scope and period with the period before (环比) and the same period a year before (同比): received, accepted, not accepted, correction notices, instant settlements, decided (approved / refused), delivered, withdrawn; on-time, early, on-the-spot and correction-notice rates as numerator and denominator; mean working days used against promised and statutory (实际提速); yellow and red supervision cards; complaints received and valid; ratings, satisfaction rate, bad ratings and bad ratings rectified in time; the cases past their statutory limit, each listed. Read from the kept sums (one item per window or clerk per day or month), not from the cases. A clerk sees their own figures, a chief their department (its windows and clerks), leaders, supervision and admin the centre. `scope` defaults to the caller’s own.',
    tag: 'figures',
    request: { query: figuresQuerySchema },
    responses: {
      200: { description: 'The figures.', schema: figuresSchema },
      400: problem('A bad scope or period (the `errors` list names `query.scope` or `query.period`).'),
      403: problem('A scope above the caller’s role.'),
    },
  },
  {
    id: 'getLedger',
    method: 'GET',
    path: '/api/ledger',
    handler: 'figures/ledger',
    access: roles,
    summary: '办件台账（CSV、Excel）',
    description:
      'One row per case received in the period, within the scope (the same scopes and roles as the figures): item code and name, the applicant masked, receipt, acceptance, decision and delivery times, promised and statutory limits, working days used and suspended, result, status, clerk, window, on time. `format=csv` (the default): CSV in UTF-8 with a byte-order mark, paged — at most `limit` (default 2000, up to 5000) index items are read per request; the first page starts with the byte-order mark and the header row. `format=xlsx`: an Excel workbook of at most `limit` (default 10000, up to 20000) cases, each file complete with its header row, written row by row as the cases are read. Either way a `Link: <…>; rel="next"` header (and `X-Next-Cursor`) names the next page or file until the last, and `Content-Disposition` gives a filename.',
    tag: 'figures',
    request: { query: ledgerQuerySchema },
    responses: {
      200: {
        description: 'A page of the ledger (CSV) or one file of it (xlsx).',
        media: ['text/csv', xlsxMediaType],
      },
      400: problem('A bad scope, period, format, cursor or limit (the `errors` list names the parameter).'),
      403: problem('A scope above the caller’s role.'),
    },
  },
  {
    id: 'getFigureSeries',
    method: 'GET',
    path: '/api/figures/series',
    handler: 'figures/charts',
    access: roles,
    summary: '逐月统计（趋势）',
    description:
      'The figures of each of `months` months (default 12) ending with `end`, oldest first, for the trend chart: the same figures as `GET /api/figures`, the overdue cases only counted. The same scopes and roles as the figures.',
    tag: 'figures',
    request: { query: figureSeriesQuerySchema },
    responses: {
      200: { description: 'The months’ figures.', schema: figureSeriesSchema },
      400: problem('A bad scope, month or number of months (the `errors` list names the parameter).'),
      403: problem('A scope above the caller’s role.'),
    },
  },
  {
    id: 'getFigureComparison',
    method: 'GET',
    path: '/api/figures/windows',
    handler: 'figures/charts',
    access: overseers,
    summary: '窗口对比（部门之间、部门各窗口之间）',
    description:
      'The figures of a period side by side: for the centre, one row per department (its windows together); for a department, one row per window. A chief compares their department’s windows; leaders, supervision and admin also the departments. `scope` defaults to the caller’s own.',
    tag: 'figures',
    request: { query: figureComparisonQuerySchema },
    responses: {
      200: { description: 'One row per department or window.', schema: figureComparisonSchema },
      400: problem('A scope other than the centre or a department, or a bad period.'),
      403: problem('A scope above the caller’s role.'),
    },
  },
  {
    id: 'listFigureCases',
    method: 'GET',
    path: '/api/figures/cases',
    handler: 'figures/cases',
    access: roles,
    summary: '统计数字背后的办件清单',
    description:
      'The cases one number of the figures counts (`figure`: a count such as `received` or `decided`, or the numerator of a rate: `onTime`, `early`, `onTheSpot`), by the same definitions, for the same scope and period. Paged over the period’s index: at most `limit` (default 500) index items are read per request, so a page may hold fewer cases than that, or none, and still name a `nextCursor`. Item, window, clerk, status and dates; no personal data.',
    tag: 'figures',
    request: { query: figureCasesQuerySchema },
    responses: {
      200: { description: 'A page of the list.', schema: figureCasesSchema },
      400: problem('A bad scope, period, figure, cursor or limit (the `errors` list names the parameter).'),
      403: problem('A scope above the caller’s role.'),
    },
  },
  {
    id: 'getMonthlyReport',
    method: 'GET',
    path: '/api/reports/monthly',
    handler: 'figures/report',
    access: overseers,
    summary: '月度工作汇报（草稿）',
    description:
      'A draft of the monthly work report (月度工作汇报) of the centre or a department for a month, in the usual sections: 一、基本情况 (the month’s counts and rates with 环比 and 同比, in sentences), 二、主要做法 (left for the author, with the month’s commendations as prompts), 三、存在问题 (overdue cases, supervision cards, valid complaints and bad ratings, each named by case or complaint number, item and window — no personal data), 四、下步打算 (blank). `format=html` (the default): a printable A4 page; `format=docx`: a Word document (opens in Word and WPS; 仿宋_GB2312 body at 三号, 方正小标宋简体 title). A chief reports on their department; leaders, supervision and admin on the centre or any department. `scope` defaults to the caller’s own.',
    tag: 'figures',
    request: { query: monthlyReportQuerySchema },
    responses: {
      200: {
        description: 'The draft, with a `Content-Disposition` filename.',
        media: ['text/html', docxMediaType],
      },
      400: problem('A scope other than the centre or a department, a bad month or format.'),
      403: problem('A scope above the caller’s role.'),
    },
  },
];

/**
 * Figure routes (统计, domain.md §6, §12). routes.ts assembles them into the one route table.
 */
import { roles } from '../../domain/roles.ts';
import { problem, type RouteDefinition } from '../route-definition.ts';
import { figuresQuerySchema, figuresSchema, ledgerQuerySchema } from './schemas.ts';

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
    summary: '办件台账（CSV）',
    description:
      'One row per case received in the period, within the scope (the same scopes and roles as the figures): item code and name, the applicant masked, receipt, acceptance, decision and delivery times, promised and statutory limits, working days used and suspended, result, status, clerk, window, on time. CSV in UTF-8 with a byte-order mark, with a `Content-Disposition` filename. Paged: at most `limit` index items are read per request; the first page starts with the byte-order mark and the header row, and a `Link: <…>; rel="next"` header (and `X-Next-Cursor`) names the next page until the last.',
    tag: 'figures',
    request: { query: ledgerQuerySchema },
    responses: {
      200: { description: 'A page of the ledger.', contentType: 'text/csv' },
      400: problem('A bad scope, period, format, cursor or limit (the `errors` list names the parameter).'),
      403: problem('A scope above the caller’s role.'),
    },
  },
];

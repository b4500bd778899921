/**
 * Figure routes (统计, domain.md §6, §12). routes.ts assembles them into the one route table.
 */
import { roles } from '../../domain/roles.ts';
import { problem, type RouteDefinition } from '../route-definition.ts';
import { figuresQuerySchema, figuresSchema } from './schemas.ts';

export const figureRoutes: readonly RouteDefinition[] = [
  {
    id: 'getFigures',
    method: 'GET',
    path: '/api/figures',
    handler: 'figures/read',
    access: roles,
    summary: '办件统计（按中心、部门、窗口、工作人员；日、月、季度、年）',
    description:
      'Case figures of a scope and period with the period before (环比) and the same period a year before (同比): received, accepted, not accepted, correction notices, instant settlements, decided (approved / refused), delivered, withdrawn; on-time, early, on-the-spot and correction-notice rates as numerator and denominator; mean working days used against promised and statutory (实际提速); the cases past their statutory limit, each listed. A clerk sees their own figures, a chief their department (its windows and clerks), leaders, supervision and admin the centre. `scope` defaults to the caller’s own.',
    tag: 'figures',
    request: { query: figuresQuerySchema },
    responses: {
      200: { description: 'The figures.', schema: figuresSchema },
      400: problem('A bad scope or period (the `errors` list names `query.scope` or `query.period`).'),
      403: problem('A scope above the caller’s role.'),
    },
  },
];

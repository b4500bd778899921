/**
 * Appraisal routes (效能考核, 服务之星, 红旗窗口, the public monthly scorecard; domain.md §8, §12).
 * routes.ts assembles them into the one route table.
 */
import { roles } from '../../domain/roles.ts';
import { problem, type RouteDefinition } from '../route-definition.ts';
import { conflictProblemSchema } from '../schemas.ts';
import {
  appraisalQuerySchema,
  appraisalSchema,
  awardBodySchema,
  awardRecordSchema,
  scorecardQuerySchema,
  scorecardSchema,
} from './schemas.ts';

export const appraisalRoutes: readonly RouteDefinition[] = [
  {
    id: 'getAppraisal',
    method: 'GET',
    path: '/api/appraisal',
    handler: 'appraisal/read',
    access: roles,
    summary: '月度效能考核：窗口和工作人员得分、排名、服务之星与红旗窗口提名',
    description:
      'The month’s score of every window and clerk by the centre’s rule (functions/config/appraisal.json), each explained line by line (which case, complaint, rating or card cost or earned which points, and the caps applied), ranked across the centre; the 服务之星 proposal of each window group and the 红旗窗口 proposal; the awards confirmed so far. A clerk sees their own score; a chief their department’s windows and clerks and the proposals; leaders, supervision and admin everything. Until the month has ended the scores are provisional.',
    tag: 'appraisal',
    request: { query: appraisalQuerySchema },
    responses: {
      200: { description: 'The month’s appraisal.', schema: appraisalSchema },
      400: problem('Not a month (the `errors` list names `query.period`).'),
    },
  },
  {
    id: 'confirmAward',
    method: 'POST',
    path: '/api/appraisal/awards',
    handler: 'appraisal/awards',
    access: ['chief', 'leader'],
    summary: '确认或改选服务之星、红旗窗口',
    description:
      'Confirms one award of an ended month as proposed, or chooses otherwise (another eligible nominee, fewer, none) with a `reason`. Recorded once: who, when, what was proposed, what was chosen and why. The leader confirms any award; a chief a window group whose windows are all of their department; the red flag, the leader only. Once every award of the month is confirmed, the month’s public scorecard is published (GET /api/public/scorecard).',
    tag: 'appraisal',
    request: { body: awardBodySchema, maxBodyBytes: 8192 },
    responses: {
      201: { description: 'The award as recorded.', schema: awardRecordSchema },
      400: problem(
        'A bad field: an unknown award, a nominee outside the award or not eligible, more than the quota, a missing reason for an override (the `errors` list names the field).',
      ),
      403: problem('A chief confirming an award beyond their department, or the red flag.'),
      409: {
        description:
          'The month has not ended, the award is confirmed already, or its proposal changed since it was read (`proposalKey`).',
        schema: conflictProblemSchema,
        contentType: 'application/problem+json',
      },
    },
  },
  {
    id: 'getScorecard',
    method: 'GET',
    path: '/api/public/scorecard',
    handler: 'appraisal/scorecard',
    access: 'public',
    summary: '月度考核结果公开（各部门办件、按时办结率、满意率、差评整改与服务之星、红旗窗口）',
    description:
      'The published scorecard of an ended month whose awards are all confirmed: per department and for the centre, cases received and decided, the on-time rate, the satisfaction rate and the share of bad ratings rectified (each rate as numerator and denominator, value null when nothing divides), and the confirmed 服务之星 (name and window only) and 红旗窗口. Frozen once published; cacheable (`Cache-Control: public`).',
    tag: 'public',
    request: { query: scorecardQuerySchema },
    responses: {
      200: { description: 'The month’s scorecard.', schema: scorecardSchema },
      400: problem('Not a month (the `errors` list names `query.period`).'),
      404: problem('The month is not published (not ended, or its awards not all confirmed yet).'),
    },
  },
];

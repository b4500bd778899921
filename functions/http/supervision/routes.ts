/**
 * Supervision routes (电子监察, domain.md §6): the sweep on demand, the inbox of warnings and the
 * cards with their answers. routes.ts assembles them into the one route table.
 */
import { roles } from '../../domain/roles.ts';
import { problem, type RouteDefinition } from '../route-definition.ts';
import {
  cardAnswerBodySchema,
  cardSchema,
  cardsQuerySchema,
  cardsSchema,
  fullSweepSummarySchema,
  inboxQuerySchema,
  inboxSchema,
  sweepRequestSchema,
} from './schemas.ts';

export const supervisionRoutes: readonly RouteDefinition[] = [
  {
    id: 'runSupervisionSweep',
    method: 'POST',
    path: '/api/supervision/sweeps',
    handler: 'supervision/sweep',
    access: ['supervisor', 'admin'],
    summary: '立即执行一次电子监察巡检',
    description:
      'Runs the supervision sweep now, outside its schedule, and returns its summary. On the local runtime `now` may name another instant (time travel).',
    tag: 'supervision',
    request: { body: sweepRequestSchema },
    responses: {
      200: { description: 'What the sweep examined and changed.', schema: fullSweepSummarySchema },
    },
  },
  {
    id: 'getInbox',
    method: 'GET',
    path: '/api/inbox',
    handler: 'supervision/inbox',
    access: roles,
    summary: '我的督办消息（提醒、黄牌、红牌）',
    description:
      'Escalations addressed to the caller: by name (the handling clerk), to their window, to their role in their department (chief; leader for red), or to the supervision office (supervisor, admin). Newest first.',
    tag: 'supervision',
    request: { query: inboxQuerySchema },
    responses: { 200: { description: 'The caller’s inbox.', schema: inboxSchema } },
  },
  {
    id: 'listCards',
    method: 'GET',
    path: '/api/supervision/cards',
    handler: 'supervision/cards',
    access: ['chief', 'leader', 'supervisor', 'admin'],
    summary: '督办单（黄牌、红牌）',
    description:
      'Cards issued to a department, newest first: its chief and leader see their own department’s; the supervision office any department (`department`) or the whole centre. `open=true`: only those still waiting for an answer.',
    tag: 'supervision',
    request: { query: cardsQuerySchema },
    responses: {
      200: { description: 'The cards.', schema: cardsSchema },
      403: problem('Another department’s cards.'),
    },
  },
  {
    id: 'answerCard',
    method: 'POST',
    path: '/api/supervision/card-answers',
    handler: 'supervision/cards',
    access: ['chief', 'leader'],
    summary: '回复督办单',
    description:
      'The department’s answer to a yellow or red card: what it found and what it did. Stops the card’s answer clock (5 working days by default; a late answer is taken and shows when it came). The card id is in the body because it contains `:` and `+`.',
    tag: 'supervision',
    request: { body: cardAnswerBodySchema },
    responses: {
      200: { description: 'The answered card.', schema: cardSchema },
      403: problem('Not the chief or leader of the card’s department.'),
      404: problem('No such card.'),
      409: problem('Already answered, or the card changed since it was read (currentVersion).'),
    },
  },
];

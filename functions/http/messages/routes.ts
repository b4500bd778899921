/** Messages to visitors (短信通知, domain.md §10): their routes in the one route table (routes.ts spreads them in). */
import { problem, type RouteDefinition } from '../route-definition.ts';
import { messageListSchema, messagesQuerySchema } from './schemas.ts';

export const messageRoutes: RouteDefinition[] = [
  {
    id: 'listMessages',
    method: 'GET',
    path: '/api/messages',
    handler: 'messages/list',
    access: ['chief', 'leader', 'supervisor', 'admin'],
    summary: '短信发件箱：某日排队、已发送、发送失败的短信',
    description:
      'The messages queued on a day, newest first: event, what it is about (case, ticket, booking), the phone masked, the text as sent (and the Alibaba Cloud template code and parameters), the status — queued, sent, failed (with each attempt, the adapter and its error code, and the next attempt while it is retried) or cancelled. With the local outbox adapter this is what would have been sent. A chief or leader sees their department’s; supervision and admin the whole centre.',
    tag: 'messages',
    request: { query: messagesQuerySchema },
    responses: {
      200: { description: '短信列表。', schema: messageListSchema },
      400: problem('A bad date, limit or cursor (the field is named).'),
    },
  },
];

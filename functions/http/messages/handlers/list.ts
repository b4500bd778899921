/**
 * GET /api/messages — the outbox of a day (短信发件箱), newest first: what was queued, sent or failed,
 * each attempt with its adapter and error code. Phones only masked. A chief or leader reads their
 * department's messages, supervision and admin every one.
 */
import { tableName } from '../../../config/env.ts';
import { messageAdapterName } from '../../../config/messages.ts';
import { civilDateAt } from '../../../domain/calendar/instant.ts';
import { MessageCursorError, messagesOfDay } from '../../../store/messages/messages.ts';
import { invalidRequest } from '../../problems.ts';
import { actorOf } from '../../staff.ts';
import { httpHandler } from '../http-handler.ts';
import { messageView } from '../support.ts';

export const handler = httpHandler(async (request) => {
  const actor = actorOf(request.principal);
  const query = (request.query ?? {}) as { date?: string; limit?: string; cursor?: string };
  const date = query.date ?? civilDateAt(new Date());
  const wholeCentre = actor.roles.includes('supervisor') || actor.roles.includes('admin');
  let page: Awaited<ReturnType<typeof messagesOfDay>>;
  try {
    page = await messagesOfDay(tableName(), date, Number(query.limit ?? 50), query.cursor);
  } catch (error) {
    if (error instanceof MessageCursorError) {
      throw invalidRequest([
        { field: 'query.cursor', rule: 'cursor', message: '分页游标无效或不属于此列表。' },
      ]);
    }
    throw error;
  }
  const items = page.items.filter((message) => wholeCentre || message.department === actor.department);
  return {
    status: 200,
    body: { date, adapter: messageAdapterName(), items: items.map(messageView), nextCursor: page.nextCursor },
  };
});

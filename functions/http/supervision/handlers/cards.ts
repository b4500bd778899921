/**
 * Cards (督办单) and their answers:
 * - GET /api/supervision/cards — a department's cards (its chief and leader see their own; the
 *   supervision office any department or the whole centre), newest first;
 * - POST /api/supervision/card-answers — the department's answer (督办回复), which stops the
 *   card's answer clock. The card id travels in the body: it holds `:` and `+`.
 */

import { tableName } from '../../../config/env.ts';
import { warningLevelLabels } from '../../../domain/clocks/settings.ts';
import { answerCard, CardAnswerError, type CardRecord } from '../../../domain/supervision/index.ts';
import { listCards, loadCard, saveCardAnswer } from '../../../store/supervision/supervision.ts';
import { logger } from '../../observability.ts';
import { HttpProblem, notFound } from '../../problems.ts';
import type { Problem } from '../../schemas.ts';
import { actorOf } from '../../staff.ts';
import { httpHandler } from '../http-handler.ts';

const typeBase = 'https://yichuang.dev/problems';

function cardView(card: CardRecord, version: number) {
  return {
    id: card.id,
    version,
    level: card.level,
    levelLabel: warningLevelLabels[card.level],
    subject: card.subject,
    clock: card.clock,
    department: card.department,
    ...(card.window ? { window: card.window } : {}),
    issuedAt: card.issuedAt,
    answerDueAt: card.answerDueAt,
    ...(card.answeredAt ? { answeredAt: card.answeredAt } : {}),
    ...(card.answer ? { answer: card.answer } : {}),
    ...(card.answeredBy ? { answeredBy: card.answeredBy } : {}),
  };
}

function cardConflict(detail: string, currentVersion: number): HttpProblem {
  return new HttpProblem({
    type: `${typeBase}/conflict`,
    title: '督办单已被修改',
    status: 409,
    detail,
    currentVersion,
  } as Problem);
}

export const handler = httpHandler(async (request) => {
  const actor = actorOf(request.principal);
  const oversees = actor.roles.includes('supervisor') || actor.roles.includes('admin');
  if (request.route.id === 'listCards') {
    const query = (request.query ?? {}) as { department?: string; open?: string; limit?: string };
    if (!oversees && query.department && query.department !== actor.department) {
      throw new HttpProblem({
        type: `${typeBase}/forbidden`,
        title: '无权查看',
        status: 403,
        detail: '只能查看本部门的督办单。',
      });
    }
    const department = oversees ? query.department : actor.department;
    if (!oversees && !department) return { status: 200, body: { items: [] } };
    const stored = await listCards(tableName(), department, Math.min(Number(query.limit ?? 100), 200));
    const items = stored
      .filter(({ card }) => query.open !== 'true' || !card.answeredAt)
      .map(({ card, version }) => cardView(card, version));
    return { status: 200, body: { items } };
  }

  const { cardId, version, answer } = request.body as { cardId: string; version: number; answer: string };
  const stored = await loadCard(tableName(), cardId);
  if (!stored) throw notFound('没有这张督办单。');
  let answered: CardRecord;
  try {
    answered = answerCard(stored.card, answer, actor, new Date());
  } catch (error) {
    if (!(error instanceof CardAnswerError)) throw error;
    if (error.code === 'not-permitted') {
      throw new HttpProblem({
        type: `${typeBase}/forbidden`,
        title: '无权回复',
        status: 403,
        detail: error.message,
      });
    }
    if (error.code === 'already-answered') throw cardConflict(error.message, stored.version);
    throw new HttpProblem({
      type: `${typeBase}/invalid-request`,
      title: '请求内容有误',
      status: 400,
      detail: error.message,
      errors: [{ field: 'body.answer', rule: 'required', message: error.message }],
    });
  }
  if (version !== stored.version || !(await saveCardAnswer(tableName(), answered, stored.version))) {
    const current = (await loadCard(tableName(), cardId))?.version ?? stored.version;
    throw cardConflict(`督办单已更新到第 ${current} 版（请求基于第 ${version} 版），请重新读取。`, current);
  }
  logger.info('Card answered', {
    cardId,
    level: answered.level,
    department: answered.department,
    username: actor.username,
  });
  return { status: 200, body: cardView(answered, stored.version + 1) };
});

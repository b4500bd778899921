/**
 * The cards page: GET /api/supervision/cards (a chief or leader gets their department's, the
 * supervision office the whole centre's), and for a chief or leader an answer form on each open
 * card (POST /api/supervision/card-answers with the version it was read at).
 */

import { byId, formatDate, formatDateTime, h, light, say } from '../common/ui.ts';
import { api, problemText } from '../desk/api.ts';
import { deskStatus, startDesk } from '../desk/shell.ts';

interface Card {
  id: string;
  version: number;
  level: string;
  levelLabel: string;
  subject: { kind: string; id: string; title: string };
  department: string;
  issuedAt: string;
  answerDueAt: string | null;
  answeredAt?: string;
  answer?: string;
  answeredBy?: string;
}

const user = await startDesk();
const status = deskStatus();
const answers = user.roles.includes('chief') || user.roles.includes('leader');
const openOnly = byId<HTMLInputElement>('cards-open-only');

function subjectLink(card: Card): HTMLElement | string {
  if (card.subject.kind === 'case') {
    return h('a', { href: `/desk/case/?no=${encodeURIComponent(card.subject.id)}`, text: card.subject.id });
  }
  return card.subject.id;
}

function answerForm(card: Card, index: number): HTMLFormElement {
  const fieldId = `card-answer-${index}`;
  const text = h('textarea', { id: fieldId, name: 'answer', rows: '3', required: true, maxlength: '2000' });
  const form = h(
    'form',
    { class: 'card-answer', novalidate: true },
    h('label', { for: fieldId, text: '督办回复（核查情况与整改措施）' }),
    text,
    h('button', { type: 'submit', text: '提交回复' }),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (text.value.trim() === '') {
      say(status, '请填写督办回复：核查情况与整改措施。', 'error');
      text.focus();
      return;
    }
    const reply = await api<Card>('POST', '/api/supervision/card-answers', {
      cardId: card.id,
      version: card.version,
      answer: text.value,
    });
    if (!reply.ok) {
      if (reply.status === 409) await load();
      say(status, problemText(reply.problem), 'error');
      return;
    }
    await load('已提交督办回复。');
  });
  return form;
}

function cardView(card: Card, index: number): HTMLElement {
  const due = card.answeredAt
    ? `已于 ${formatDateTime(card.answeredAt)} 回复（${card.answeredBy ?? ''}）`
    : `答复期限 ${formatDate(card.answerDueAt)}`;
  return h(
    'article',
    { class: 'card-item', 'aria-labelledby': `card-title-${index}` },
    h('h2', { id: `card-title-${index}` }, light(card.level), ` ${card.levelLabel}：${card.subject.title}`),
    h(
      'p',
      {},
      '对象 ',
      subjectLink(card),
      `；签发 ${formatDateTime(card.issuedAt)}；部门 ${card.department}；${due}`,
    ),
    card.answer ? h('p', { class: 'card-item__answer', text: `回复：${card.answer}` }) : null,
    !card.answeredAt && answers ? answerForm(card, index) : null,
  );
}

/** Reads the cards again; `done` is then said instead of the count (the outcome of an answer). */
async function load(done?: string): Promise<void> {
  say(status, '正在载入督办单……');
  const reply = await api<{ items: Card[] }>(
    'GET',
    `/api/supervision/cards${openOnly.checked ? '?open=true' : ''}`,
  );
  if (!reply.ok) {
    say(status, problemText(reply.problem), 'error');
    return;
  }
  const items = reply.body.items;
  byId('cards-list').replaceChildren(...items.map(cardView));
  byId('cards-empty').hidden = items.length > 0;
  if (done) say(status, done, 'success');
  else say(status, `共 ${items.length} 张督办单。`);
}

openOnly.addEventListener('change', () => void load());
await load();

/** The inbox page: GET /api/inbox, newest first, each entry with its light and a link to the case. */

import { byId, formatDate, formatDateTime, h, light, say } from '../common/ui.ts';
import { api, problemText } from '../desk/api.ts';
import { deskStatus, startDesk } from '../desk/shell.ts';

interface InboxEntry {
  eventId: string;
  level: string;
  levelLabel: string;
  occurredAt: string;
  subject: { kind: string; id: string; title: string; caseNo?: string };
  clock: { label: string; dueAt: string | null };
  card?: { answerDueAt: string | null };
}

await startDesk();
const status = deskStatus();
say(status, '正在载入监察消息……');
const reply = await api<{ items: InboxEntry[] }>('GET', '/api/inbox?limit=100');
if (!reply.ok) {
  say(status, problemText(reply.problem), 'error');
} else {
  say(status, `共 ${reply.body.items.length} 条监察消息。`);
  const rows = reply.body.items.map((entry) => {
    const caseNo = entry.subject.caseNo;
    return h(
      'tr',
      {},
      h('td', { text: formatDateTime(entry.occurredAt) }),
      h('td', {}, light(entry.level)),
      h(
        'th',
        { scope: 'row' },
        entry.subject.kind === 'complaint'
          ? h('a', {
              href: `/desk/complaints/item/?no=${encodeURIComponent(entry.subject.id)}`,
              text: entry.subject.id,
            })
          : entry.subject.kind === 'rating'
            ? h('a', {
                href: `/desk/ratings/item/?caseNo=${encodeURIComponent(entry.subject.id)}`,
                text: entry.subject.id,
              })
            : caseNo
              ? h('a', { href: `/desk/case/?no=${encodeURIComponent(caseNo)}`, text: caseNo })
              : null,
        ` ${entry.subject.title}`,
      ),
      h('td', { text: entry.clock.label }),
      h('td', { text: formatDate(entry.clock.dueAt) }),
      h('td', { text: entry.card ? formatDate(entry.card.answerDueAt) : '—' }),
    );
  });
  byId('inbox-body').replaceChildren(...rows);
  byId('inbox').hidden = rows.length === 0;
  byId('inbox-empty').hidden = rows.length > 0;
}

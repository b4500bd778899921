/**
 * The complaint queue page: the office's triage / open / done queues, a clerk's window, a chief's
 * or leader's department; filtered by status (the filters travel in the page's own URL).
 */

import { byId, formatDate, formatDateTime, h, light, say } from '../common/ui.ts';
import { api, problemText } from '../desk/api.ts';
import { deskStatus, startDesk } from '../desk/shell.ts';
import type { ComplaintListItem, ComplaintPage } from './complaint-types.ts';

const user = await startDesk();
const office = user.roles.includes('supervisor');
const pageQuery = new URLSearchParams(location.search);
const queue = pageQuery.get('queue') ?? 'triage';
const statusFilter = pageQuery.get('status') ?? '';
const status = deskStatus();
const table = byId<HTMLTableElement>('complaint-table');
const body = byId('complaint-body');
const more = byId<HTMLButtonElement>('complaint-more');
byId('complaint-queue-field').hidden = !office;
byId<HTMLSelectElement>('complaint-queue').value = queue;
byId<HTMLSelectElement>('complaint-status').value = statusFilter;
const queueLabels: Record<string, string> = { triage: '待分办', open: '办理中', done: '已结束' };
byId('complaint-caption').textContent = office
  ? `投诉队列：${queueLabels[queue] ?? queue}`
  : user.window
    ? `分办给 ${user.window} 窗口的投诉`
    : '本部门的投诉';
let cursor: string | null = null;

function row(item: ComplaintListItem): HTMLElement {
  const target = item.assignment?.window ?? item.respondent.window ?? item.respondent.department ?? '—';
  return h(
    'tr',
    {},
    h(
      'th',
      { scope: 'row' },
      h('a', {
        href: `/desk/complaints/item/?no=${encodeURIComponent(item.complaintNo)}`,
        text: item.complaintNo,
      }),
    ),
    h('td', { text: item.categoryLabel }),
    h('td', { text: item.channelLabel }),
    h('td', { text: target }),
    h('td', { text: item.statusLabel }),
    h('td', {}, light(item.warningLevel)),
    h('td', { text: item.dueAt ? formatDateTime(item.dueAt) : '—' }),
    h('td', { text: formatDate(item.receivedAt) }),
  );
}

async function load(): Promise<void> {
  const query = new URLSearchParams({ limit: '20' });
  if (office) query.set('queue', queue);
  if (statusFilter) query.set('status', statusFilter);
  if (cursor) query.set('cursor', cursor);
  say(status, '正在载入……');
  const reply = await api<ComplaintPage>('GET', `/api/complaints?${query}`);
  if (!reply.ok) {
    say(status, problemText(reply.problem), 'error');
    return;
  }
  say(status, '');
  body.append(...reply.body.items.map(row));
  table.hidden = body.childElementCount === 0;
  byId('complaint-empty').hidden = body.childElementCount > 0;
  cursor = reply.body.nextCursor;
  more.hidden = cursor === null;
}

more.addEventListener('click', () => void load());
await load();

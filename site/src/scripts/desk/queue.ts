/** The work queue page: lists the window's cases with their warning light and working days left. */
import { api, problemText } from './api.ts';
import { deskStatus, startDesk } from './shell.ts';
import { byId, formatDate, h, light, say } from './ui.ts';

interface QueueItem {
  caseNo: string;
  status: string;
  statusLabel: string;
  item: { code: string; name: string };
  applicantName: string;
  priority: boolean;
  dueAt: string | null;
  warningLevel: string;
}

interface ClockSummary {
  state: string;
  dueAt: string | null;
  leftWorkdays: number;
}

const user = await startDesk();
const chosenWindow =
  new URLSearchParams(location.search).get('window') ??
  user.window ??
  (user.department ? `${user.department}-01` : undefined);
const windowInput = byId<HTMLInputElement>('queue-window');
windowInput.value = chosenWindow ?? '';
const status = deskStatus();
const table = byId<HTMLTableElement>('queue');
const body = byId('queue-body');
const more = byId<HTMLButtonElement>('queue-more');
let cursor: string | null = null;

/** Working days left on the clock that sets the case's deadline (the one due first). */
async function daysLeft(caseNo: string): Promise<string> {
  const reply = await api<{ clocks: ClockSummary[] }>('GET', `/api/cases/${encodeURIComponent(caseNo)}`);
  if (!reply.ok) return '—';
  const running = reply.body.clocks
    .filter((clock) => clock.state !== 'stopped' && clock.dueAt)
    .sort((a, b) => String(a.dueAt).localeCompare(String(b.dueAt)));
  const first = running[0];
  if (!first) return '—';
  return first.leftWorkdays < 0 ? `超期 ${-first.leftWorkdays}` : String(first.leftWorkdays);
}

async function load(): Promise<void> {
  say(status, '正在载入待办队列……');
  const query = new URLSearchParams({ limit: '20' });
  if (cursor) query.set('cursor', cursor);
  if (chosenWindow && chosenWindow !== user.window) query.set('window', chosenWindow);
  const reply = await api<{ items: QueueItem[]; nextCursor: string | null; window: string }>(
    'GET',
    `/api/cases?${query}`,
  );
  if (!reply.ok) {
    say(status, problemText(reply.problem), 'error');
    return;
  }
  const rows = await Promise.all(
    reply.body.items.map(async (item) => {
      const left = await daysLeft(item.caseNo);
      return h(
        'tr',
        {},
        h(
          'th',
          { scope: 'row' },
          h('a', { href: `/desk/case/?no=${encodeURIComponent(item.caseNo)}`, text: item.caseNo }),
          item.priority ? h('span', { class: 'tag', text: '绿色通道' }) : null,
        ),
        h('td', { text: item.item.name }),
        h('td', { text: item.applicantName }),
        h('td', { text: item.statusLabel }),
        h('td', {}, light(item.warningLevel)),
        h('td', { class: 'num', text: left }),
        h('td', { text: formatDate(item.dueAt) }),
      );
    }),
  );
  body.append(...rows);
  byId('queue-caption').textContent = `${reply.body.window} 窗口待办队列`;
  table.hidden = body.childElementCount === 0;
  byId('queue-empty').hidden = body.childElementCount > 0;
  cursor = reply.body.nextCursor;
  more.hidden = cursor === null;
  say(status, '');
}

more.addEventListener('click', () => void load());
await load();

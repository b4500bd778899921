/**
 * The work queue page: lists the window's cases with their warning light and working days left,
 * filtered by status, light and deadline (the form's values travel in the page's own URL, so a
 * filtered queue can be bookmarked); apart from them the delivered cases awaiting closure (待归档);
 * the joint cases waiting for the department's co-opinion; and the window's A/B post: who is away,
 * and a button for the clerk to mark themselves away or back.
 */

import { byId, formatDate, h, light, say } from '../common/ui.ts';
import { api, problemText } from '../desk/api.ts';
import { deskStatus, startDesk } from '../desk/shell.ts';

interface QueueItem {
  caseNo: string;
  status: string;
  statusLabel: string;
  item: { code: string; name: string };
  applicantName: string;
  handler: string | null;
  priority: boolean;
  dueAt: string | null;
  deliveredAt: string | null;
  warningLevel: string;
}

interface ClockSummary {
  state: string;
  dueAt: string | null;
  leftWorkdays: number;
}

interface PostRota {
  window: string;
  away: { username: string; since: string; reason: string; setBy: string }[];
}

const user = await startDesk();
const pageQuery = new URLSearchParams(location.search);
const chosenWindow =
  pageQuery.get('window') || user.window || (user.department ? `${user.department}-01` : undefined);
const filters = {
  status: pageQuery.get('status') ?? '',
  level: pageQuery.get('level') ?? '',
  dueBefore: pageQuery.get('dueBefore') ?? '',
};
byId<HTMLInputElement>('queue-window').value = chosenWindow ?? '';
byId<HTMLSelectElement>('queue-status').value = filters.status;
byId<HTMLSelectElement>('queue-level').value = filters.level;
byId<HTMLInputElement>('queue-due').value = filters.dueBefore;
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
  for (const [name, value] of Object.entries(filters)) if (value) query.set(name, value);
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

const rotaState = byId('post-rota-state');
const rotaToggle = byId<HTMLButtonElement>('post-rota-toggle');

function showRota(rota: PostRota): void {
  const names = rota.away.map((entry) => `${entry.username}（${formatDate(entry.since)} 起）`);
  rotaState.textContent =
    names.length > 0 ? `${rota.window} 窗口离岗：${names.join('、')}。` : `${rota.window} 窗口全员在岗。`;
  // Only a clerk of this window marks themselves; the chief does it for others through the API.
  const own = user.roles.includes('clerk') && user.window === rota.window;
  rotaToggle.hidden = !own;
  const away = rota.away.some((entry) => entry.username === user.username);
  rotaToggle.textContent = away ? '我已返岗' : '登记我离岗';
  rotaToggle.dataset.away = String(away);
}

async function loadRota(): Promise<void> {
  if (!chosenWindow) {
    rotaState.textContent = '未指定窗口。';
    return;
  }
  const reply = await api<PostRota>('GET', `/api/windows/${encodeURIComponent(chosenWindow)}/post`);
  if (!reply.ok) {
    rotaState.textContent = problemText(reply.problem);
    return;
  }
  showRota(reply.body);
}

rotaToggle.addEventListener('click', async () => {
  if (!chosenWindow) return;
  const away = rotaToggle.dataset.away !== 'true';
  const reply = await api<PostRota>(
    'PUT',
    `/api/windows/${encodeURIComponent(chosenWindow)}/away/${encodeURIComponent(user.username)}`,
    away ? { away, reason: '窗口登记离岗' } : { away },
  );
  if (!reply.ok) {
    say(status, problemText(reply.problem), 'error');
    return;
  }
  showRota(reply.body);
  say(status, away ? '已登记离岗：B 岗可以办理你承办的办件。' : '已登记返岗。', 'success');
});

/** Joint cases of other departments waiting for this department's opinion (联办待办). */
async function loadJoint(): Promise<void> {
  if (!chosenWindow) return;
  const query = new URLSearchParams({ joint: 'true', limit: '50', window: chosenWindow });
  const reply = await api<{ items: QueueItem[] }>('GET', `/api/cases?${query}`);
  if (!reply.ok || reply.body.items.length === 0) return;
  byId('joint-body').replaceChildren(
    ...reply.body.items.map((item) =>
      h(
        'tr',
        {},
        h(
          'th',
          { scope: 'row' },
          h('a', { href: `/desk/case/?no=${encodeURIComponent(item.caseNo)}`, text: item.caseNo }),
        ),
        h('td', { text: item.item.name }),
        h('td', { text: item.applicantName }),
        h('td', { text: item.statusLabel }),
        h('td', {}, light(item.warningLevel)),
        h('td', { text: formatDate(item.dueAt) }),
      ),
    ),
  );
  byId('joint').hidden = false;
}

/** Delivered cases awaiting closure (待归档), listed apart from the cases in progress. */
async function loadToClose(): Promise<void> {
  // The main table lists them already when filtered to them, or to finished cases instead.
  if (!chosenWindow || filters.status) return;
  const shown = 50;
  const query = new URLSearchParams({ status: 'delivered', limit: String(shown), window: chosenWindow });
  const reply = await api<{ items: QueueItem[]; nextCursor: string | null }>('GET', `/api/cases?${query}`);
  if (!reply.ok || reply.body.items.length === 0) return;
  byId('to-close-body').replaceChildren(
    ...reply.body.items.map((item) =>
      h(
        'tr',
        {},
        h(
          'th',
          { scope: 'row' },
          h('a', { href: `/desk/case/?no=${encodeURIComponent(item.caseNo)}`, text: item.caseNo }),
        ),
        h('td', { text: item.item.name }),
        h('td', { text: item.applicantName }),
        h('td', { text: item.handler ?? '—' }),
        h('td', { text: formatDate(item.deliveredAt) }),
      ),
    ),
  );
  byId('to-close-all').hidden = reply.body.nextCursor === null;
  byId('to-close').hidden = false;
}

more.addEventListener('click', () => void load());
await Promise.all([load(), loadRota(), loadJoint(), loadToClose()]);

/** The desk's ratings page: the rectification queue and the month's figures per window. */
import { ratingLevelLabels } from '../../../../functions/domain/ratings/types.ts';
import { beijingToday, byId, formatDateTime, h, light, percent, say } from '../common/ui.ts';
import { api, problemText } from '../desk/api.ts';
import { deskStatus, startDesk } from '../desk/shell.ts';

interface QueueItem {
  caseNo: string;
  itemName: string;
  window: string;
  assignee: string;
  statusLabel: string;
  overall: number;
  dueAt: string | null;
  complaintNo: string | null;
  warningLevel: string;
}

interface Figures {
  window: string;
  visits: number;
  ratings: number;
  ratingRate: number | null;
  satisfactionRate: number | null;
  bad: number;
  excluded: number;
  callbackRate: number | null;
  rectificationRate: number | null;
  closed: number;
}

const levelLabels: Record<number, string> = ratingLevelLabels;

await startDesk();
const status = deskStatus();

async function loadQueue(): Promise<void> {
  const reply = await api<{ items: QueueItem[] }>('GET', '/api/ratings/rectifications');
  if (!reply.ok) {
    say(status, problemText(reply.problem), 'error');
    return;
  }
  const items = reply.body.items;
  byId('rectifications-empty').hidden = items.length > 0;
  byId('rectifications').hidden = items.length === 0;
  byId('rectifications-body').replaceChildren(
    ...items.map((item) =>
      h(
        'tr',
        { 'data-case': item.caseNo },
        h(
          'th',
          { scope: 'row' },
          h('a', {
            href: `/desk/ratings/item/?caseNo=${encodeURIComponent(item.caseNo)}`,
            text: item.caseNo,
          }),
        ),
        h('td', { text: item.itemName }),
        h(
          'td',
          {},
          levelLabels[item.overall] ?? String(item.overall),
          item.complaintNo ? h('span', { class: 'tag', text: '已转投诉' }) : null,
        ),
        h('td', { text: item.statusLabel }),
        h('td', { text: item.assignee }),
        h('td', { text: formatDateTime(item.dueAt) }),
        h('td', {}, light(item.warningLevel)),
      ),
    ),
  );
}

const monthInput = byId<HTMLInputElement>('figures-month');
monthInput.value = beijingToday().slice(0, 7);

async function loadFigures(): Promise<void> {
  const month = monthInput.value;
  if (!/^\d{4}-\d{2}$/.test(month)) {
    say(status, '请选择月份。', 'error');
    return;
  }
  const reply = await api<{ windows: Figures[]; total: Figures }>(
    'GET',
    `/api/ratings/figures?month=${month}`,
  );
  if (!reply.ok) {
    say(status, problemText(reply.problem), 'error');
    return;
  }
  const row = (figures: Figures, label: string) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row', text: label }),
      ...[
        String(figures.visits),
        String(figures.ratings),
        percent(figures.ratingRate),
        percent(figures.satisfactionRate),
        String(figures.bad),
        String(figures.excluded),
        percent(figures.callbackRate),
        percent(figures.rectificationRate),
        String(figures.closed),
      ].map((text) => h('td', { class: 'num', text })),
    );
  byId('figures-caption').textContent = `${month} 好差评统计`;
  byId('figures-body').replaceChildren(
    ...reply.body.windows.map((figures) => row(figures, figures.window)),
    ...(reply.body.windows.length > 1 ? [row(reply.body.total, '合计')] : []),
  );
  byId('figures').hidden = false;
}

byId<HTMLFormElement>('figures-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void loadFigures();
});

await Promise.all([loadQueue(), loadFigures()]);

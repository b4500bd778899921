/**
 * The counter figures page: GET /api/counter/figures for the day or month and scope in the URL,
 * one table each for the whole, the categories, the windows and the hours of the day, and the
 * definitions the API sends with them.
 */
import type { CounterFigureSet, CounterFigures } from '../../../../functions/domain/counter/figures.ts';
import { beijingToday, byId, formatDateTime, h, say } from '../common/ui.ts';
import { api, problemText } from '../desk/api.ts';
import { deskStatus, startDesk } from '../desk/shell.ts';
import { formatDuration } from './visit.ts';

interface CounterFiguresReply extends CounterFigures {
  scope: string;
  scopeLabel: string;
  period: { kind: string; key: string };
  asOf: string;
  definitions: { name: string; definition: string }[];
}

/** The figure columns every table shares, after its own first column. */
const columns: [string, (set: CounterFigureSet) => string][] = [
  ['取号', (set) => String(set.tickets)],
  ['叫号', (set) => String(set.called)],
  ['办结', (set) => String(set.served)],
  ['过号', (set) => String(set.noShows)],
  ['未叫号', (set) => String(set.neverCalled)],
  ['超时等候', (set) => String(set.waitedPastTarget)],
  ['平均等候', (set) => formatDuration(set.wait.meanSeconds)],
  ['等候 P90', (set) => formatDuration(set.wait.p90Seconds)],
  ['平均服务', (set) => formatDuration(set.service.meanSeconds)],
  ['服务 P90', (set) => formatDuration(set.service.p90Seconds)],
];

function fill(tableId: string, caption: string, first: string, rows: [string, CounterFigureSet][]): void {
  byId(tableId).replaceChildren(
    h('caption', { class: 'visually-hidden', text: caption }),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col', text: first }),
        ...columns.map(([name]) => h('th', { scope: 'col', class: 'num', text: name })),
      ),
    ),
    h(
      'tbody',
      {},
      ...(rows.length === 0
        ? [h('tr', {}, h('td', { colspan: String(columns.length + 1), text: '没有号票。' }))]
        : rows.map(([title, set]) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row', text: title }),
              ...columns.map(([, value]) => h('td', { class: 'num', text: value(set) })),
            ),
          )),
    ),
  );
}

await startDesk();
const status = deskStatus();
const params = new URLSearchParams(location.search);
const period = params.get('period')?.trim() || beijingToday();
const scope = params.get('scope')?.trim() ?? '';
byId<HTMLInputElement>('counter-figures-period').value = period;
byId<HTMLInputElement>('counter-figures-scope').value = scope;

say(status, '正在统计……');
const query = new URLSearchParams({ period, ...(scope ? { scope } : {}) });
const reply = await api<CounterFiguresReply>('GET', `/api/counter/figures?${query}`);
if (!reply.ok) {
  say(status, problemText(reply.problem), 'error');
} else {
  const figures = reply.body;
  say(status, '');
  byId('counter-figures-summary').textContent =
    `${figures.scopeLabel}，${figures.period.key}（统计时点 ${formatDateTime(figures.asOf)}）`;
  fill('counter-figures-total', '合计', '范围', [[figures.scopeLabel, figures.total]]);
  fill(
    'counter-figures-category',
    '按业务类别',
    '业务类别（等候目标）',
    figures.byCategory.map((row) => [`${row.name}（${row.waitTargetMinutes} 分钟）`, row]),
  );
  fill(
    'counter-figures-window',
    '按窗口',
    '窗口',
    figures.byWindow.map((row) => [row.window, row]),
  );
  fill(
    'counter-figures-hour',
    '按取号时段',
    '时段',
    figures.byHour.map((row) => [
      `${String(row.hour).padStart(2, '0')}:00–${String(row.hour + 1).padStart(2, '0')}:00`,
      row,
    ]),
  );
  byId('counter-figures-result').hidden = false;
  byId('counter-figures-definitions').replaceChildren(
    h('caption', { class: 'visually-hidden', text: '统计口径' }),
    h(
      'thead',
      {},
      h('tr', {}, h('th', { scope: 'col', text: '指标' }), h('th', { scope: 'col', text: '定义' })),
    ),
    h(
      'tbody',
      {},
      ...figures.definitions.map((entry) =>
        h('tr', {}, h('th', { scope: 'row', text: entry.name }), h('td', { text: entry.definition })),
      ),
    ),
  );
}

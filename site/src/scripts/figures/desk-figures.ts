/**
 * The figures page: GET /api/figures for the period and scope in the URL, shown as tables (this
 * period, 环比, 同比; cases, then cards, complaints and ratings; every rate with its numerator and
 * denominator, "—" on a zero denominator),
 * the overdue count opening the list of overdue cases, and the definitions table of
 * functions/domain/figures — the same text the README gives.
 */

import { caseStatusLabels } from '../../../../functions/domain/cases/states.ts';
import {
  type FigureDefinition,
  figureDefinitions,
  settingText,
} from '../../../../functions/domain/figures/definitions.ts';
import type { CaseFigures, Rate } from '../../../../functions/domain/figures/figures.ts';
import type { FigureSettings } from '../../../../functions/domain/figures/settings.ts';
import { byId, formatDate, h, say } from '../common/ui.ts';
import { api, problemText } from '../desk/api.ts';
import { currentToken, signIn } from '../desk/auth.ts';
import { deskStatus, startDesk } from '../desk/shell.ts';

type Comparison = Omit<CaseFigures, 'overdue'> & { overdue: { count: number } };

interface FiguresReply {
  scope: string;
  scopeLabel: string;
  asOf: string;
  settings: FigureSettings;
  current: CaseFigures;
  previous: Comparison;
  yearBefore: Comparison;
}

await startDesk();
const status = deskStatus();
const params = new URLSearchParams(location.search);
const beijingToday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const period = params.get('period')?.trim() || beijingToday.slice(0, 7);
const scope = params.get('scope')?.trim() ?? '';
byId<HTMLInputElement>('figures-period').value = period;
byId<HTMLInputElement>('figures-scope').value = scope;

const definitionOf = (key: string): FigureDefinition | undefined =>
  figureDefinitions.find((definition) => definition.key === key);
const label = (key: string) => definitionOf(key)?.label ?? key;

function percent(value: number | null): string {
  return value === null ? '—' : `${(value * 100).toFixed(1)}%`;
}

function rateText(rate: Rate): string {
  return `${percent(rate.value)}（${rate.numerator}/${rate.denominator}）`;
}

function days(value: number | null): string {
  return value === null ? '—' : value.toFixed(1);
}

function head(...columns: string[]): HTMLTableSectionElement {
  return h(
    'thead',
    {},
    h(
      'tr',
      {},
      ...columns.map((column, i) =>
        h('th', { scope: 'col', class: i > 0 ? 'num' : undefined, text: column }),
      ),
    ),
  );
}

function row(title: string, ...cells: (string | Node)[]): HTMLTableRowElement {
  return h(
    'tr',
    {},
    h('th', { scope: 'row', text: title }),
    ...cells.map((cell) => h('td', { class: 'num' }, cell)),
  );
}

function fill(id: string, caption: string, columns: string[], rows: HTMLTableRowElement[]): void {
  byId(id).replaceChildren(h('caption', { text: caption }), head(...columns), h('tbody', {}, ...rows));
}

function overdueLink(count: number): Node {
  if (count === 0) return document.createTextNode('0');
  const query = new URLSearchParams(location.search);
  query.set('period', period);
  query.set('show', 'overdue');
  return h('a', {
    href: `?${query.toString()}#figures-overdue`,
    text: String(count),
    'aria-label': `${count} 件超法定时限办件，查看清单`,
  });
}

function show(reply: FiguresReply): void {
  const { current, previous, yearBefore } = reply;
  const columns = [
    '指标',
    `本期 ${current.period.key}`,
    `上期 ${previous.period.key}（环比）`,
    `去年同期 ${yearBefore.period.key}（同比）`,
  ];
  byId('figures-summary').textContent =
    `${reply.scopeLabel}，${current.period.from} 至 ${current.period.to}（统计至 ${formatDate(reply.asOf)}）。`;
  const countKeys = [
    'received',
    'accepted',
    'notAccepted',
    'correctionNotices',
    'instantSettlements',
    'decided',
    'approved',
    'refused',
    'delivered',
    'withdrawn',
  ] as const;
  fill(
    'figures-counts',
    '办件量（件）',
    columns,
    countKeys.map((key) =>
      row(
        label(key),
        String(current.counts[key]),
        String(previous.counts[key]),
        String(yearBefore.counts[key]),
      ),
    ),
  );
  const rateKeys = [
    ['onTime', 'onTimeRate'],
    ['early', 'earlyRate'],
    ['onTheSpot', 'onTheSpotRate'],
    ['correctionNotice', 'correctionNoticeRate'],
    ['instantShare', 'instantShare'],
  ] as const;
  fill(
    'figures-rates',
    '办结率（比率，括号内为分子/分母）',
    columns,
    rateKeys.map(([key, definition]) =>
      row(
        label(definition),
        rateText(current.rates[key]),
        rateText(previous.rates[key]),
        rateText(yearBefore.rates[key]),
      ),
    ),
  );
  fill('figures-workdays', '办理用时（工作日，特别程序时间不计）', columns, [
    row(
      '办结件数（有时限）',
      String(current.workdays.decisions),
      String(previous.workdays.decisions),
      String(yearBefore.workdays.decisions),
    ),
    row(
      label('meanUsed'),
      days(current.workdays.meanUsed),
      days(previous.workdays.meanUsed),
      days(yearBefore.workdays.meanUsed),
    ),
    row(
      '平均承诺时限',
      days(current.workdays.meanPromised),
      days(previous.workdays.meanPromised),
      days(yearBefore.workdays.meanPromised),
    ),
    row(
      '平均法定时限',
      days(current.workdays.meanStatutory),
      days(previous.workdays.meanStatutory),
      days(yearBefore.workdays.meanStatutory),
    ),
    row(
      label('speedUp'),
      rateText(current.workdays.speedUp),
      rateText(previous.workdays.speedUp),
      rateText(yearBefore.workdays.speedUp),
    ),
    row(
      label('overdue'),
      overdueLink(current.overdue.count),
      String(previous.overdue.count),
      String(yearBefore.overdue.count),
    ),
  ]);
  const count = (pick: (figures: Comparison) => number) =>
    [current, previous, yearBefore].map((figures) => String(pick(figures)));
  const rates = (pick: (figures: Comparison) => Rate) =>
    [current, previous, yearBefore].map((figures) => rateText(pick(figures)));
  fill('figures-service', '督办、投诉与评价（件；比率括号内为分子/分母）', columns, [
    row(label('yellowCards'), ...count((f) => f.cards.yellow)),
    row(label('redCards'), ...count((f) => f.cards.red)),
    row(label('complaintsReceived'), ...count((f) => f.complaints.received)),
    row(label('complaintsValid'), ...count((f) => f.complaints.valid)),
    row(label('ratings'), ...count((f) => f.ratings.count)),
    row(label('satisfactionRate'), ...rates((f) => f.ratings.satisfaction)),
    row(label('badRatings'), ...count((f) => f.ratings.bad)),
    row(label('rectifiedInTimeRate'), ...rates((f) => f.ratings.rectifiedInTime)),
  ]);
  byId('figures-overdue-count').textContent =
    current.overdue.count === 0
      ? '本期没有超法定时限的办件。'
      : `本期超法定时限办件 ${current.overdue.count} 件（目标为零）。`;
  const list = byId('figures-overdue-list');
  list.hidden = current.overdue.count === 0 || params.get('show') !== 'overdue';
  if (!list.hidden) {
    list.replaceChildren(
      h('caption', { text: '超法定时限办件清单' }),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...['受理编号', '事项', '窗口', '承办人', '法定期限', '超出工作日', '状态'].map((text) =>
            h('th', { scope: 'col', text }),
          ),
        ),
      ),
      h(
        'tbody',
        {},
        ...current.overdue.cases.map((entry) =>
          h(
            'tr',
            {},
            h(
              'td',
              {},
              h('a', { href: `/desk/case/?no=${encodeURIComponent(entry.caseNo)}`, text: entry.caseNo }),
            ),
            h('td', { text: entry.item.name }),
            h('td', { text: entry.owner.window }),
            h('td', { text: entry.owner.handler ?? '—' }),
            h('td', { text: formatDate(entry.statutoryDueAt) }),
            h('td', { class: 'num', text: String(entry.overdueWorkdays) }),
            h('td', {
              text: entry.decidedAt
                ? `逾期办结（${formatDate(entry.decidedAt)}）`
                : caseStatusLabels[entry.status],
            }),
          ),
        ),
      ),
    );
  }
  showDefinitions(reply.settings);
  byId('figures-result').hidden = false;
}

function showDefinitions(settings?: FigureSettings): void {
  fill(
    'figures-definitions',
    '各项指标的定义',
    ['指标', '定义', '口径设置'],
    figureDefinitions.map((definition) =>
      h(
        'tr',
        {},
        h('th', { scope: 'row', text: definition.label }),
        h('td', { text: definition.definition }),
        h('td', { text: definition.setting && settings ? settingText(settings, definition.setting) : '—' }),
      ),
    ),
  );
  // The definitions table reads left to right: its cells are text, not numbers.
  for (const cell of byId('figures-definitions').querySelectorAll('.num')) cell.classList.remove('num');
}

/**
 * The ledger of the period and scope: every page of GET /api/ledger (following rel="next"), kept
 * as bytes so the first page's byte-order mark stays, saved as one CSV file.
 */
async function downloadLedger(): Promise<void> {
  const token = currentToken();
  if (!token) return signIn();
  say(status, '正在生成办件台账……');
  const parts: ArrayBuffer[] = [];
  let fileName = `ledger-${period}.csv`;
  let next: string | null =
    `/api/ledger?${new URLSearchParams({ period, ...(scope ? { scope } : {}) }).toString()}`;
  while (next) {
    const response: Response = await fetch(next, { headers: { authorization: `Bearer ${token}` } });
    if (response.status === 401) return signIn();
    if (!response.ok) {
      const problem = (await response.json()) as { status: number; detail?: string; title?: string };
      say(status, problemText({ ...problem, status: response.status }), 'error');
      return;
    }
    fileName = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fileName;
    parts.push(await response.arrayBuffer());
    next = /^<([^>]+)>; rel="next"$/.exec(response.headers.get('link') ?? '')?.[1] ?? null;
  }
  const url = URL.createObjectURL(new Blob(parts, { type: 'text/csv;charset=utf-8' }));
  const link = h('a', { href: url, download: fileName, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  say(status, `已生成办件台账 ${fileName}。`, 'success');
}

byId('figures-ledger').addEventListener('click', () => void downloadLedger());
showDefinitions();
say(status, '正在载入统计……');
const query = new URLSearchParams({ period, ...(scope ? { scope } : {}) });
const reply = await api<FiguresReply>('GET', `/api/figures?${query.toString()}`);
if (reply.ok) {
  show(reply.body);
  say(status, `已载入 ${reply.body.scopeLabel} ${reply.body.current.period.key} 的统计。`, 'success');
  if (params.get('show') === 'overdue') byId('figures-overdue').scrollIntoView();
} else {
  say(status, problemText(reply.problem), 'error');
}

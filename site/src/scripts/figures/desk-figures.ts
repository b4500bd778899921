/**
 * The figures page: GET /api/figures for the period and scope in the URL, shown as tables (this
 * period, 环比, 同比; cases, then cards, complaints and ratings; every rate with its numerator and
 * denominator, "—" on a zero denominator); each case number of this period opens the list of cases
 * behind it (GET /api/figures/cases, `show=` in the URL), the overdue count the list of overdue
 * cases; the trend of twelve months (GET /api/figures/series) and the comparison of departments or
 * windows (GET /api/figures/windows) as tables, drawn as charts by desk-charts.ts, loaded once the
 * tables are there; the ledger as CSV or Excel, the monthly report draft; and the definitions table
 * of functions/domain/figures — the same text the README gives.
 */

import { caseStatusLabels } from '../../../../functions/domain/cases/states.ts';
import {
  caseListLabel,
  type FigureDefinition,
  figureDefinitions,
  settingText,
} from '../../../../functions/domain/figures/definitions.ts';
import {
  type CaseFigures,
  type CaseListFigure,
  caseCountKeys,
  caseListFigures,
  type FigureCase,
  type Rate,
} from '../../../../functions/domain/figures/figures.ts';
import type { FigureSettings } from '../../../../functions/domain/figures/settings.ts';
import { byId, formatDate, h, rateText, say } from '../common/ui.ts';
import { api, problemText } from '../desk/api.ts';
import { fetchFile, saveFile } from '../desk/download.ts';
import { deskStatus, startDesk } from '../desk/shell.ts';
import { downloadReportDocx, figuresFilter } from './desk-filter.ts';

type Comparison = Omit<CaseFigures, 'overdue'> & { overdue: { count: number } };

interface SeriesReply {
  scope: string;
  months: Comparison[];
}

interface ComparisonReply {
  scope: string;
  rows: { scope: string; label: string; figures: Comparison }[];
}

interface CasesReply {
  label: string;
  cases: FigureCase[];
  nextCursor: string | null;
}

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
const { params, beijingToday, period, scope } = figuresFilter();
const shown = params.get('show') ?? '';
byId<HTMLInputElement>('figures-period').value = period;
byId<HTMLInputElement>('figures-scope').value = scope;

const definitionOf = (key: string): FigureDefinition | undefined =>
  figureDefinitions.find((definition) => definition.key === key);
const label = (key: string) => definitionOf(key)?.label ?? key;

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

/** A head of text columns (a list of cases), left-aligned. */
function textHead(...columns: string[]): HTMLTableSectionElement {
  return h('thead', {}, h('tr', {}, ...columns.map((text) => h('th', { scope: 'col', text }))));
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

/** This page for another period, scope or list (the URL keeps the filters; a list is asked for anew). */
function pageUrl(changes: Record<string, string>, anchor = ''): string {
  const query = new URLSearchParams(location.search);
  query.set('period', period);
  query.delete('show');
  for (const [key, value] of Object.entries(changes)) query.set(key, value);
  return `?${query.toString()}${anchor}`;
}

function overdueLink(count: number): Node {
  if (count === 0) return document.createTextNode('0');
  return h('a', {
    href: pageUrl({ show: 'overdue' }, '#figures-overdue'),
    text: String(count),
    'aria-label': `${count} 件超法定时限办件，查看清单`,
  });
}

/** A number of this period that opens the list of the cases it counts (none for a zero). */
function drillLink(figure: CaseListFigure, count: number, text = String(count), scopeText?: string): Node {
  if (count === 0) return document.createTextNode(text);
  return h('a', {
    href: pageUrl({ show: figure, ...(scopeText ? { scope: scopeText } : {}) }, '#figures-cases'),
    text,
    'aria-label': `${text}：${caseListLabel(figure)} ${count} 件，查看办件清单`,
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
  fill(
    'figures-counts',
    '办件量（件）',
    columns,
    caseCountKeys.map((key) =>
      row(
        label(key),
        drillLink(key, current.counts[key]),
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
        key === 'onTime' || key === 'early' || key === 'onTheSpot'
          ? drillLink(key, current.rates[key].numerator, rateText(current.rates[key]))
          : rateText(current.rates[key]),
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
  list.hidden = current.overdue.count === 0 || shown !== 'overdue';
  if (!list.hidden) {
    list.replaceChildren(
      h('caption', { text: '超法定时限办件清单' }),
      textHead('受理编号', '事项', '窗口', '承办人', '法定期限', '超出工作日', '状态'),
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

const baseQuery = () => new URLSearchParams({ period, ...(scope ? { scope } : {}) });

/**
 * The ledger of the period and scope. CSV: every page of GET /api/ledger (following rel="next"),
 * kept as bytes so the first page's byte-order mark stays, saved as one file. Excel: each file of
 * at most 10,000 cases saved as it comes, numbered when there are several.
 */
async function downloadLedger(format: 'csv' | 'xlsx'): Promise<void> {
  say(status, '正在生成办件台账……');
  const query = baseQuery();
  if (format === 'xlsx') query.set('format', 'xlsx');
  let next: string | null = `/api/ledger?${query.toString()}`;
  const parts: ArrayBuffer[] = [];
  let fileName = `ledger-${period}.${format}`;
  let files = 0;
  while (next) {
    const file = await fetchFile(next, fileName);
    if (!file.ok) return say(status, problemText(file.problem), 'error');
    fileName = file.fileName;
    next = file.next;
    if (format === 'csv') {
      parts.push(file.bytes);
      continue;
    }
    files += 1;
    const numbered = files > 1 || next ? fileName.replace(/\.xlsx$/, `-${files}.xlsx`) : fileName;
    saveFile([file.bytes], numbered, file.type);
  }
  if (format === 'csv') saveFile(parts, fileName, 'text/csv;charset=utf-8');
  say(
    status,
    files > 1 ? `已生成办件台账，共 ${files} 个 Excel 文件。` : `已生成办件台账 ${fileName}。`,
    'success',
  );
}

/** The month the report draft is for: the period's, when it is a month or a day. */
const reportMonth = /^\d{4}-\d{2}(-\d{2})?$/.test(period) ? period.slice(0, 7) : null;

function showReportLinks(replyScope: string): void {
  if (!reportMonth || !/^(centre|department:)/.test(replyScope)) return;
  const query = new URLSearchParams({ period: reportMonth, scope: replyScope });
  const link = byId<HTMLAnchorElement>('figures-report');
  link.href = `/desk/figures/report/?${query.toString()}`;
  link.textContent = `${reportMonth.replace('-', '年')}月工作汇报（草稿）`;
  link.hidden = false;
  const button = byId<HTMLButtonElement>('figures-report-docx');
  button.hidden = false;
  button.addEventListener('click', () => void downloadReportDocx(query, status));
}

const statusLabels: Record<string, string> = caseStatusLabels;

/** The list of cases behind one number, a page of the index at a time, until enough to show. */
async function showCases(figure: CaseListFigure): Promise<void> {
  const section = byId('figures-cases');
  const table = byId('figures-cases-list');
  const more = byId<HTMLButtonElement>('figures-cases-more');
  const body = h('tbody', {});
  let cursor: string | null = null;
  let shownCount = 0;
  let title = label(figure);
  table.replaceChildren(
    h('caption', { text: '办件清单' }),
    textHead('受理编号', '事项', '窗口', '承办人', '收件日期', '办结日期', '状态'),
    body,
  );
  const load = async () => {
    more.disabled = true;
    let added = 0;
    do {
      const query = baseQuery();
      query.set('figure', figure);
      if (cursor) query.set('cursor', cursor);
      const reply = await api<CasesReply>('GET', `/api/figures/cases?${query.toString()}`);
      if (!reply.ok) return say(status, problemText(reply.problem), 'error');
      title = reply.body.label;
      cursor = reply.body.nextCursor;
      for (const entry of reply.body.cases) {
        body.append(
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
            h('td', { text: entry.receivedOn }),
            h('td', { text: entry.decidedOn ?? '—' }),
            h('td', { text: statusLabels[entry.status] ?? entry.status }),
          ),
        );
        added += 1;
      }
    } while (cursor && added < 50);
    shownCount += added;
    byId('figures-cases-heading').textContent = `办件清单：${title}`;
    table.querySelector('caption')?.replaceChildren(`${title}（${period}）`);
    byId('figures-cases-summary').textContent =
      shownCount === 0 ? '没有办件。' : `已列出 ${shownCount} 件${cursor ? '，还有更多' : ''}。`;
    more.hidden = !cursor;
    more.disabled = false;
  };
  more.addEventListener('click', () => void load());
  await load();
  section.hidden = false;
  section.scrollIntoView();
}

const count = (figures: Comparison) => figures.counts;

/** The trend's table, then its chart. */
async function showTrend(reply: FiguresReply): Promise<void> {
  const today = beijingToday.slice(0, 7);
  // The twelve months ending with the period's last month, or with this month while it runs.
  const end = [reply.current.period.to.slice(0, 7), today].sort()[0] as string;
  const query = new URLSearchParams({ end, scope: reply.scope });
  const series = await api<SeriesReply>('GET', `/api/figures/series?${query.toString()}`);
  if (!series.ok) return;
  const months = series.body.months;
  fill(
    'figures-trend-table',
    `${months[0]?.period.key} 至 ${end} 各月办件量与按时办结率`,
    ['月份', '收件量', '办结量', '按时办结率', '超法定时限'],
    months.map((month) =>
      h(
        'tr',
        {},
        h(
          'th',
          { scope: 'row' },
          h('a', { href: pageUrl({ period: month.period.key }), text: month.period.key }),
        ),
        h('td', { class: 'num', text: String(count(month).received) }),
        h('td', { class: 'num', text: String(count(month).decided) }),
        h('td', { class: 'num', text: rateText(month.rates.onTime) }),
        h('td', { class: 'num', text: String(month.overdue.count) }),
      ),
    ),
  );
  byId('figures-trend').hidden = false;
  const charts = await import('./desk-charts.ts');
  charts.drawTrend(
    byId('figures-trend-chart'),
    months.map((month) => ({
      month: month.period.key,
      received: count(month).received,
      decided: count(month).decided,
      onTime: month.rates.onTime.value,
    })),
  );
}

/** The comparison's table, then its chart: a department's windows, or the centre's departments. */
async function showComparison(reply: FiguresReply): Promise<void> {
  if (!/^(centre|department:)/.test(reply.scope)) return;
  const query = new URLSearchParams({ period, scope: reply.scope });
  const comparison = await api<ComparisonReply>('GET', `/api/figures/windows?${query.toString()}`);
  if (!comparison.ok) return;
  const rows = comparison.body.rows;
  const part = reply.scope === 'centre' ? '部门' : '窗口';
  byId('figures-comparison-heading').textContent = `${part}对比`;
  fill(
    'figures-comparison-table',
    `${period} 各${part}办件量与按时办结率`,
    [part, '收件量', '办结量', '按时办结率', '超法定时限'],
    rows.map((entry) =>
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, h('a', { href: pageUrl({ scope: entry.scope }), text: entry.label })),
        h(
          'td',
          { class: 'num' },
          drillLink('received', count(entry.figures).received, undefined, entry.scope),
        ),
        h('td', { class: 'num' }, drillLink('decided', count(entry.figures).decided, undefined, entry.scope)),
        h('td', { class: 'num', text: rateText(entry.figures.rates.onTime) }),
        h('td', { class: 'num', text: String(entry.figures.overdue.count) }),
      ),
    ),
  );
  byId('figures-comparison').hidden = false;
  const charts = await import('./desk-charts.ts');
  charts.drawComparison(
    byId('figures-comparison-chart'),
    rows.map((entry) => ({
      label: entry.label,
      received: count(entry.figures).received,
      decided: count(entry.figures).decided,
    })),
  );
}

byId('figures-ledger').addEventListener('click', () => void downloadLedger('csv'));
byId('figures-ledger-xlsx').addEventListener('click', () => void downloadLedger('xlsx'));
showDefinitions();
say(status, '正在载入统计……');
const query = new URLSearchParams({ period, ...(scope ? { scope } : {}) });
const reply = await api<FiguresReply>('GET', `/api/figures?${query.toString()}`);
if (reply.ok) {
  show(reply.body);
  showReportLinks(reply.body.scope);
  say(status, `已载入 ${reply.body.scopeLabel} ${reply.body.current.period.key} 的统计。`, 'success');
  if (shown === 'overdue') byId('figures-overdue').scrollIntoView();
  if ((caseListFigures as readonly string[]).includes(shown)) await showCases(shown as CaseListFigure);
  await Promise.all([showTrend(reply.body), showComparison(reply.body)]);
} else {
  say(status, problemText(reply.problem), 'error');
}

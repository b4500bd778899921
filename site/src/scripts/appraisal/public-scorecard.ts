/**
 * The public scorecard page: GET /api/public/scorecard for the month in the URL (default: last
 * month, Beijing time), shown as the awards and a table per department with the centre's total;
 * every rate with its numerator and denominator, "—" where nothing divides. A month not yet
 * published says so.
 */

import type { Scorecard, ScorecardRow } from '../../../../functions/domain/appraisal/scorecard.ts';
import { byId, formatDate, h, previousMonth, rateText, say } from '../common/ui.ts';

const status = byId('scorecard-status');
const params = new URLSearchParams(location.search);
const period = params.get('period')?.trim() || previousMonth();
byId<HTMLInputElement>('scorecard-period').value = period;

function row(entry: ScorecardRow): HTMLTableRowElement {
  return h(
    'tr',
    {},
    h('th', { scope: 'row', text: entry.name }),
    h('td', { class: 'num', text: String(entry.received) }),
    h('td', { class: 'num', text: String(entry.decided) }),
    h('td', { class: 'num', text: rateText(entry.onTime) }),
    h('td', { class: 'num', text: rateText(entry.satisfaction) }),
    h('td', { class: 'num', text: rateText(entry.badRatingsRectified) }),
  );
}

function show(scorecard: Scorecard): void {
  const columns = ['部门', '收件量', '办结量', '按时办结率', '满意率', '差评整改率'];
  byId('scorecard-departments').replaceChildren(
    h('caption', { text: `${scorecard.period} 各部门办件与评价（${scorecard.from} 至 ${scorecard.to}）` }),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...columns.map((text, i) => h('th', { scope: 'col', class: i > 0 ? 'num' : undefined, text })),
      ),
    ),
    h('tbody', {}, ...scorecard.departments.map((entry) => row(entry))),
    h('tfoot', {}, row(scorecard.centre)),
  );
  const stars = new Map<string, Scorecard['serviceStars']>();
  for (const star of scorecard.serviceStars) stars.set(star.label, [...(stars.get(star.label) ?? []), star]);
  byId('scorecard-awards').replaceChildren(
    h('h3', { text: '服务之星' }),
    scorecard.serviceStars.length === 0
      ? h('p', { text: '本月无。' })
      : h(
          'ul',
          {},
          ...[...stars].map(([label, list]) =>
            h('li', {
              text: `${label}：${list.map((star) => `${star.name}（${star.departmentName} ${star.window} 窗口）`).join('、')}`,
            }),
          ),
        ),
    h('h3', { text: '红旗窗口' }),
    scorecard.redFlags.length === 0
      ? h('p', { text: '本月无。' })
      : h(
          'ul',
          {},
          ...scorecard.redFlags.map((flag) =>
            h('li', { text: `${flag.departmentName} ${flag.window} 窗口` }),
          ),
        ),
    h('p', { class: 'hint', text: `${formatDate(scorecard.publishedAt)} 公布。` }),
  );
  byId('scorecard-result').hidden = false;
}

say(status, '正在载入……');
const response = await fetch(`/api/public/scorecard?${new URLSearchParams({ period }).toString()}`, {
  headers: { accept: 'application/json' },
});
if (response.ok) {
  const scorecard = (await response.json()) as Scorecard;
  show(scorecard);
  say(status, `${scorecard.period} 的考核结果。`, 'success');
} else {
  const problem = (await response.json().catch(() => ({}))) as { detail?: string; title?: string };
  say(
    status,
    problem.detail ?? problem.title ?? `查询失败（${response.status}）`,
    response.status === 404 ? 'info' : 'error',
  );
}

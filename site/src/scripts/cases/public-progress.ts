/** The public progress lookup: posts case number and query code, renders what §9 allows. */

import type { BundlePublicProgress } from '../../../../functions/domain/bundles/views.ts';
import type { PublicProgress } from '../../../../functions/domain/cases/views.ts';
import { renderBundleProgress } from '../bundles/public-progress.ts';
import {
  byId,
  clearErrors,
  type FieldError,
  formatDate,
  formatDateTime,
  h,
  say,
  showErrors,
} from '../common/ui.ts';

/** The response of POST /api/public/progress, as the domain shapes it. */
type Progress = PublicProgress;

const form = byId<HTMLFormElement>('progress-form');
const caseInput = byId<HTMLInputElement>('p-caseNo');
const codeInput = byId<HTMLInputElement>('p-queryCode');
const status = byId('progress-status');
const result = byId('progress-result');

const prefill = new URLSearchParams(location.search).get('no');
if (prefill) caseInput.value = prefill;

function pair(term: string, value: Node | string | null): HTMLElement[] {
  return value === null || value === '' ? [] : [h('dt', { text: term }), h('dd', {}, value)];
}

function render(progress: Progress): void {
  const provisional = (date: string | null) =>
    h(
      'span',
      {},
      formatDate(date),
      progress.deadline?.provisional ? h('span', { class: 'tag--provisional', text: '暂定' }) : null,
    );
  byId('progress-summary').replaceChildren(
    ...pair('受理编号', progress.caseNo),
    ...pair('事项', progress.item.name),
    ...pair('当前状态', h('strong', { id: 'progress-state', text: progress.statusLabel })),
    ...pair('收件时间', formatDateTime(progress.receivedAt)),
    ...pair('受理时间', progress.acceptedAt ? formatDateTime(progress.acceptedAt) : '尚未受理'),
    ...(progress.deadline?.promisedDueAt
      ? pair('承诺办结期限', provisional(progress.deadline.promisedDueAt))
      : []),
    ...(progress.deadline?.statutoryDueAt
      ? pair('法定办结期限', provisional(progress.deadline.statutoryDueAt))
      : []),
    ...(progress.extension
      ? pair(
          '延期',
          `延长 ${progress.extension.days} 个工作日（${formatDate(progress.extension.grantedAt)} 批准；理由：${progress.extension.reason}）`,
        )
      : []),
    ...(progress.owed
      ? pair(
          '容缺材料',
          h('span', {
            id: 'progress-owed',
            text: `${progress.owed.materials.join('、')}：请于 ${formatDate(progress.owed.dueAt)} 前补齐`,
          }),
        )
      : []),
    ...pair('办理结果', progress.result.outcomeLabel),
  );
  byId('progress-steps').replaceChildren(
    ...progress.steps.map((step) =>
      h(
        'li',
        {},
        h('time', { datetime: step.at, text: formatDateTime(step.at) }),
        h('strong', { text: step.step }),
        ` → ${step.status}`,
      ),
    ),
  );
  const suspensions = byId('progress-suspensions');
  if (progress.suspensions.length === 0) suspensions.replaceChildren();
  else
    suspensions.replaceChildren(
      h('h3', { text: '特别程序（所需时间不计入办理期限）' }),
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { class: 'desk-table', id: 'progress-suspension-table' },
          h('caption', { class: 'visually-hidden', text: '特别程序' }),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col', text: '程序' }),
              h('th', { scope: 'col', text: '开始' }),
              h('th', { scope: 'col', text: '结束' }),
              h('th', { scope: 'col', class: 'num', text: '用时（工作日）' }),
              h('th', { scope: 'col', text: '预计所需时间' }),
            ),
          ),
          h(
            'tbody',
            {},
            ...progress.suspensions.map((suspension) =>
              h(
                'tr',
                {},
                h('th', { scope: 'row', text: suspension.procedure }),
                h('td', { text: formatDate(suspension.start) }),
                h('td', { text: suspension.end ? formatDate(suspension.end) : '进行中' }),
                h('td', { class: 'num', text: String(suspension.workdays) }),
                h('td', { text: suspension.expected ?? '—' }),
              ),
            ),
          ),
        ),
      ),
    );
  const collect = progress.result.collect;
  byId('progress-collect').replaceChildren(
    ...pair('领取方式', collect.methods.join('、')),
    ...pair('领取窗口', collect.window),
    ...pair('地址', collect.address),
    ...pair('办公时间', collect.hours),
    ...pair('咨询电话', collect.phone),
  );
  result.hidden = false;
  byId('progress-heading').focus();
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void lookup();
});

async function lookup(): Promise<void> {
  clearErrors(form);
  const caseNo = caseInput.value.trim();
  const queryCode = codeInput.value.trim();
  const errors: FieldError[] = [];
  if (!caseNo) errors.push({ id: 'p-caseNo', message: '请输入受理编号' });
  if (!queryCode) errors.push({ id: 'p-queryCode', message: '请输入查询码' });
  if (errors.length > 0) {
    showErrors(form, errors, '请检查输入');
    return;
  }
  say(status, '正在查询……');
  result.hidden = true;
  byId('progress-bundle').hidden = true;
  const response = await fetch('/api/public/progress', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ caseNo, queryCode }),
  });
  if (response.ok) {
    say(status, '');
    const answer = (await response.json()) as Progress | BundlePublicProgress;
    if ('kind' in answer && answer.kind === 'bundle') renderBundleProgress(answer);
    else render(answer as Progress);
    return;
  }
  say(status, '');
  if (response.status === 429) {
    const retry = response.headers.get('retry-after');
    showErrors(
      form,
      [
        {
          id: 'p-queryCode',
          message: `查询次数过多，请${retry ? ` ${Math.ceil(Number(retry) / 60)} 分钟` : '稍'}后再试。`,
        },
      ],
      '暂时不能查询',
    );
    return;
  }
  // The same message for a wrong code and an unknown number.
  showErrors(
    form,
    [{ id: 'p-caseNo', message: '没有找到与该受理编号和查询码相符的办件，请核对受理通知书后重新输入。' }],
    '未找到办件',
  );
}

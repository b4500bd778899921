/** The public complaint lookup: number + query code → what the complainant may see; feedback after an answer. */
import type { PublicComplaintView } from '../../../../functions/domain/complaints/views.ts';
import { byId, clearErrors, type FieldError, formatDateTime, h, say, showErrors } from '../common/ui.ts';

const form = byId<HTMLFormElement>('lookup-form');
const numberInput = byId<HTMLInputElement>('l-no');
const codeInput = byId<HTMLInputElement>('l-code');
const status = byId('lookup-status');
const result = byId('lookup-result');
const feedback = byId('lookup-feedback');

const prefill = new URLSearchParams(location.search).get('no');
if (prefill) numberInput.value = prefill;

let credentials: { complaintNo: string; queryCode: string } | undefined;

function pair(term: string, value: Node | string | null): HTMLElement[] {
  return value === null || value === '' ? [] : [h('dt', { text: term }), h('dd', {}, value)];
}

function render(view: PublicComplaintView): void {
  byId('lookup-summary').replaceChildren(
    ...pair('投诉编号', view.complaintNo),
    ...pair('当前状态', h('strong', { id: 'lookup-state', text: view.statusLabel })),
    ...pair('投诉类别', view.categoryLabel),
    ...pair('投诉渠道', view.channelLabel),
    ...(view.fromRating ? pair('所评办件', view.fromRating.caseNo) : []),
    ...pair('登记时间', formatDateTime(view.receivedAt)),
    ...(view.acknowledgeDueAt ? pair('登记确认时限', `${formatDateTime(view.acknowledgeDueAt)} 前`) : []),
    ...(view.answerDueAt ? pair('答复时限', `${formatDateTime(view.answerDueAt)} 前`) : []),
    ...(view.closedAt ? pair('办结时间', formatDateTime(view.closedAt)) : []),
  );
  byId('lookup-invalid').replaceChildren(
    ...(view.invalid
      ? [
          h('h3', { text: '不予受理' }),
          h(
            'dl',
            { class: 'summary-list' },
            ...pair('理由', view.invalid.reasonLabel),
            ...pair('已转交', view.invalid.referredTo),
            ...pair('说明', view.invalid.told),
          ),
        ]
      : []),
  );
  byId('lookup-answers').replaceChildren(
    ...(view.answers.length === 0
      ? [h('p', { text: '尚未答复。' })]
      : view.answers.map((answer) =>
          h(
            'div',
            { class: 'complaint-answer' },
            h(
              'p',
              {},
              h('strong', { text: answer.round === 1 ? '答复' : `复核答复（第 ${answer.round} 次）` }),
              `　${formatDateTime(answer.at)}　${answer.formLabel}`,
            ),
            answer.text !== null
              ? h('p', { class: 'complaint-answer__text', text: answer.text })
              : h('p', { text: '答复已按您投诉时的方式送达（电话、信函或当面）。' }),
            answer.late
              ? h('p', { class: 'complaint-late', text: `逾期答复。原因：${answer.lateReason ?? '—'}` })
              : null,
            answer.feedback
              ? h('p', { text: `您的评价：${answer.feedback.satisfied ? '满意' : '不满意'}` })
              : null,
          ),
        )),
  );
  feedback.hidden = !view.feedbackOpen;
  byId('lookup-steps').replaceChildren(
    ...view.steps.map((step) =>
      h(
        'li',
        {},
        h('time', { datetime: step.at, text: formatDateTime(step.at) }),
        h('strong', { text: step.label }),
        step.told ? `：${step.told}` : '',
      ),
    ),
  );
  result.hidden = false;
}

async function post(path: string, body: unknown): Promise<Response> {
  return fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
}

function refused(response: Response): void {
  if (response.status === 429) {
    const retry = response.headers.get('retry-after');
    showErrors(
      form,
      [
        {
          id: 'l-code',
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
    [{ id: 'l-no', message: '没有找到与该投诉编号和查询码相符的投诉，请核对后重新输入。' }],
    '未找到投诉',
  );
}

async function lookup(): Promise<void> {
  clearErrors(form);
  const complaintNo = numberInput.value.trim();
  const queryCode = codeInput.value.trim();
  const errors: FieldError[] = [];
  if (!complaintNo) errors.push({ id: 'l-no', message: '请输入投诉编号' });
  if (!queryCode) errors.push({ id: 'l-code', message: '请输入查询码' });
  if (errors.length > 0) {
    showErrors(form, errors, '请检查输入');
    return;
  }
  say(status, '正在查询……');
  result.hidden = true;
  const response = await post('/api/public/complaints/lookup', { complaintNo, queryCode });
  say(status, '');
  if (!response.ok) {
    refused(response);
    return;
  }
  credentials = { complaintNo, queryCode };
  render((await response.json()) as PublicComplaintView);
  byId('lookup-heading').focus();
}

async function giveFeedback(satisfied: boolean): Promise<void> {
  if (!credentials) return;
  say(status, '正在提交评价……');
  const response = await post('/api/public/complaints/feedback', { ...credentials, satisfied });
  if (!response.ok) {
    say(
      status,
      response.status === 429 ? '操作过于频繁，请稍后再试。' : '评价未能提交，请重新查询后再试。',
      'error',
    );
    return;
  }
  render((await response.json()) as PublicComplaintView);
  say(
    status,
    satisfied ? '已记录：满意。感谢您的评价。' : '已记录：不满意。中心将组织复核并再次答复。',
    'success',
  );
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void lookup();
});
byId('feedback-yes').addEventListener('click', () => void giveFeedback(true));
byId('feedback-no').addEventListener('click', () => void giveFeedback(false));

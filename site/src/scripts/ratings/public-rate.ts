/**
 * The public rating page: reads the case number and token from the fragment, looks the visit up,
 * and either offers the form (nothing pre-selected) or shows the rating already given and, once
 * the rater was told, what was done. A bad rating (1 or 2) offers 同时作为投诉提交: the answer then
 * carries the complaint's number and query code, shown once. Sent without any Authorization
 * header: the API refuses staff tokens on this route. Everything the API returns is rendered with
 * textContent.
 */
import { ratingLevelLabels } from '../../../../functions/domain/ratings/types.ts';
import type { PublicRatingView } from '../../../../functions/domain/ratings/views.ts';
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

const levelLabels: Record<number, string> = ratingLevelLabels;
const dimensions = [
  ['efficiency', '办事效率'],
  ['serviceLevel', '服务水平'],
  ['attitude', '服务态度'],
] as const;

const form = byId<HTMLFormElement>('rate-form');
const status = byId('rate-status');
const fragment = new URLSearchParams(location.hash.slice(1));
const caseNo = fragment.get('c') ?? '';
const token = fragment.get('t') ?? '';

function pair(term: string, value: string | undefined): HTMLElement[] {
  return value ? [h('dt', { text: term }), h('dd', { text: value })] : [];
}

async function post(path: string, body: unknown): Promise<Response> {
  return fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
}

function renderVisit(view: PublicRatingView): void {
  byId('rate-summary').replaceChildren(
    ...pair('受理编号', view.caseNo),
    ...pair('事项', view.itemName),
    ...pair('窗口', view.window),
    ...pair('出件日期', formatDate(view.deliveredOn)),
  );
  byId('rate-visit').hidden = false;
}

interface ComplaintReceipt {
  complaintNo: string;
  queryCode: string;
  acknowledgedBy: string | null;
}

/** The complaint the bad rating was filed as: with the code once, right after submitting; its number later. */
function renderComplaint(view: PublicRatingView, receipt?: ComplaintReceipt): void {
  const complaintNo = receipt?.complaintNo ?? view.complaint?.complaintNo;
  const lookup = (text: string) =>
    h('a', { href: `/complaints/?no=${encodeURIComponent(complaintNo ?? '')}`, text });
  byId('rate-complaint').replaceChildren(
    ...(!complaintNo
      ? []
      : receipt
        ? [
            h(
              'section',
              {
                class: 'complaint-receipt',
                id: 'rate-complaint-receipt',
                'aria-labelledby': 'rate-complaint-heading',
              },
              h('h3', { id: 'rate-complaint-heading', text: '投诉已同时提交' }),
              h(
                'dl',
                { class: 'summary-list' },
                h('dt', { text: '投诉编号' }),
                h('dd', { class: 'complaint-code', id: 'rate-complaint-no', text: receipt.complaintNo }),
                h('dt', { text: '查询码' }),
                h('dd', { class: 'complaint-code', id: 'rate-complaint-code', text: receipt.queryCode }),
                ...pair(
                  '登记确认时限',
                  receipt.acknowledgedBy ? `${formatDateTime(receipt.acknowledgedBy)} 前` : undefined,
                ),
              ),
              h(
                'p',
                {},
                h('strong', { text: '请记下或截图保存投诉编号和查询码。' }),
                '查询码只显示这一次，查看投诉的办理情况和答复都需要它。',
              ),
              h('p', {}, lookup('查询投诉办理情况')),
            ),
          ]
        : [
            h(
              'p',
              { id: 'rate-complaint-link' },
              `此差评已同时作为投诉提交，投诉编号 ${complaintNo}。凭投诉编号和查询码`,
              lookup('查询投诉办理情况'),
              '。',
            ),
          ]),
  );
}

function renderRated(view: PublicRatingView, receipt?: ComplaintReceipt): void {
  const rating = view.rating;
  if (!rating) return;
  form.hidden = true;
  byId('rate-given').replaceChildren(
    ...pair('总体评价', rating.overallLabel),
    ...dimensions.flatMap(([key, label]) =>
      pair(label, rating[key] === undefined ? undefined : levelLabels[rating[key] as number]),
    ),
    ...pair('意见和建议', rating.comment),
    ...pair('评价时间', formatDateTime(rating.at)),
  );
  const outcome = view.outcome;
  byId('rate-outcome').replaceChildren(
    ...(outcome
      ? [
          h(
            'div',
            { class: 'rate-outcome', id: 'rate-outcome-told' },
            h('h3', { text: '整改情况' }),
            h('p', { text: outcome.what }),
            h('p', {
              class: 'hint',
              text: `${formatDateTime(outcome.at)} 以${outcome.how}方式告知${outcome.closed ? '，已办结' : ''}。`,
            }),
          ),
        ]
      : []),
  );
  renderComplaint(view, receipt);
  byId('rate-result').hidden = false;
}

async function lookup(): Promise<PublicRatingView | null> {
  const response = await post('/api/public/ratings/lookup', { caseNo, token });
  if (response.ok) return (await response.json()) as PublicRatingView;
  say(
    status,
    response.status === 429
      ? '请求过于频繁，请稍后再试。'
      : '评价链接无效：没有找到此次办事的评价。请核对出件回执上的链接或二维码。',
    'error',
  );
  return null;
}

function level(name: string): number | undefined {
  const checked = form.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`);
  return checked ? Number(checked.value) : undefined;
}

async function submit(): Promise<void> {
  clearErrors(form);
  const overall = level('overall');
  if (overall === undefined) {
    showErrors(form, [{ id: 'r-overall-5', message: '请选择总体评价' }], '请检查评价');
    return;
  }
  const comment = byId<HTMLTextAreaElement>('r-comment').value.trim();
  const body: Record<string, unknown> = { caseNo, token, overall };
  for (const [key] of dimensions) {
    const value = level(key);
    if (value !== undefined) body[key] = value;
  }
  if (comment) body.comment = comment;
  if (overall <= 2 && asComplaint.checked) {
    body.asComplaint = true;
    const facts = byId<HTMLTextAreaElement>('r-complaintFacts').value.trim();
    if (facts) body.complaintFacts = facts;
  }
  const button = byId<HTMLButtonElement>('rate-submit');
  button.disabled = true;
  say(status, '正在提交……');
  const response = await post('/api/public/ratings', body);
  button.disabled = false;
  if (response.status === 201) {
    const view = (await response.json()) as PublicRatingView & { complaintReceipt?: ComplaintReceipt };
    say(status, view.complaintReceipt ? '感谢您的评价！投诉已同时提交。' : '感谢您的评价！', 'success');
    renderRated(view, view.complaintReceipt);
    byId('rate-result-heading').focus();
    return;
  }
  if (response.status === 409) {
    say(status, '此次办事已评价，每次办事只能评价一次。以下是已提交的评价。', 'error');
    const view = await lookup();
    if (view) renderRated(view);
    return;
  }
  const problem = (await response.json().catch(() => ({}))) as {
    detail?: string;
    errors?: { field: string; message: string }[];
  };
  say(status, '');
  const errors: FieldError[] =
    response.status === 400 && problem.errors
      ? problem.errors.map((error) => {
          const name = error.field.replace(/^body\./, '');
          const id =
            name === 'comment' || name === 'asComplaint' || name === 'complaintFacts'
              ? `r-${name}`
              : `r-${name}-5`;
          return { id, message: error.message };
        })
      : [{ id: 'r-overall-5', message: problem.detail ?? '提交失败，请稍后再试。' }];
  showErrors(form, errors, '未能提交评价');
}

const asComplaint = byId<HTMLInputElement>('r-asComplaint');

/** 同时作为投诉提交 is offered for a bad rating only; choosing a better level withdraws it. */
function offerComplaint(): void {
  const bad = (level('overall') ?? 5) <= 2;
  byId('r-complaint').hidden = !bad;
  if (!bad) asComplaint.checked = false;
  byId('r-complaintFacts-field').hidden = !asComplaint.checked;
}

for (const input of form.querySelectorAll<HTMLInputElement>('input[name="overall"]')) {
  input.addEventListener('change', offerComplaint);
}
asComplaint.addEventListener('change', offerComplaint);

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void submit();
});

if (!caseNo || !token) {
  say(status, '评价链接不完整。请扫描出件回执上的二维码，或完整复制回执上的链接。', 'error');
} else {
  say(status, '正在载入……');
  const view = await lookup();
  if (view) {
    say(status, '');
    renderVisit(view);
    if (view.rated) {
      say(status, '此次办事已评价。', 'info');
      renderRated(view);
    } else form.hidden = false;
  }
}

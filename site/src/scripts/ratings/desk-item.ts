/**
 * One rating and its rectification on the desk: the record, the clocks, the history, and a form per
 * step the signed-in role may take (handlers and chiefs the loop; supervision the appeal decision).
 * The server decides who may act; the page only leaves out what the role can never do.
 */

import {
  type RectificationStepType,
  rectificationSteps,
} from '../../../../functions/domain/ratings/steps.ts';
import { ratingLevelLabels } from '../../../../functions/domain/ratings/types.ts';
import { byId, clearErrors, formatDateTime, h, light, say, showErrors } from '../common/ui.ts';
import { api, problemText } from '../desk/api.ts';
import { deskStatus, startDesk } from '../desk/shell.ts';

interface RatingView {
  caseNo: string;
  version: number;
  item: { name: string };
  window: string;
  handler: string;
  deliveredAt: string;
  rating?: {
    overall: number;
    efficiency?: number;
    serviceLevel?: number;
    attitude?: number;
    comment?: string;
    at: string;
  };
  levelLabel: string | null;
  statusLabel: string | null;
  excluded?: { reason: string };
  /** The complaint the rater filed the bad rating as; it closes on its own. */
  complaint?: { complaintNo: string; requestedAt: string };
  rectification?: { assignee: string; raterTold?: { how: string; what: string } };
  clocks: { name: string; label: string; status: { dueAt: string | null; level: string; state: string } }[];
  availableSteps: RectificationStepType[];
  history: {
    version: number;
    label: string;
    at: string;
    by: { username: string; actingFor?: string };
    text?: string;
  }[];
}

type Field =
  | { name: string; label: string; kind: 'text' | 'textarea'; optional?: boolean }
  | { name: string; label: string; kind: 'choice'; options: [string, string][] };

const fields: Record<RectificationStepType, Field[]> = {
  callBack: [
    {
      name: 'reached',
      label: '是否联系上评价人',
      kind: 'choice',
      options: [
        ['true', '已联系上'],
        ['false', '未联系上'],
      ],
    },
    { name: 'verified', label: '核实情况', kind: 'textarea' },
  ],
  fixAtOnce: [{ name: 'done', label: '整改措施', kind: 'textarea' }],
  rectify: [{ name: 'plan', label: '整改计划', kind: 'textarea' }],
  completeRectification: [{ name: 'done', label: '整改措施', kind: 'textarea' }],
  explain: [{ name: 'explanation', label: '解释说明', kind: 'textarea' }],
  appeal: [
    {
      name: 'ground',
      label: '申诉理由类别',
      kind: 'choice',
      options: [
        ['mistaken', '误评'],
        ['malicious', '恶意差评'],
      ],
    },
    { name: 'reasons', label: '申诉理由', kind: 'textarea' },
  ],
  decideAppeal: [
    {
      name: 'upheld',
      label: '审核结论',
      kind: 'choice',
      options: [
        ['true', '申诉成立'],
        ['false', '申诉不成立'],
      ],
    },
    { name: 'reasons', label: '审核意见', kind: 'textarea' },
  ],
  tellRater: [
    { name: 'how', label: '告知方式', kind: 'text' },
    { name: 'what', label: '告知内容', kind: 'textarea' },
  ],
  close: [{ name: 'note', label: '备注（可选）', kind: 'text', optional: true }],
};

const levelLabels: Record<number, string> = ratingLevelLabels;

const user = await startDesk();
const status = deskStatus();
const caseNo = new URLSearchParams(location.search).get('caseNo') ?? '';
let current: RatingView | undefined;

function pair(term: string, value: Node | string | undefined | null): HTMLElement[] {
  return value ? [h('dt', { text: term }), h('dd', {}, value)] : [];
}

function control(step: RectificationStepType, field: Field): HTMLElement {
  const id = `r-${step}-${field.name}`;
  if (field.kind === 'choice') {
    return h(
      'fieldset',
      { class: 'field' },
      h('legend', { text: field.label }),
      h(
        'div',
        { class: 'choices' },
        ...field.options.map(([value, label], index) =>
          h(
            'label',
            { class: 'choice' },
            h('input', {
              type: 'radio',
              name: field.name,
              value,
              id: index === 0 ? id : `${id}-${value}`,
              checked: index === 0,
            }),
            label,
          ),
        ),
      ),
    );
  }
  const input =
    field.kind === 'textarea'
      ? h('textarea', { id, name: field.name, rows: '3' })
      : h('input', { type: 'text', id, name: field.name });
  return h('div', { class: 'field' }, h('label', { for: id, text: field.label }), input);
}

function mayTake(step: RectificationStepType): boolean {
  const rule = rectificationSteps.find((candidate) => candidate.type === step);
  if (!rule) return false;
  return rule.actors.some((actor) =>
    actor === 'supervisor'
      ? user.roles.includes('supervisor')
      : actor === 'chief'
        ? user.roles.includes('chief')
        : user.roles.includes('clerk'),
  );
}

function bodyOf(
  step: RectificationStepType,
  form: HTMLFormElement,
  view: RatingView,
): Record<string, unknown> {
  const data = new FormData(form);
  const body: Record<string, unknown> = { version: view.version };
  for (const field of fields[step]) {
    const value = String(data.get(field.name) ?? '').trim();
    if (field.kind === 'choice' && (value === 'true' || value === 'false'))
      body[field.name] = value === 'true';
    else if (!(field.kind !== 'choice' && field.optional && value === '')) body[field.name] = value;
  }
  return body;
}

function render(view: RatingView): void {
  current = view;
  byId('rating-title').textContent = `评价与整改：${view.item.name}`;
  const rating = view.rating;
  byId('rating-summary').replaceChildren(
    ...pair('受理编号', view.caseNo),
    ...pair('窗口', view.window),
    ...pair('承办人', view.rectification?.assignee ?? view.handler),
    ...pair('出件时间', formatDateTime(view.deliveredAt)),
    ...pair('总体评价', view.levelLabel ?? '尚未评价'),
    ...pair('办事效率', rating?.efficiency ? levelLabels[rating.efficiency] : null),
    ...pair('服务水平', rating?.serviceLevel ? levelLabels[rating.serviceLevel] : null),
    ...pair('服务态度', rating?.attitude ? levelLabels[rating.attitude] : null),
    ...pair('意见和建议', rating?.comment),
    ...pair('整改状态', view.statusLabel),
    ...pair(
      '同时转投诉',
      view.complaint
        ? h(
            'span',
            { id: 'rating-complaint' },
            h('a', {
              href: `/desk/complaints/item/?no=${encodeURIComponent(view.complaint.complaintNo)}`,
              text: view.complaint.complaintNo,
            }),
            '（评价人要求，投诉与整改各自办结）',
          )
        : null,
    ),
    ...pair('不计入满意率', view.excluded?.reason),
  );
  byId('rating-clocks').replaceChildren(
    ...(view.clocks.length > 0
      ? view.clocks.map((clock) =>
          h(
            'li',
            {},
            `${clock.label}：${clock.status.state === 'stopped' ? '已完成' : `期限 ${formatDateTime(clock.status.dueAt)} `}`,
            clock.status.state === 'stopped' ? null : light(clock.status.level),
          ),
        )
      : [h('li', { text: '无' })]),
  );
  const steps = view.availableSteps.filter(mayTake);
  byId('rating-actions').replaceChildren(
    ...(steps.length === 0
      ? [h('p', { text: '当前登录的角色在此状态下没有可办理的步骤。' })]
      : steps.map((step) => {
          const rule = rectificationSteps.find((candidate) => candidate.type === step);
          const label = rule?.label ?? step;
          const form = h(
            'form',
            { id: `step-${step}`, novalidate: true },
            ...fields[step].map((field) => control(step, field)),
            h('button', { type: 'submit', text: label }),
          );
          form.addEventListener('submit', (event) => {
            event.preventDefault();
            void submit(step, form, label);
          });
          return h('details', {}, h('summary', { text: label }), form);
        })),
  );
  byId('rating-history').replaceChildren(
    ...view.history.map((entry) =>
      h(
        'li',
        {},
        h('time', { datetime: entry.at, text: formatDateTime(entry.at) }),
        h('strong', { text: entry.label }),
        ` ${entry.by.username}${entry.by.actingFor ? `（代 ${entry.by.actingFor}）` : ''}`,
        entry.text ? h('p', { text: entry.text }) : null,
      ),
    ),
  );
  byId('rating-view').hidden = false;
}

async function load(): Promise<boolean> {
  const reply = await api<RatingView>('GET', `/api/ratings/${encodeURIComponent(caseNo)}`);
  if (!reply.ok) {
    say(status, reply.status === 404 ? '没有这个受理编号的评价。' : problemText(reply.problem), 'error');
    return false;
  }
  render(reply.body);
  return true;
}

async function submit(step: RectificationStepType, form: HTMLFormElement, label: string): Promise<void> {
  if (!current) return;
  clearErrors(form);
  const slug = rectificationSteps.find((rule) => rule.type === step)?.slug ?? step;
  const reply = await api<RatingView>(
    'POST',
    `/api/ratings/${encodeURIComponent(current.caseNo)}/rectification/${slug}`,
    bodyOf(step, form, current),
  );
  if (reply.ok) {
    render(reply.body);
    say(status, `已办理：${label}。当前状态：${reply.body.statusLabel ?? ''}。`, 'success');
    status.setAttribute('tabindex', '-1');
    status.focus();
    return;
  }
  if (reply.status === 409) {
    await load();
    say(status, `评价已被他人修改或状态已变化，已重新载入，请核对后再办理。`, 'error');
    return;
  }
  const first = `r-${step}-${fields[step][0]?.name ?? ''}`;
  const errors =
    reply.problem.errors && reply.problem.errors.length > 0
      ? reply.problem.errors.map((error) => {
          const id = `r-${step}-${error.field.replace(/^body\./, '')}`;
          return { id: document.getElementById(id) ? id : first, message: error.message };
        })
      : [{ id: first, message: problemText(reply.problem) }];
  showErrors(form, errors, `未能办理“${label}”`);
}

if (!caseNo) say(status, '缺少受理编号。', 'error');
else await load();

/**
 * One complaint on the desk: renders what the API returned for the signed-in role (the respondent
 * never gets the complainant), shows the step forms the role may use in the current status, and
 * posts each with the version it was decided on. 查看投诉人 reads the identity through the logged
 * route, for the office and the named reply handler only; 查看附件 asks for a five-minute link to
 * one attachment (each asking logged) and opens it in a new tab.
 */

import {
  attachmentKindLabels,
  formatBytes,
  type RemovedMetadata,
  removedMetadataLabels,
} from '../../../../functions/domain/complaints/attachments.ts';
import { byId, clearErrors, formatDateTime, h, light, say, showErrors } from '../common/ui.ts';
import { api, problemText } from '../desk/api.ts';
import { deskStatus, startDesk } from '../desk/shell.ts';
import type { ComplaintView } from './complaint-types.ts';

const user = await startDesk();
const status = deskStatus();
const complaintNo = (new URLSearchParams(location.search).get('no') ?? '').trim();
const office = user.roles.includes('supervisor');
const chief = user.roles.includes('chief');
const clerk = user.roles.includes('clerk');
let current: ComplaintView | undefined;

const formLabels: Record<string, string> = {
  web: '网上答复：投诉人凭编号和查询码查看',
  phone: '电话答复',
  letter: '信函答复',
  inPerson: '当面答复',
  hotline: '经 12345 热线反馈',
};

function pair(term: string, value: Node | string | null | undefined): HTMLElement[] {
  return value === null || value === undefined || value === ''
    ? []
    : [h('dt', { text: term }), h('dd', {}, value)];
}

function actorName(by: ComplaintView['history'][number]['by']): string {
  return 'complainant' in by ? '投诉人' : by.username;
}

function dissatisfied(view: ComplaintView): boolean {
  if (view.status === 'followedUp') return view.followUp?.satisfaction === 'dissatisfied';
  return view.answers.at(-1)?.feedback?.satisfied === false;
}

/** Which step forms this user may use now (the server decides; this only hides what would be refused). */
function usableSteps(view: ComplaintView): string[] {
  const can = (action: string) => view.availableActions.includes(action);
  const replyHandler = view.assignment?.replyHandler === user.username;
  const steps: string[] = [];
  if (office && can('assign')) steps.push('step-assign', 'step-invalid');
  if ((clerk || chief) && can('investigate')) steps.push('step-investigate');
  if (can('answer') && (view.status === 'rechecking' ? chief || office : clerk || chief))
    steps.push('step-answer');
  if (can('feedback') && !view.answers.at(-1)?.feedback && (office || replyHandler))
    steps.push('step-feedback');
  if (can('recheck') && (chief || office) && dissatisfied(view)) steps.push('step-recheck');
  if (office && can('followUp')) steps.push('step-followup');
  if (office && can('close')) steps.push('step-close');
  return steps;
}

function attachmentItem(attachment: NonNullable<ComplaintView['attachments']>[number]): HTMLElement {
  const number = attachment.id.slice(1);
  const removed = attachment.removed.map((kind) => removedMetadataLabels[kind as RemovedMetadata] ?? kind);
  const link = h('a', {
    id: `attachment-link-${attachment.id}`,
    target: '_blank',
    rel: 'noopener noreferrer',
    hidden: true,
    text: `如未自动打开，点此查看附件${number}（5 分钟内有效）`,
  });
  const button = h('button', {
    type: 'button',
    class: 'button--secondary',
    id: `attachment-open-${attachment.id}`,
    text: `查看附件${number}`,
  });
  button.addEventListener('click', () => void openAttachment(attachment.id, link));
  const size = attachment.width ? ` · ${attachment.width} × ${attachment.height} 像素` : '';
  return h(
    'li',
    {},
    h('span', {
      text: `附件${number} · ${attachmentKindLabels[attachment.kind]} · ${formatBytes(attachment.size)}${size}`,
    }),
    h('span', {
      class: 'hint',
      text: removed.length > 0 ? `已去除：${removed.join('、')}` : '无需去除的元数据',
    }),
    button,
    link,
  );
}

async function openAttachment(id: string, link: HTMLAnchorElement): Promise<void> {
  if (!current) return;
  const reply = await api<{ url: string; fileName: string }>(
    'GET',
    `/api/complaints/${encodeURIComponent(current.complaintNo)}/attachments/${id}`,
  );
  if (!reply.ok) {
    say(status, problemText(reply.problem), 'error');
    return;
  }
  link.href = reply.body.url;
  link.hidden = false;
  window.open(reply.body.url, '_blank', 'noopener');
  say(status, `已在新标签页打开${reply.body.fileName}。`, 'success');
}

function render(view: ComplaintView): void {
  current = view;
  byId('complaint-title').textContent = `投诉 ${view.complaintNo}`;
  const respondent = [
    view.respondent.department ? `部门 ${view.respondent.department}` : '',
    view.respondent.window ? `窗口 ${view.respondent.window}` : '',
    view.respondent.clerk ? `工作人员 ${view.respondent.clerk}` : '',
  ]
    .filter(Boolean)
    .join('，');
  byId('complaint-summary').replaceChildren(
    ...pair('状态', h('strong', { id: 'complaint-state', text: view.statusLabel })),
    ...pair('时限灯', light(view.warningLevel)),
    ...pair('类别', view.categoryLabel),
    ...pair('渠道', view.channelLabel),
    ...pair('12345 工单号', view.hotlineRef),
    ...pair('被投诉对象', respondent || '未指明'),
    ...pair('相关办件', view.respondent.caseNo),
    ...pair(
      '来自差评',
      view.fromRating
        ? h(
            'span',
            { id: 'complaint-from-rating' },
            `${formatDateTime(view.fromRating.ratedAt)} 评价人提交差评时要求同时投诉：`,
            h('a', {
              href: `/desk/ratings/item/?caseNo=${encodeURIComponent(view.fromRating.caseNo)}`,
              text: '查看评价与整改',
            }),
          )
        : null,
    ),
    ...pair('登记时间', formatDateTime(view.receivedAt)),
    ...pair('登记人', view.receivedBy ?? '网上投诉'),
    ...(view.assignment
      ? pair(
          '分办',
          `${view.assignment.department} 部门 ${view.assignment.window} 窗口，${view.complexityLabel ?? view.assignment.complexity}${view.assignment.replyHandler ? `，答复人员 ${view.assignment.replyHandler}` : ''}`,
        )
      : []),
    ...(view.invalid
      ? pair(
          '不予受理',
          `${view.invalidReasonLabel ?? view.invalid.reason}${view.invalid.referredTo ? `，已转 ${view.invalid.referredTo}` : ''}`,
        )
      : []),
    ...(view.followUp ? pair('回访', `${view.followUp.satisfaction}：${view.followUp.note}`) : []),
  );
  byId('complaint-facts').textContent = view.facts;
  const attachments = view.attachments ?? [];
  byId('complaint-attachments-section').hidden = attachments.length === 0;
  byId('complaint-attachments').replaceChildren(...attachments.map(attachmentItem));
  byId('complainant-summary').replaceChildren(
    ...pair('实名', view.complainant.realName ? '实名投诉' : '匿名投诉'),
    ...pair('姓名', view.complainant.name),
    ...pair('电话', view.complainant.phone),
  );
  const mayReveal = view.complainant.realName && (office || view.assignment?.replyHandler === user.username);
  byId('complainant-reveal-row').hidden = !mayReveal;
  byId('complaint-clocks').replaceChildren(
    ...view.clocks.map((clock) =>
      h(
        'li',
        {},
        `${clock.label}：`,
        clock.state === 'stopped' ? '已停止' : light(clock.level),
        clock.dueAt ? ` 期限 ${formatDateTime(clock.dueAt)}` : '',
      ),
    ),
  );
  byId('complaint-findings').replaceChildren(
    ...(view.findings.length > 0
      ? [
          h('h2', { text: '调查核实' }),
          ...view.findings.map((finding) =>
            h(
              'p',
              { class: 'complaint-facts' },
              `${formatDateTime(finding.at)} ${finding.by}：`,
              finding.text,
            ),
          ),
        ]
      : []),
  );
  byId('complaint-answers').replaceChildren(
    ...(view.answers.length === 0
      ? [h('p', { text: '尚未答复。' })]
      : view.answers.map((answer) =>
          h(
            'div',
            { class: 'complaint-answer' },
            h(
              'p',
              {},
              h('strong', { text: `第 ${answer.round} 次答复` }),
              `　${formatDateTime(answer.at)}　${answer.by}　${formLabels[answer.form] ?? answer.form}`,
            ),
            h('p', { class: 'complaint-answer__text', text: answer.text }),
            answer.late
              ? h('p', { class: 'complaint-late', text: `逾期。原因：${answer.lateReason ?? '—'}` })
              : null,
            answer.feedback
              ? h('p', {
                  text: `投诉人评价：${answer.feedback.satisfied ? '满意' : '不满意'}${answer.feedback.comment ? `（${answer.feedback.comment}）` : ''}`,
                })
              : null,
          ),
        )),
  );
  byId('step-answer-form').textContent = view.complainant.realName
    ? `按投诉渠道（${view.channelLabel}）的方式答复投诉人；网上投诉的答复在网上查询中显示。`
    : '匿名投诉：答复在网上查询中向投诉人显示。';
  const usable = usableSteps(view);
  for (const form of document.querySelectorAll<HTMLFormElement>('form.complaint-step')) {
    form.hidden = !usable.includes(form.id);
    clearErrors(form);
  }
  byId('no-steps').hidden = usable.length > 0;
  byId('complaint-history').replaceChildren(
    ...view.history.map((entry) =>
      h(
        'li',
        {},
        h('time', { datetime: entry.at, text: formatDateTime(entry.at) }),
        h('strong', { text: entry.label }),
        ` ${actorName(entry.by)}`,
        entry.told ? `；告知：${entry.told}` : '',
        entry.note ? `；${entry.note}` : '',
      ),
    ),
  );
  byId('complaint-detail').hidden = false;
}

async function load(): Promise<void> {
  if (!complaintNo) {
    say(status, '请从投诉队列打开一件投诉。', 'error');
    return;
  }
  const reply = await api<ComplaintView>('GET', `/api/complaints/${encodeURIComponent(complaintNo)}`);
  if (!reply.ok) {
    say(status, reply.status === 404 ? '没有这个编号的投诉。' : problemText(reply.problem), 'error');
    return;
  }
  render(reply.body);
}

function bodyOf(form: HTMLFormElement): Record<string, unknown> {
  const data = new FormData(form);
  const body: Record<string, unknown> = {};
  for (const [name, raw] of data.entries()) {
    const value = String(raw).trim();
    if (value === '') continue;
    if (name === 'target') {
      const [department, window] = value.split(':');
      body.department = department;
      body.window = window;
    } else if (name === 'satisfied') body.satisfied = value === 'true';
    else body[name] = value;
  }
  return body;
}

async function submitStep(form: HTMLFormElement): Promise<void> {
  if (!current) return;
  clearErrors(form);
  say(status, '正在提交……');
  const reply = await api<ComplaintView>(
    'POST',
    `/api/complaints/${encodeURIComponent(current.complaintNo)}/${form.dataset.slug}`,
    { version: current.version, ...bodyOf(form) },
  );
  if (reply.ok) {
    form.reset();
    render(reply.body);
    say(status, `已办理：${reply.body.history.at(-1)?.label ?? ''}`, 'success');
    return;
  }
  say(status, '');
  const fieldErrors = reply.problem.errors ?? [];
  if (fieldErrors.length > 0) {
    showErrors(
      form,
      fieldErrors.map((error) => {
        const name = error.field.replace(/^body\./, '');
        const id = `${form.id}-${name === 'department' || name === 'window' ? 'target' : name}`;
        return { id: document.getElementById(id) ? id : form.id, message: error.message };
      }),
    );
    return;
  }
  if (reply.status === 409) {
    say(status, `${problemText(reply.problem)} 已重新载入。`, 'error');
    await load();
    return;
  }
  showErrors(form, [{ id: form.id, message: problemText(reply.problem) }], '未能办理');
}

for (const form of document.querySelectorAll<HTMLFormElement>('form.complaint-step')) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void submitStep(form);
  });
}

byId('complainant-reveal').addEventListener('click', async () => {
  if (!current) return;
  const reply = await api<{ complainant: { name?: string; phone?: string; contactPreference?: string } }>(
    'GET',
    `/api/complaints/${encodeURIComponent(current.complaintNo)}/complainant`,
  );
  if (!reply.ok) {
    say(status, problemText(reply.problem), 'error');
    return;
  }
  const full = byId('complainant-full');
  full.replaceChildren(
    ...pair('姓名（完整）', reply.body.complainant.name),
    ...pair('电话（完整）', reply.body.complainant.phone),
    ...pair('答复方式', reply.body.complainant.contactPreference),
  );
  full.hidden = false;
});

await load();

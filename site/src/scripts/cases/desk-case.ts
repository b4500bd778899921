/**
 * The case page: renders the case, and one form per action the signed-in role may take. A form
 * posts to the transition route with the version shown; a 409 (someone else moved the case on)
 * reloads the case and says so. On the acceptance paths it also shows what is owed and by when
 * (容缺受理), the commitments signed, the verification clock (事后核查), and their commands.
 */
import { caseStatusLabels } from '../../../../functions/domain/cases/states.ts';
import { specialProcedureLabels } from '../../../../functions/domain/special-procedures.ts';
import { byId, clearErrors, formatDate, formatDateTime, h, light, say, showErrors } from '../common/ui.ts';
import { showVisit } from '../counter/visit.ts';
import { api, problemText } from '../desk/api.ts';
import type { DeskUser } from '../desk/auth.ts';
import { deskStatus, startDesk } from '../desk/shell.ts';
import {
  type CaseView,
  materialStateLabels,
  mediumLabels,
  onLateLabels,
  transitionLabels,
} from './case-types.ts';

type Actor = 'owner' | 'chief' | 'coClerk';

interface FieldSpec {
  name: string;
  label: string;
  kind: 'text' | 'textarea' | 'number' | 'select' | 'materials' | 'owed';
  optional?: boolean;
  value?: string;
  hint?: string;
  /** Fixed choices, or choices computed from the case and its item's guide. */
  options?: [string, string][] | ((view: CaseView) => [string, string][]);
}

interface ActionSpec {
  slug: string;
  actors: Actor[];
  fields: FieldSpec[];
  warning?: boolean;
}

const remedies =
  '如对本决定不服，可以自收到本通知书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。';
const told = (value: string): FieldSpec => ({
  name: 'told',
  label: '告知申请人的内容',
  kind: 'textarea',
  value,
});
const note = (label = '备注（选填）'): FieldSpec => ({ name: 'note', label, kind: 'text', optional: true });
const reason = (label = '理由'): FieldSpec => ({ name: 'reason', label, kind: 'textarea' });

const actions: Record<string, ActionSpec> = {
  requestCorrection: {
    slug: 'correction-notice',
    actors: ['owner'],
    fields: [told('一次性告知申请人需补正的全部材料，出具一次性告知书。')],
  },
  correct: {
    slug: 'corrections',
    actors: ['owner'],
    fields: [{ name: 'materials', label: '申请人已补交的材料', kind: 'materials' }, note()],
  },
  accept: { slug: 'acceptance', actors: ['owner'], fields: [told('材料齐全，予以受理，出具受理通知书。')] },
  settleInstantly: { slug: 'instant-settlement', actors: ['owner'], fields: [told('当场办结。')] },
  notAccept: {
    slug: 'non-acceptance',
    actors: ['owner', 'chief'],
    warning: true,
    fields: [
      reason('不予受理的理由'),
      { name: 'remedies', label: '申请人的救济途径', kind: 'textarea', value: remedies },
      { name: 'referTo', label: '应向哪个机关申请（选填）', kind: 'text', optional: true },
      told('出具不予受理通知书。'),
    ],
  },
  transfer: {
    slug: 'transfers',
    actors: ['owner', 'chief'],
    fields: [
      { name: 'step', label: '转入环节', kind: 'select', options: () => stepOptions() },
      {
        name: 'toDepartment',
        label: '接收部门',
        kind: 'select',
        options: (view) => departmentOptions(view),
      },
      {
        name: 'toWindow',
        label: '接收窗口编码（选填；转往其他部门时必填，如 sw-01）',
        kind: 'text',
        optional: true,
      },
      {
        name: 'toHandler',
        label: '指定承办人用户名（选填；不填则进入接收窗口的队列）',
        kind: 'text',
        optional: true,
      },
      reason('流转说明'),
    ],
  },
  suspend: {
    slug: 'suspensions',
    actors: ['owner', 'chief'],
    fields: [
      {
        name: 'reason',
        label: '特别程序',
        kind: 'select',
        options: Object.entries(specialProcedureLabels),
      },
      { name: 'note', label: '预计所需时间（书面告知申请人）', kind: 'text', value: '约 5 个工作日' },
      told('书面告知申请人特别程序及所需时间，所需时间不计入办理时限。'),
    ],
  },
  resume: {
    slug: 'resumption',
    actors: ['owner', 'chief'],
    fields: [
      note('特别程序结果（选填）'),
      { ...told(''), optional: true, label: '告知申请人的内容（选填）' },
    ],
  },
  extend: {
    slug: 'extension',
    actors: ['chief'],
    fields: [
      { name: 'days', label: '延长的工作日数（最多 15 日）', kind: 'number', value: '10' },
      reason('延期理由'),
      told('书面告知申请人延期理由。'),
    ],
  },
  coOpinion: {
    slug: 'co-opinions',
    actors: ['coClerk'],
    fields: [{ name: 'opinion', label: '联办意见', kind: 'textarea' }],
  },
  approve: { slug: 'approval', actors: ['owner', 'chief'], fields: [told('准予许可。'), note()] },
  refuse: {
    slug: 'refusal',
    actors: ['chief'],
    warning: true,
    fields: [
      reason('不予许可的理由'),
      { name: 'remedies', label: '申请人的救济途径', kind: 'textarea', value: remedies },
      told('出具不予许可决定书。'),
    ],
  },
  deliver: {
    slug: 'delivery',
    actors: ['owner'],
    fields: [
      {
        name: 'method',
        label: '出件方式',
        kind: 'select',
        options: [
          ['window', '窗口领取'],
          ['post', '邮寄送达'],
          ['electronic', '电子送达'],
        ],
      },
      note(),
    ],
  },
  close: { slug: 'closure', actors: ['owner', 'chief'], fields: [note()] },
  withdraw: {
    slug: 'withdrawal',
    actors: ['owner', 'chief'],
    warning: true,
    fields: [reason('撤回说明'), told('已退还申请材料。')],
  },
  return: {
    slug: 'return',
    actors: ['owner'],
    warning: true,
    fields: [reason('退件理由'), told('已退还申请材料。')],
  },
  flagPriority: { slug: 'priority', actors: ['owner', 'chief'], fields: [reason('绿色通道理由')] },
  supplyOwed: {
    slug: 'owed-materials',
    actors: ['owner'],
    fields: [{ name: 'materials', label: '申请人已补齐的容缺材料', kind: 'owed' }, note()],
  },
  applyOwedLateness: {
    slug: 'owed-lateness',
    actors: ['owner', 'chief'],
    warning: true,
    fields: [told('容缺材料逾期未补齐，按事项规则处理，书面告知申请人。')],
  },
  recordVerification: {
    slug: 'verification',
    actors: ['owner', 'chief'],
    fields: [
      {
        name: 'result',
        label: '核查结果',
        kind: 'select',
        options: [
          ['confirmed', '承诺属实'],
          ['false', '承诺不实（撤销决定）'],
        ],
      },
      { name: 'evidence', label: '核查依据与情况', kind: 'textarea' },
      told('承诺不实的：出具撤销决定书，收回许可证件。'),
      { name: 'remedies', label: '撤销时申请人的救济途径', kind: 'textarea', value: remedies },
    ],
  },
};

/** Commands of the acceptance paths that apply only when the case is on them. */
const applies: Record<string, (view: CaseView) => boolean> = {
  supplyOwed: (view) => (view.owed?.materials.length ?? 0) > 0,
  applyOwedLateness: (view) =>
    (view.owed?.materials.length ?? 0) > 0 &&
    view.clocks.some(
      (clock) => clock.name === 'owedMaterials' && clock.state === 'running' && clock.level === 'red',
    ),
  recordVerification: (view) =>
    view.clocks.some((clock) => clock.name === 'verification' && clock.state !== 'stopped'),
};

/** The item's guide (open data of the catalogue): its procedure steps and departments. */
interface ItemGuide {
  procedure: { name: string }[];
  department: string;
  coDepartments?: string[];
}

let guide: ItemGuide | undefined;
let departmentNames: Record<string, string> = {};

async function loadGuide(code: string): Promise<void> {
  if (guide) return;
  try {
    const [item, departments] = await Promise.all([
      fetch(`/data/services/${encodeURIComponent(code)}.json`).then((r) => (r.ok ? r.json() : undefined)),
      fetch('/data/departments.json').then((r) => (r.ok ? r.json() : [])),
    ]);
    guide = item as ItemGuide | undefined;
    departmentNames = Object.fromEntries(
      (departments as { id: string; name: string }[]).map((department) => [department.id, department.name]),
    );
  } catch {
    // Without the guide the step is typed, and the departments are shown by code.
  }
}

function stepOptions(): [string, string][] {
  return (guide?.procedure ?? [{ name: '审查' }]).map((step) => [step.name, step.name]);
}

function departmentOptions(view: CaseView): [string, string][] {
  const ids = [view.department, ...(guide ? [guide.department, ...(guide.coDepartments ?? [])] : [])];
  return [...new Set(ids)].map((id) => [
    id,
    `${departmentNames[id] ?? id}${id === view.department ? '（本部门）' : ''}`,
  ]);
}

const user = await startDesk();
const status = deskStatus();
const params = new URLSearchParams(location.search);
const caseNo = params.get('no') ?? '';
let current: CaseView | undefined;
let visitShown = false;

function actorsOf(view: CaseView, who: DeskUser): Set<Actor> {
  const result = new Set<Actor>();
  if (who.roles.includes('clerk') && (view.handler === who.username || who.window === view.window))
    result.add('owner');
  if (who.roles.includes('chief') && who.department === view.department) result.add('chief');
  if (who.roles.includes('clerk') && view.coWindows.some((co) => co.department === who.department))
    result.add('coClerk');
  return result;
}

function row(term: string, value: Node | string): HTMLElement[] {
  return [h('dt', { text: term }), h('dd', {}, value)];
}

function renderSummary(view: CaseView): void {
  byId('case-title').textContent = `办件 ${view.caseNo}`;
  document.title = `办件 ${view.caseNo} - 窗口工作台`;
  const applicant = view.applicant.organisation
    ? `${view.applicant.organisation.name}（经办人 ${view.applicant.name}）`
    : view.applicant.name;
  const extension = view.clocks.find((clock) => clock.extension)?.extension;
  byId('case-summary').replaceChildren(
    ...row('受理编号', view.caseNo),
    ...row('事项', `${view.item.name}（${view.item.code}）`),
    ...row('状态', view.statusLabel),
    ...row('时限灯', light(view.warningLevel)),
    ...row('期限', formatDate(view.dueAt)),
    ...row('申请人', `${applicant}，身份证 ${view.applicant.idNumber}，电话 ${view.applicant.phone}`),
    ...row('窗口 / 承办人', `${view.window} / ${view.handler ?? '—'}`),
    ...row('收件时间', formatDateTime(view.receivedAt)),
    ...row('受理时间', formatDateTime(view.acceptedAt)),
    ...(extension
      ? row('延期', `${extension.days} 个工作日（${extension.approver} 批准：${extension.reason}）`)
      : []),
    ...(view.priority.flagged ? row('绿色通道', view.priority.reason ?? '是') : []),
    ...pathRows(view),
  );
}

/** 容缺受理 and 告知承诺制: the commitments signed, what is owed by when, the verification. */
function pathRows(view: CaseView): HTMLElement[] {
  const rows: HTMLElement[] = [];
  const deferred = view.commitments?.deferredAcceptance;
  const decision = view.commitments?.commitmentDecision;
  if (deferred)
    rows.push(
      ...row(
        '容缺受理承诺',
        `${deferred.signedBy} 已签署（${formatDateTime(deferred.signedAt)}，${deferred.recordedBy} 收取）`,
      ),
    );
  if (decision)
    rows.push(
      ...row(
        '告知承诺',
        `${decision.signedBy} 已签署（${formatDateTime(decision.signedAt)}，${decision.recordedBy} 收取）`,
      ),
    );
  if (view.owed) {
    const owed = view.materials.filter((material) => view.owed?.materials.includes(material.id));
    rows.push(
      ...row(
        '容缺材料',
        owed.length > 0
          ? h(
              'ul',
              { id: 'case-owed' },
              ...owed.map((material) =>
                h('li', {
                  text: `${material.name}（${material.medium ? mediumLabels[material.medium] : '按指南要求'}）`,
                }),
              ),
            )
          : `已补齐（${formatDateTime(view.owed.suppliedAt)}）`,
      ),
      ...row('补齐期限', h('span', { id: 'case-owed-due', text: formatDate(view.owed.dueAt) })),
      ...row('逾期后果', onLateLabels[view.owed.onLate] ?? view.owed.onLate),
    );
  }
  if (view.verification) {
    rows.push(
      ...row(
        '事后核查',
        `${view.verification.result === 'confirmed' ? '承诺属实' : '承诺不实'}：${view.verification.evidence}（${view.verification.by}，${formatDateTime(view.verification.at)}）`,
      ),
    );
  }
  if (view.revocation)
    rows.push(
      ...row('撤销', `${view.revocation.reason}；${view.revocation.barredUntil} 前不适用承诺类受理方式`),
    );
  if (view.terminated) rows.push(...row('终止办理', view.terminated.reason));
  return rows;
}

function renderClocks(view: CaseView): void {
  const stateLabels = { running: '计时中', suspended: '暂停计时', stopped: '已停止' };
  byId('case-clocks').replaceChildren(
    ...view.clocks.map((clock) =>
      h(
        'tr',
        {},
        h('th', { scope: 'row', text: `${clock.label}（${clock.budget} 个工作日）` }),
        h('td', { text: stateLabels[clock.state] }),
        h('td', {}, light(clock.level)),
        h('td', { class: 'num', text: String(clock.usedWorkdays) }),
        h('td', { class: 'num', text: clock.state === 'stopped' ? '—' : String(clock.leftWorkdays) }),
        h(
          'td',
          {},
          formatDate(clock.dueAt),
          clock.provisional ? h('span', { class: 'tag--provisional', text: '暂定' }) : null,
        ),
      ),
    ),
  );
}

function renderMaterials(view: CaseView): void {
  byId('case-materials').replaceChildren(
    ...view.materials.map((material) =>
      h(
        'li',
        {},
        `${material.name}：`,
        h('strong', { text: materialStateLabels[material.state] ?? material.state }),
        material.note ? `（${material.note}）` : '',
      ),
    ),
  );
}

function renderNotices(view: CaseView): void {
  const link = (kind: string, label: string) =>
    h(
      'li',
      {},
      h('a', { href: `/desk/notice/?kind=${kind}&no=${encodeURIComponent(view.caseNo)}`, text: label }),
    );
  const items = [
    view.correctionNotices.length > 0 ? link('correction', '一次性告知书') : null,
    view.acceptedAt ? link('receipt', '受理通知书') : null,
    view.notAccepted ? link('refusal', '不予受理通知书') : null,
    view.owed ? link('deferred', '容缺受理通知书') : null,
    view.terminated ? link('termination', '终止办理通知书') : null,
    view.revocation ? link('revocation', '撤销决定书') : null,
    view.delivery
      ? h(
          'li',
          {},
          h('a', {
            href: `/desk/receipt/?caseNo=${encodeURIComponent(view.caseNo)}`,
            // A part of a 一件事 is rated with its bundle, once (the general window's bundle page).
            text: view.bundleNo ? '出件回执' : '出件回执（含评价二维码）',
          }),
        )
      : null,
  ].filter((item): item is HTMLLIElement => item !== null);
  byId('case-notices').replaceChildren(
    ...(items.length > 0 ? items : [h('li', { text: '暂无可打印的文书。' })]),
  );
}

function renderTimeline(view: CaseView): void {
  byId('case-timeline').replaceChildren(
    ...view.history.map((entry) =>
      h(
        'li',
        {},
        h('time', { datetime: entry.at, text: formatDateTime(entry.at) }),
        h('strong', { text: transitionLabels[entry.transition] ?? entry.transition }),
        ` → ${caseStatusLabels[entry.to as keyof typeof caseStatusLabels] ?? entry.to}`,
        `（${entry.by.username}${entry.by.actingFor ? `，代 ${entry.by.actingFor}` : ''}）`,
        entry.reason ? h('div', { text: `理由：${entry.reason}` }) : null,
        entry.told ? h('div', { text: `告知：${entry.told}` }) : null,
      ),
    ),
  );
}

function fieldControl(type: string, field: FieldSpec, view: CaseView): HTMLElement {
  const id = `a-${type}-${field.name}`;
  if (field.kind === 'materials') {
    const outstanding = view.materials.filter((m) => m.state === 'missing' || m.state === 'defective');
    return h(
      'fieldset',
      { class: 'field', id, tabindex: '-1' },
      h('legend', { text: field.label }),
      ...outstanding.map((material) =>
        h(
          'label',
          { class: 'choice' },
          h('input', { type: 'checkbox', name: 'materials', value: material.id, checked: true }),
          `${material.name}（原为${materialStateLabels[material.state]}）`,
        ),
      ),
    );
  }
  if (field.kind === 'owed') {
    const owed = view.materials.filter((m) => m.state === 'owed');
    return h(
      'fieldset',
      { class: 'field', id, tabindex: '-1' },
      h('legend', { text: field.label }),
      ...owed.map((material) =>
        h(
          'label',
          { class: 'choice' },
          h('input', { type: 'checkbox', name: 'materials', value: material.id, checked: true }),
          material.name,
        ),
      ),
    );
  }
  const label = h('label', { for: id, text: field.label });
  let control: HTMLElement;
  if (field.kind === 'textarea') {
    control = h('textarea', { id, name: field.name });
    (control as HTMLTextAreaElement).value = field.value ?? '';
  } else if (field.kind === 'select') {
    control = h(
      'select',
      { id, name: field.name },
      ...(typeof field.options === 'function' ? field.options(view) : (field.options ?? [])).map(
        ([value, text]) => h('option', { value, text }),
      ),
    );
  } else {
    control = h('input', {
      type: field.kind === 'number' ? 'number' : 'text',
      id,
      name: field.name,
      value: field.value ?? '',
      ...(field.kind === 'number' ? { min: '1', max: '15', inputmode: 'numeric' } : {}),
    });
  }
  return h('div', { class: 'field' }, label, control);
}

function bodyOf(type: string, form: HTMLFormElement, view: CaseView): Record<string, unknown> {
  const data = new FormData(form);
  const body: Record<string, unknown> = { version: view.version };
  for (const field of actions[type]?.fields ?? []) {
    if (field.kind === 'materials') {
      body.materials = data.getAll('materials').map((id) => ({ id: String(id), state: 'submitted' }));
      continue;
    }
    if (field.kind === 'owed') {
      body.materials = data.getAll('materials').map((id) => ({ id: String(id) }));
      continue;
    }
    const value = String(data.get(field.name) ?? '').trim();
    if (field.optional && value === '') continue;
    body[field.name] = field.kind === 'number' ? Number(value) : value;
  }
  if (type === 'transfer') {
    // The target travels as `to`: another department or window, and the clerk named, if any.
    const { toDepartment, toWindow, toHandler, ...rest } = body;
    const to: Record<string, unknown> = {};
    if (toDepartment && toDepartment !== view.department) to.department = toDepartment;
    if (toWindow) to.window = toWindow;
    if (toHandler) to.handler = toHandler;
    return Object.keys(to).length > 0 ? { ...rest, to } : rest;
  }
  return body;
}

function renderActions(view: CaseView): void {
  const mine = actorsOf(view, user);
  const container = byId('case-actions');
  const allowed = view.availableTransitions.filter(
    (type) => actions[type]?.actors.some((actor) => mine.has(actor)) && (applies[type]?.(view) ?? true),
  );
  if (allowed.length === 0) {
    container.replaceChildren(h('p', { text: '当前登录的角色在此状态下没有可办理的操作。' }));
    return;
  }
  container.replaceChildren(
    ...allowed.map((type) => {
      const spec = actions[type] as ActionSpec;
      const label = transitionLabels[type] ?? type;
      const form = h(
        'form',
        { id: `action-${type}`, novalidate: true, 'data-transition': type },
        ...spec.fields.map((field) => fieldControl(type, field, view)),
        h('button', { type: 'submit', class: spec.warning ? 'button--warning' : undefined, text: label }),
      );
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        void submit(type, form);
      });
      return h('details', {}, h('summary', { text: label }), form);
    }),
  );
}

function render(view: CaseView): void {
  current = view;
  renderSummary(view);
  renderClocks(view);
  renderMaterials(view);
  renderNotices(view);
  renderActions(view);
  renderTimeline(view);
  byId('case-view').hidden = false;
  // The visit the case was taken in at (its ticket): read once, beside the case.
  if (view.ticket && !visitShown) {
    visitShown = true;
    byId('case-visit-section').hidden = false;
    void showVisit(byId('case-visit'), view.ticket, view.caseNo);
  }
}

async function load(): Promise<boolean> {
  const reply = await api<CaseView>('GET', `/api/cases/${encodeURIComponent(caseNo)}`);
  if (!reply.ok) {
    say(status, problemText(reply.problem), 'error');
    return false;
  }
  await loadGuide(reply.body.item.code);
  render(reply.body);
  return true;
}

async function submit(type: string, form: HTMLFormElement): Promise<void> {
  if (!current) return;
  clearErrors(form);
  const spec = actions[type] as ActionSpec;
  const label = transitionLabels[type] ?? type;
  const firstField = `a-${type}-${spec.fields[0]?.name ?? ''}`;
  const reply = await api<CaseView>(
    'POST',
    `/api/cases/${encodeURIComponent(current.caseNo)}/${spec.slug}`,
    bodyOf(type, form, current),
  );
  if (reply.ok) {
    render(reply.body);
    say(status, `已办理：${label}。当前状态：${reply.body.statusLabel}。`, 'success');
    status.setAttribute('tabindex', '-1');
    status.focus();
    return;
  }
  const problem = reply.problem;
  if (problem.status === 409) {
    await load();
    say(
      status,
      `办件已被他人修改或状态已变化（当前为第 ${problem.currentVersion ?? '?'} 版），已重新载入最新内容，请核对后再办理。`,
      'error',
    );
    status.setAttribute('tabindex', '-1');
    status.focus();
    return;
  }
  const errors =
    problem.errors && problem.errors.length > 0
      ? problem.errors.map((error) => {
          const [head = '', next = ''] = error.field.replace(/^body\.?/, '').split(/[.[]/);
          // `to.window` is the form's `toWindow`.
          const name = head === 'to' && next ? `to${next[0]?.toUpperCase()}${next.slice(1)}` : head;
          const id = document.getElementById(`a-${type}-${name}`) ? `a-${type}-${name}` : firstField;
          return { id, message: error.message };
        })
      : [{ id: firstField, message: problemText(problem) }];
  showErrors(form, errors, `未能办理“${label}”`);
}

if (!caseNo) say(status, '缺少受理编号。请从待办队列打开办件。', 'error');
else if (await load()) {
  if (params.get('new') === '1') {
    say(status, `已收件，受理编号 ${caseNo}。查询码已暂存在本标签页，受理后可打印受理通知书。`, 'success');
    // Right after intake the next step is plain: the correction notice if anything is missing or
    // defective, otherwise acceptance. Open that panel.
    const incomplete = current?.materials.some((m) => m.state === 'missing' || m.state === 'defective');
    const next = document.getElementById(incomplete ? 'action-requestCorrection' : 'action-accept');
    next?.closest('details')?.setAttribute('open', '');
  }
}

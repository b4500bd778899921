/**
 * The intake form: builds the material checklist of the chosen item, posts the case with an
 * Idempotency-Key (kept across retries of the same form), shows the server's field errors as an
 * error summary, and on success keeps the query code for the receipt and opens the case page.
 */

import { isCivilDate } from '../../../../functions/domain/calendar/civil.ts';
import { ticketNumberPattern } from '../../../../functions/domain/counter/tickets.ts';
import { byId, clearErrors, type FieldError, h, say, showErrors } from '../common/ui.ts';
import { api } from '../desk/api.ts';
import { applicantBody, applicantErrors, formText, materialStates } from '../desk/applicant-fields.ts';
import { deskStatus, startDesk } from '../desk/shell.ts';

interface CatalogueMaterial {
  id: string;
  name: string;
  required: boolean;
  condition?: string;
  /** 容缺受理: may be owed at acceptance. */
  mayBeOwed?: boolean;
  /** 告知承诺制: a commitment may replace it. */
  provableByCommitment?: boolean;
}
type Catalogue = Record<
  string,
  {
    name: string;
    class: string;
    applicantScope: string;
    materials: CatalogueMaterial[];
    deferredAcceptance?: { commitment: string; maxOwedWorkdays: number };
    commitmentDecision?: {
      scope: 'item' | 'proofs';
      requirement: string;
      commitment: string;
      liability: string;
    };
  }
>;

await startDesk();
const status = deskStatus();
const catalogue = JSON.parse(byId('catalogue-data').textContent ?? '{}') as Catalogue;
const form = byId<HTMLFormElement>('intake-form');
const itemSelect = byId<HTMLSelectElement>('f-itemCode');
const list = byId('materials-list');
const orgFields = byId('organisation-fields');

const stateLabels: [string, string][] = [
  ['submitted', '已提交'],
  ['missing', '缺少'],
  ['defective', '不符合要求'],
  ['notApplicable', '不适用'],
];

function renderCommitments(): void {
  const item = catalogue[itemSelect.value];
  const deferred = item?.deferredAcceptance;
  const decision = item?.commitmentDecision;
  byId('f-commitments').hidden = !deferred && !decision;
  byId('f-commitments-deferredAcceptance').hidden = !deferred;
  byId('f-commitments-commitmentDecision').hidden = !decision;
  byId('deferred-commitment-text').textContent = deferred
    ? `容缺受理承诺书（补齐期限：受理之日起 ${deferred.maxOwedWorkdays} 个工作日）：${deferred.commitment}`
    : '';
  byId('decision-commitment-text').textContent = decision
    ? `告知承诺书（${decision.scope === 'item' ? '整个事项以承诺办理' : '以承诺代替所列证明'}；须证明的事项：${decision.requirement}）：${decision.commitment}`
    : '';
  byId('decision-liability-text').textContent = decision ? `承诺不实的责任：${decision.liability}` : '';
  for (const box of form.querySelectorAll<HTMLInputElement>('#f-commitments input[type="checkbox"]'))
    box.checked = false;
}

function renderMaterials(): void {
  const item = catalogue[itemSelect.value];
  list.replaceChildren();
  if (!item) return;
  item.materials.forEach((material, index) => {
    const id = `f-materials-${index}`;
    const states: [string, string][] = [
      ...(material.required ? stateLabels.filter(([state]) => state !== 'notApplicable') : stateLabels),
      ...(material.mayBeOwed ? ([['owed', '容缺后补']] as [string, string][]) : []),
      ...(material.provableByCommitment ? ([['committed', '以承诺代替']] as [string, string][]) : []),
    ];
    const fallback = material.required ? 'submitted' : 'notApplicable';
    list.append(
      h(
        'fieldset',
        { class: 'material field', id, tabindex: '-1' },
        h(
          'legend',
          { class: 'material__name' },
          `${index + 1}. ${material.name}`,
          material.required ? '' : `（有条件：${material.condition ?? '视情况'}）`,
        ),
        h(
          'div',
          { class: 'choices' },
          ...states.map(([state, label]) =>
            h(
              'label',
              { class: 'choice' },
              h('input', {
                type: 'radio',
                name: `material-${material.id}`,
                value: state,
                checked: state === fallback,
                'data-material': material.id,
              }),
              label,
            ),
          ),
        ),
        h(
          'div',
          { class: 'field' },
          h('label', { for: `${id}-note`, text: `说明（选填）：${material.name}` }),
          h('input', { type: 'text', id: `${id}-note`, name: `note-${material.id}` }),
        ),
      ),
    );
  });
}

function syncKind(): void {
  const kind = new FormData(form).get('kind');
  orgFields.hidden = kind !== 'organisation';
}

itemSelect.addEventListener('change', () => {
  renderMaterials();
  renderCommitments();
});
for (const radio of form.querySelectorAll<HTMLInputElement>('input[name="kind"]'))
  radio.addEventListener('change', syncKind);
renderMaterials();
renderCommitments();
syncKind();

/** `body.applicant.idNumber` → `f-applicant-idNumber`; `body.materials[2].state` → `f-materials-2`. */
function fieldId(path: string): string {
  const parts = path
    .replace(/^body\.?/, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean);
  for (let length = parts.length; length > 0; length -= 1) {
    const id = `f-${parts.slice(0, length).join('-')}`;
    if (document.getElementById(id)) return id;
  }
  return 'f-itemCode';
}

/** Intake started from a called ticket (/desk/counter/ → 受理办件): `?ticket=A005&date=2026-12-04`. */
const ticketParams = new URLSearchParams(location.search);
const ticketRef =
  ticketNumberPattern.test(ticketParams.get('ticket') ?? '') && isCivilDate(ticketParams.get('date'))
    ? { ticketNo: ticketParams.get('ticket') as string, date: ticketParams.get('date') as string }
    : undefined;
if (ticketRef) {
  byId('intake-ticket').hidden = false;
  byId('intake-ticket-no').textContent = `${ticketRef.ticketNo} 号（${ticketRef.date}）`;
}

let idempotencyKey = crypto.randomUUID();
let lastBody = '';

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void submit();
});

async function submit(): Promise<void> {
  clearErrors(form);
  const text = formText(form);
  const item = catalogue[text('itemCode')];
  const errors: FieldError[] = [];
  if (!item) errors.push({ id: 'f-itemCode', message: '请选择办理事项' });
  errors.push(...applicantErrors(text));
  if (errors.length > 0 || !item) {
    showErrors(form, errors);
    return;
  }
  const materials = materialStates(
    text,
    item.materials.map((material) => material.id),
  );
  const body = {
    itemCode: text('itemCode'),
    applicant: applicantBody(text),
    materials,
    ...(text('priorityReason') ? { priority: { reason: text('priorityReason') } } : {}),
    ...(text('told') ? { told: text('told') } : {}),
    ...(ticketRef && text('linkTicket') ? { ticket: ticketRef } : {}),
    ...(text('signedDeferred') || text('signedDecision')
      ? {
          commitments: {
            ...(text('signedDeferred') ? { deferredAcceptance: { signed: true } } : {}),
            ...(text('signedDecision') ? { commitmentDecision: { signed: true } } : {}),
          },
        }
      : {}),
  };
  // The same form sent again (a retry) keeps its key; a changed form is a new request.
  const serialized = JSON.stringify(body);
  if (serialized !== lastBody) {
    idempotencyKey = crypto.randomUUID();
    lastBody = serialized;
  }
  const button = byId<HTMLButtonElement>('intake-submit');
  button.disabled = true;
  say(status, '正在提交……');
  try {
    const reply = await api<{ caseNo: string; queryCode: string }>('POST', '/api/cases', body, {
      'idempotency-key': idempotencyKey,
    });
    if (reply.ok) {
      sessionStorage.setItem(`yc-desk:query-code:${reply.body.caseNo}`, reply.body.queryCode);
      location.assign(`/desk/case/?no=${encodeURIComponent(reply.body.caseNo)}&new=1`);
      return;
    }
    say(status, '');
    const problem = reply.problem;
    if (problem.errors && problem.errors.length > 0) {
      showErrors(
        form,
        problem.errors.map((error) => ({ id: fieldId(error.field), message: error.message })),
      );
    } else {
      showErrors(form, [
        { id: 'f-itemCode', message: problem.detail ?? problem.title ?? `提交失败（${problem.status}）` },
      ]);
    }
  } finally {
    button.disabled = false;
  }
}

/**
 * The 一件事 intake form: builds the chosen bundle's merged material list, posts the bundle with an
 * Idempotency-Key (kept across retries of the same form), shows the server's field errors as an
 * error summary linked to the fields, and on success keeps the query code for the bundle receipt
 * and opens the bundle page.
 */
import { byId, clearErrors, type FieldError, h, say, showErrors } from '../common/ui.ts';
import { api } from '../desk/api.ts';
import { applicantBody, applicantErrors, formText, materialStates } from '../desk/applicant-fields.ts';
import { deskStatus, startDesk } from '../desk/shell.ts';

interface Line {
  id: string;
  name: string;
  required: boolean;
  condition?: string;
  parts: string[];
}
type Bundles = Record<string, { name: string; departments: string[]; items: string[]; materials: Line[] }>;

await startDesk();
const status = deskStatus();
const bundles = JSON.parse(byId('bundle-data').textContent ?? '{}') as Bundles;
const form = byId<HTMLFormElement>('bundle-intake-form');
const bundleSelect = byId<HTMLSelectElement>('f-bundleCode');
const list = byId('materials-list');
const orgFields = byId('organisation-fields');

const stateLabels: [string, string][] = [
  ['submitted', '已提交'],
  ['missing', '缺少'],
  ['defective', '不符合要求'],
  ['notApplicable', '不适用'],
];

function renderLines(): void {
  const bundle = bundles[bundleSelect.value];
  list.replaceChildren();
  byId('bundle-parts').textContent = bundle
    ? `包含 ${bundle.items.length} 个事项：${bundle.items.join('、')}；承办部门：${bundle.departments.join('、')}。`
    : '';
  if (!bundle) return;
  bundle.materials.forEach((line, index) => {
    const id = `f-materials-${line.id}`;
    const states = line.required ? stateLabels.filter(([state]) => state !== 'notApplicable') : stateLabels;
    const fallback = line.required ? 'submitted' : 'notApplicable';
    list.append(
      h(
        'fieldset',
        { class: 'material field', id, tabindex: '-1' },
        h(
          'legend',
          { class: 'material__name' },
          `${index + 1}. ${line.name}`,
          line.required ? '' : `（有条件：${line.condition ?? '视情况'}）`,
          line.parts.length > 1 ? `（${line.parts.length} 个事项共用：${line.parts.join('、')}）` : '',
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
                name: `material-${line.id}`,
                value: state,
                checked: state === fallback,
              }),
              label,
            ),
          ),
        ),
        h(
          'div',
          { class: 'field' },
          h('label', { for: `${id}-note`, text: `说明（选填）：${line.name}` }),
          h('input', { type: 'text', id: `${id}-note`, name: `note-${line.id}` }),
        ),
      ),
    );
  });
}

function syncKind(): void {
  orgFields.hidden = new FormData(form).get('kind') !== 'organisation';
}

bundleSelect.addEventListener('change', renderLines);
for (const radio of form.querySelectorAll<HTMLInputElement>('input[name="kind"]'))
  radio.addEventListener('change', syncKind);
renderLines();
syncKind();

/**
 * `body.applicant.idNumber` → `f-applicant-idNumber`; `body.materials.b3` → `f-materials-b3`;
 * `body.materials.2.id` → the line of the third entry sent.
 */
function fieldId(path: string, sent: { id: string }[]): string {
  const parts = path
    .replace(/^body\.?/, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean);
  if (parts[0] === 'materials' && /^\d+$/.test(parts[1] ?? '')) {
    const line = sent[Number(parts[1])];
    if (line && document.getElementById(`f-materials-${line.id}`)) return `f-materials-${line.id}`;
  }
  for (let length = parts.length; length > 0; length -= 1) {
    const id = `f-${parts.slice(0, length).join('-')}`;
    if (document.getElementById(id)) return id;
  }
  return 'f-bundleCode';
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
  const code = text('bundleCode');
  const bundle = bundles[code];
  const errors: FieldError[] = [];
  if (!bundle) errors.push({ id: 'f-bundleCode', message: '请选择一件事' });
  errors.push(...applicantErrors(text));
  if (errors.length > 0 || !bundle) {
    showErrors(form, errors);
    return;
  }
  const materials = materialStates(
    text,
    bundle.materials.map((line) => line.id),
  );
  const body = {
    applicant: applicantBody(text),
    materials,
    ...(text('told') ? { told: text('told') } : {}),
  };
  // The same form sent again (a retry) keeps its key; a changed form is a new request.
  const serialized = JSON.stringify([code, body]);
  if (serialized !== lastBody) {
    idempotencyKey = crypto.randomUUID();
    lastBody = serialized;
  }
  const button = byId<HTMLButtonElement>('bundle-intake-submit');
  button.disabled = true;
  say(status, '正在提交……');
  try {
    const reply = await api<{ bundleNo: string; queryCode: string }>(
      'POST',
      `/api/bundles/${encodeURIComponent(code)}/intake`,
      body,
      { 'idempotency-key': idempotencyKey },
    );
    if (reply.ok) {
      sessionStorage.setItem(`yc-desk:query-code:${reply.body.bundleNo}`, reply.body.queryCode);
      location.assign(`/desk/bundles/?no=${encodeURIComponent(reply.body.bundleNo)}&new=1`);
      return;
    }
    say(status, '');
    const problem = reply.problem;
    if (problem.errors && problem.errors.length > 0) {
      showErrors(
        form,
        problem.errors.map((error) => ({ id: fieldId(error.field, materials), message: error.message })),
      );
    } else {
      showErrors(form, [
        { id: 'f-bundleCode', message: problem.detail ?? problem.title ?? `提交失败（${problem.status}）` },
      ]);
    }
  } finally {
    button.disabled = false;
  }
}

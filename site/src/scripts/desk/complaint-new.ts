/** Registering a complaint at the desk: posts to /api/complaints, shows number and query code once. */
import { api, problemText } from './api.ts';
import { deskStatus, startDesk } from './shell.ts';
import { byId, clearErrors, say, showErrors } from './ui.ts';

await startDesk();
const status = deskStatus();
const form = byId<HTMLFormElement>('desk-complaint-form');
const identity = byId('d-identity');
const value = (id: string) =>
  byId<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(id).value.trim();
const checked = (name: string) =>
  form.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value ?? '';

function showIdentity(): void {
  identity.hidden = checked('realName') !== 'yes';
}
for (const radio of form.querySelectorAll<HTMLInputElement>('input[name="realName"]')) {
  radio.addEventListener('change', showIdentity);
}
showIdentity();

const fieldIds: Record<string, string> = {
  'body.category': 'd-category',
  'body.facts': 'd-facts',
  'body.hotlineRef': 'd-hotlineRef',
  'body.complainant.name': 'd-name',
  'body.complainant.phone': 'd-phone',
  'body.respondent.department': 'd-target',
  'body.respondent.window': 'd-target',
  'body.respondent.clerk': 'd-clerk',
  'body.respondent.caseNo': 'd-caseNo',
  'body.told': 'd-told',
};

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearErrors(form);
  const realName = checked('realName') === 'yes';
  const [kind, department, window] = value('d-target').split(':');
  const phone = value('d-phone');
  const body = {
    channel: value('d-channel'),
    category: value('d-category'),
    facts: value('d-facts'),
    ...(value('d-hotlineRef') ? { hotlineRef: value('d-hotlineRef') } : {}),
    ...(value('d-told') ? { told: value('d-told') } : {}),
    complainant: realName
      ? { realName: true, name: value('d-name'), ...(phone ? { phone } : {}) }
      : { realName: false },
    respondent: {
      ...(kind && department ? { department } : {}),
      ...(kind === 'window' && window ? { window } : {}),
      ...(value('d-clerk') ? { clerk: value('d-clerk') } : {}),
      ...(value('d-caseNo') ? { caseNo: value('d-caseNo').toUpperCase() } : {}),
    },
  };
  say(status, '正在登记……');
  const reply = await api<{ complaintNo: string; queryCode: string }>('POST', '/api/complaints', body);
  say(status, '');
  if (reply.ok) {
    form.hidden = true;
    byId('desk-receipt-no').textContent = reply.body.complaintNo;
    byId('desk-receipt-code').textContent = reply.body.queryCode;
    byId<HTMLAnchorElement>('desk-receipt-link').href =
      `/desk/complaints/item/?no=${encodeURIComponent(reply.body.complaintNo)}`;
    byId('desk-receipt').hidden = false;
    byId('desk-receipt-heading').focus();
    return;
  }
  const errors = reply.problem.errors ?? [];
  showErrors(
    form,
    errors.length > 0
      ? errors.map((error) => ({ id: fieldIds[error.field] ?? 'd-facts', message: error.message }))
      : [{ id: 'd-facts', message: problemText(reply.problem) }],
    '请检查填写的内容',
  );
});

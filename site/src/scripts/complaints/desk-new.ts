/** Registering a complaint at the desk: posts to /api/complaints, shows number and query code once. */

import { byId, clearErrors, say, showErrors } from '../common/ui.ts';
import { api, problemText } from '../desk/api.ts';
import { deskStatus, startDesk } from '../desk/shell.ts';
import { complaintFields } from './fields.ts';

await startDesk();
const status = deskStatus();
const form = byId<HTMLFormElement>('desk-complaint-form');
const { value, realName: isRealName, respondent, inputOf } = complaintFields(form, 'd');

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearErrors(form);
  const realName = isRealName();
  const phone = value('phone');
  const body = {
    channel: value('channel'),
    category: value('category'),
    facts: value('facts'),
    ...(value('hotlineRef') ? { hotlineRef: value('hotlineRef') } : {}),
    ...(value('told') ? { told: value('told') } : {}),
    complainant: realName
      ? { realName: true, name: value('name'), ...(phone ? { phone } : {}) }
      : { realName: false },
    respondent: respondent(),
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
      ? errors.map((error) => ({ id: inputOf(error.field), message: error.message }))
      : [{ id: 'd-facts', message: problemText(reply.problem) }],
    '请检查填写的内容',
  );
});

/** The public complaint form: checks what it can, posts to /api/public/complaints, shows the receipt once. */
import { byId, clearErrors, type FieldError, formatDateTime, say, showErrors } from '../common/ui.ts';
import { complaintFields } from './fields.ts';

const form = byId<HTMLFormElement>('complaint-form');
const status = byId('complaint-status');
const { value, checked, realName: isRealName, respondent, inputOf } = complaintFields(form, 'c');

function localErrors(realName: boolean): FieldError[] {
  const errors: FieldError[] = [];
  const markup = /[<>]/;
  if (!value('category')) errors.push({ id: 'c-category', message: '请选择投诉类别' });
  if (!value('facts')) errors.push({ id: 'c-facts', message: '请填写投诉事实' });
  else if (markup.test(value('facts')))
    errors.push({ id: 'c-facts', message: '投诉事实不能包含 < 或 > 符号' });
  if (markup.test(value('clerk')))
    errors.push({ id: 'c-clerk', message: '工作人员一栏不能包含 < 或 > 符号' });
  if (realName && !value('name')) errors.push({ id: 'c-name', message: '实名投诉请填写姓名' });
  if (realName && !/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/.test(value('phone'))) {
    errors.push({ id: 'c-phone', message: '请填写 11 位手机号或带区号的固定电话' });
  }
  return errors;
}

async function submit(): Promise<void> {
  clearErrors(form);
  const realName = isRealName();
  const errors = localErrors(realName);
  if (errors.length > 0) {
    showErrors(form, errors, '请检查填写的内容');
    return;
  }
  const body = {
    category: value('category'),
    facts: value('facts'),
    complainant: realName
      ? {
          realName: true,
          name: value('name'),
          phone: value('phone'),
          contactPreference: checked('contactPreference'),
        }
      : { realName: false },
    respondent: respondent(),
  };
  say(status, '正在提交……');
  const button = byId<HTMLButtonElement>('complaint-submit');
  button.disabled = true;
  const response = await fetch('/api/public/complaints', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  button.disabled = false;
  say(status, '');
  const reply = (await response.json().catch(() => ({}))) as {
    complaintNo?: string;
    queryCode?: string;
    acknowledgedBy?: string | null;
    detail?: string;
    errors?: { field: string; message: string }[];
  };
  if (response.status === 201 && reply.complaintNo && reply.queryCode) {
    form.hidden = true;
    byId('receipt-no').textContent = reply.complaintNo;
    byId('receipt-code').textContent = reply.queryCode;
    byId('receipt-ack').textContent = reply.acknowledgedBy
      ? `${formatDateTime(reply.acknowledgedBy)} 前`
      : '—';
    byId<HTMLAnchorElement>('receipt-link').href = `/complaints/?no=${encodeURIComponent(reply.complaintNo)}`;
    const receipt = byId('complaint-receipt');
    receipt.hidden = false;
    byId('receipt-heading').focus();
    return;
  }
  if (response.status === 400 && reply.errors) {
    showErrors(
      form,
      reply.errors.map((error) => ({ id: inputOf(error.field), message: error.message })),
      '请检查填写的内容',
    );
    return;
  }
  const message =
    response.status === 429
      ? '提交过于频繁，请稍后再试。'
      : response.status === 413
        ? '内容过长，请精简后再提交。'
        : (reply.detail ?? '提交失败，请稍后再试。');
  showErrors(form, [{ id: 'c-facts', message }], '未能提交');
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void submit();
});

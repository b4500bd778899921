/**
 * The applicant and material-state fields both intake forms share (a case at its window, a 一件事
 * bundle at the general window): the browser's own checks before sending, and the request's
 * `applicant` and `materials` as the API takes them. The server checks everything again.
 */
import type { FieldError } from '../common/ui.ts';

/** A form field's trimmed value. */
export type FieldText = (name: string) => string;

export function formText(form: HTMLFormElement): FieldText {
  const data = new FormData(form);
  return (name) => String(data.get(name) ?? '').trim();
}

/** What the browser can tell is missing in the applicant block. */
export function applicantErrors(text: FieldText): FieldError[] {
  const errors: FieldError[] = [];
  if (!text('name')) errors.push({ id: 'f-applicant-name', message: '请填写申请人姓名' });
  if (!text('idNumber')) errors.push({ id: 'f-applicant-idNumber', message: '请填写居民身份证号码' });
  if (!text('phone')) errors.push({ id: 'f-applicant-phone', message: '请填写联系电话' });
  if (text('kind') === 'organisation') {
    if (!text('orgName')) errors.push({ id: 'f-applicant-organisation-name', message: '请填写单位名称' });
    if (!text('creditCode'))
      errors.push({ id: 'f-applicant-organisation-creditCode', message: '请填写统一社会信用代码' });
  }
  return errors;
}

export function applicantBody(text: FieldText) {
  const organisation = text('kind') === 'organisation';
  return {
    kind: organisation ? 'organisation' : 'individual',
    name: text('name'),
    idNumber: text('idNumber').toUpperCase(),
    phone: text('phone'),
    ...(text('address') ? { address: text('address') } : {}),
    ...(organisation ? { organisation: { name: text('orgName'), creditCode: text('creditCode') } } : {}),
  };
}

/** The state of each material (or merged line) that applies, with its note when there is one. */
export function materialStates(text: FieldText, ids: readonly string[]) {
  return ids
    .map((id) => ({ id, state: text(`material-${id}`) || 'notApplicable', note: text(`note-${id}`) }))
    .filter((material) => material.state !== 'notApplicable')
    .map(({ note, ...rest }) => (note ? { ...rest, note } : rest));
}

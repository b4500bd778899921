/**
 * What the two complaint forms share — the public one (/complaints/new/, ids `c-…`) and the desk's
 * (/desk/complaints/new/, ids `d-…`): reading the fields, the real-name switch that shows the
 * identity fields, the respondent picked in one select (`window:dept:window` or `dept:dept`), and
 * the input a server error about a body field belongs to.
 */
import { byId } from '../common/ui.ts';

/** Server field paths → field names (the input's id without its prefix). */
const fieldNames: Record<string, string> = {
  'body.category': 'category',
  'body.facts': 'facts',
  'body.hotlineRef': 'hotlineRef',
  'body.told': 'told',
  'body.complainant.name': 'name',
  'body.complainant.phone': 'phone',
  'body.respondent.department': 'target',
  'body.respondent.window': 'target',
  'body.respondent.clerk': 'clerk',
  'body.respondent.caseNo': 'caseNo',
};

export function complaintFields(form: HTMLFormElement, prefix: 'c' | 'd') {
  const id = (name: string) => `${prefix}-${name}`;
  const value = (name: string) =>
    byId<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(id(name)).value.trim();
  const checked = (name: string) =>
    form.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value ?? '';
  const realName = () => checked('realName') === 'yes';

  const identity = byId(id('identity'));
  const showIdentity = () => {
    identity.hidden = !realName();
  };
  for (const radio of form.querySelectorAll<HTMLInputElement>('input[name="realName"]')) {
    radio.addEventListener('change', showIdentity);
  }
  showIdentity();

  return {
    id,
    value,
    checked,
    realName,
    respondent(): Record<string, string> {
      const [kind, department, window] = value('target').split(':');
      const clerk = value('clerk');
      const caseNo = value('caseNo').toUpperCase();
      return {
        ...(kind && department ? { department } : {}),
        ...(kind === 'window' && window ? { window } : {}),
        ...(clerk ? { clerk } : {}),
        ...(caseNo ? { caseNo } : {}),
      };
    },
    /** The input a server error about `field` belongs to; the facts when it names none of them. */
    inputOf: (field: string) => id(fieldNames[field] ?? 'facts'),
  };
}

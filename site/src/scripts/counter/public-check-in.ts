/**
 * 预约签到 at the kiosk (POST /api/public/appointments/check-in): the code typed or keyed in; the
 * priority ticket it gives goes to the kiosk's ticket view (public-take.ts, through the
 * `counter:ticket` event), which shows and prints it and returns to the start by itself. A code
 * checked in before shows the same ticket again. The entry closes by itself after a minute idle.
 */
import {
  normalizeQueryCode,
  queryCodeLength,
  queryCodePattern,
} from '../../../../functions/domain/cases/case-number.ts';
import { byId } from '../common/ui.ts';

const root = byId('take');
const section = byId('check-in');
const open = byId<HTMLButtonElement>('check-in-open');
const form = byId<HTMLFormElement>('check-in-form');
const input = byId<HTMLInputElement>('check-in-code');
const status = byId('take-status');
const takeForm = byId<HTMLFormElement>('take-form');
const idleMs = 60_000;
let idle: number | undefined;

function say(message: string, kind: 'info' | 'error' = 'info'): void {
  status.textContent = message;
  status.className = `take-status take-status--${kind}`;
}

function normalized(): string {
  return normalizeQueryCode(input.value);
}

function touch(): void {
  window.clearTimeout(idle);
  idle = window.setTimeout(close, idleMs);
}

function close(): void {
  window.clearTimeout(idle);
  form.hidden = true;
  form.reset();
  takeForm.hidden = false;
  open.hidden = false;
  open.setAttribute('aria-expanded', 'false');
}

open.addEventListener('click', () => {
  say('');
  takeForm.hidden = true;
  open.hidden = true;
  open.setAttribute('aria-expanded', 'true');
  form.hidden = false;
  input.focus();
  touch();
});

form.addEventListener('click', (event) => {
  const key = (event.target as HTMLElement).closest<HTMLButtonElement>('.check-in-key')?.dataset.key;
  if (!key) return;
  input.value =
    key === 'back' ? normalized().slice(0, -1) : `${normalized()}${key}`.slice(0, queryCodeLength);
  touch();
});
input.addEventListener('input', touch);
byId('check-in-back').addEventListener('click', () => {
  say('');
  close();
});

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const code = normalized();
  if (!queryCodePattern.test(code)) {
    say('请输入 8 位预约码（数字 2–9 和字母，没有 0、1、I、L、O）。', 'error');
    input.focus();
    return;
  }
  const submit = byId<HTMLButtonElement>('check-in-submit');
  submit.disabled = true;
  say('正在签到…');
  try {
    const response = await fetch('/api/public/appointments/check-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ code }),
    });
    const body = (await response.json()) as { detail?: string; title?: string };
    if (response.status === 201 || response.status === 200) {
      close();
      root.dispatchEvent(new CustomEvent('counter:ticket', { detail: body }));
      return;
    }
    say(body.detail ?? body.title ?? `签到未成功（${response.status}），请咨询大厅导服人员。`, 'error');
    touch();
  } catch {
    say('网络暂时不通，请稍后再试或咨询大厅导服人员。', 'error');
  } finally {
    submit.disabled = false;
  }
});

// Hidden while a ticket is shown, back with the start.
new MutationObserver(() => {
  section.hidden = !byId('ticket').hidden;
}).observe(byId('ticket'), { attributes: true, attributeFilter: ['hidden'] });

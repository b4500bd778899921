/**
 * Small DOM helpers shared by the desk and the progress page: element building (no innerHTML with
 * data), dates in Beijing time, the warning light, and the GOV.UK-style error summary.
 */

type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (key === 'text') element.textContent = String(value);
    else element.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children)
    if (child !== null && child !== undefined && child !== false) element.append(child);
  return element;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} missing`);
  return element as T;
}

const dateParts = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function parts(value: string): Record<string, string> {
  return Object.fromEntries(dateParts.formatToParts(new Date(value)).map((part) => [part.type, part.value]));
}

/** `2026-11-27` in Beijing time. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const p = parts(value);
  return `${p.year}-${p.month}-${p.day}`;
}

/** `2026-11-27 09:30` in Beijing time. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const p = parts(value);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** `2026年11月27日`, for printed notices. */
export function formatLongDate(value: string | null | undefined): string {
  if (!value) return '—';
  const p = parts(value);
  return `${p.year}年${Number(p.month)}月${Number(p.day)}日`;
}

/** Today's date in Beijing time, `2026-12-07`, whatever the browser's time zone. */
export function beijingToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);
}

/** The month before this one in Beijing time (`2026-11` in December 2026): the last month that has ended. */
export function previousMonth(now = new Date()): string {
  const [year, month] = beijingToday(now).split('-').map(Number) as [number, number];
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

export const levelLabels: Record<string, string> = {
  normal: '正常',
  remind: '提醒',
  yellow: '黄灯',
  red: '红灯',
};

/** The warning light: a coloured dot plus its name, so colour is never the only signal. */
export function light(level: string): HTMLElement {
  return h(
    'span',
    { class: `light light--${level}` },
    h('span', { class: 'light__dot', 'aria-hidden': 'true' }),
    levelLabels[level] ?? level,
  );
}

export interface FieldError {
  /** Element id of the input the message belongs to. */
  id: string;
  message: string;
}

/**
 * Shows the error summary (role=alert, focused) above the form, each message a link to its
 * field, and marks each field and its label with the message.
 */
export function showErrors(form: HTMLFormElement, errors: FieldError[], title = '提交的信息有问题'): void {
  clearErrors(form);
  if (errors.length === 0) return;
  const list = h('ul', { class: 'error-summary__list' });
  for (const error of errors) {
    const link = h('a', { href: `#${error.id}`, text: error.message });
    link.addEventListener('click', (event) => {
      const target = document.getElementById(error.id);
      if (!target) return;
      event.preventDefault();
      target.focus();
      target.scrollIntoView({ block: 'center' });
    });
    list.append(h('li', {}, link));
    const input = document.getElementById(error.id);
    if (input && input !== form) {
      input.setAttribute('aria-invalid', 'true');
      const messageId = `${error.id}-error`;
      if (!document.getElementById(messageId)) {
        const message = h(
          'p',
          { class: 'field-error', id: messageId },
          h('span', { class: 'visually-hidden', text: '错误：' }),
          error.message,
        );
        const anchor = input.closest('.field') ?? input;
        anchor.classList.add('field--error');
        const label = anchor.querySelector('label, legend');
        if (label && anchor !== input) label.after(message);
        else input.before(message);
        const describedBy = input.getAttribute('aria-describedby');
        input.setAttribute('aria-describedby', describedBy ? `${describedBy} ${messageId}` : messageId);
      }
    }
  }
  const summary = h(
    'div',
    { class: 'error-summary', role: 'alert', tabindex: '-1', 'aria-labelledby': `${form.id}-error-title` },
    h('h2', { class: 'error-summary__title', id: `${form.id}-error-title`, text: title }),
    list,
  );
  form.before(summary);
  summary.focus();
}

export function clearErrors(form: HTMLFormElement): void {
  const previous = form.previousElementSibling;
  if (previous?.classList.contains('error-summary')) previous.remove();
  for (const message of form.querySelectorAll('.field-error')) {
    const input = form.querySelector(`[aria-describedby~="${message.id}"]`);
    if (input) {
      const rest = (input.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .filter((id) => id !== message.id)
        .join(' ');
      if (rest) input.setAttribute('aria-describedby', rest);
      else input.removeAttribute('aria-describedby');
    }
    message.remove();
  }
  for (const invalid of form.querySelectorAll('[aria-invalid]')) invalid.removeAttribute('aria-invalid');
  for (const field of form.querySelectorAll('.field--error')) field.classList.remove('field--error');
}

/** A status message in a live region. */
export function say(region: HTMLElement, message: string, kind: 'info' | 'error' | 'success' = 'info'): void {
  region.className = `desk-status desk-status--${kind}`;
  region.textContent = message;
  region.hidden = message === '';
}

/** A share as a percentage with one decimal, `—` when nothing divides. */
export function percent(value: number | null): string {
  return value === null ? '—' : `${(value * 100).toFixed(1)}%`;
}

/** A rate with its numerator and denominator: `98.5%（197/200）`, `—（0/0）`. */
export function rateText(rate: { numerator: number; denominator: number; value: number | null }): string {
  return `${percent(rate.value)}（${rate.numerator}/${rate.denominator}）`;
}

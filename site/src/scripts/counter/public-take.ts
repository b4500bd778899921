/**
 * Taking a ticket at the kiosk or on a phone (POST /api/public/tickets): the category button
 * pressed and the 绿色通道 reason chosen. The kiosk prints the ticket (on its own with `?autoprint`)
 * and returns to the start by itself; the phone keeps the day's ticket in the browser (localStorage, nothing personal in it)
 * and shows it again when the page is opened later that day.
 */
import { beijingToday, byId, formatDateTime } from '../common/ui.ts';

interface PublicTicket {
  ticketNo: string;
  category: string;
  categoryName: string;
  date: string;
  takenAt: string;
  priorityLabel?: string;
  /** Masked: the phone the "your number is near" SMS goes to. */
  notifyPhone?: string;
  ahead: number;
  estimateMinutes: number;
}

interface Problem {
  title?: string;
  detail?: string;
  errors?: { field: string; message: string }[];
}

const root = byId('take');
const kiosk = root.dataset.mode === 'kiosk';
const form = byId<HTMLFormElement>('take-form');
const status = byId('take-status');
const ticketSection = byId('ticket');
const storageKey = 'yichuang.counter.ticket';
const kioskReturnMs = 30_000;
/** A kiosk opened as /counter/kiosk/?autoprint prints each ticket at once (Chrome's --kiosk-printing prints it silently). */
const autoPrint = kiosk && new URLSearchParams(location.search).has('autoprint');
let returnTimer: number | undefined;

function say(message: string, kind: 'info' | 'error' = 'info'): void {
  status.textContent = message;
  status.className = `take-status take-status--${kind}`;
}

function show(ticket: PublicTicket): void {
  byId('ticket-number').textContent = ticket.ticketNo;
  byId('ticket-category').textContent = ticket.categoryName;
  byId('ticket-priority-row').hidden = !ticket.priorityLabel;
  byId('ticket-priority').textContent = ticket.priorityLabel ?? '';
  byId('ticket-phone-row').hidden = !ticket.notifyPhone;
  byId('ticket-phone').textContent = ticket.notifyPhone ? `将发送到 ${ticket.notifyPhone}` : '';
  byId('ticket-ahead').textContent = `${ticket.ahead} 人`;
  byId('ticket-estimate').textContent = ticket.ahead === 0 ? '即将叫号' : `约 ${ticket.estimateMinutes} 分钟`;
  byId('ticket-time').textContent = formatDateTime(ticket.takenAt);
  form.hidden = true;
  ticketSection.hidden = false;
  byId('ticket-heading').focus();
  say('');
  if (kiosk) {
    window.clearTimeout(returnTimer);
    returnTimer = window.setTimeout(reset, kioskReturnMs);
  }
}

function reset(): void {
  window.clearTimeout(returnTimer);
  ticketSection.hidden = true;
  form.hidden = false;
  form.reset();
  if (!kiosk) localStorage.removeItem(storageKey);
}

async function take(category: string, priority: string, phone: string): Promise<void> {
  say('正在取号…');
  for (const button of form.querySelectorAll('button')) button.disabled = true;
  try {
    const response = await fetch('/api/public/tickets', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ category, ...(priority ? { priority } : {}), ...(phone ? { phone } : {}) }),
    });
    const body = (await response.json()) as PublicTicket & Problem;
    if (response.status === 201) {
      if (!kiosk) localStorage.setItem(storageKey, JSON.stringify(body));
      show(body);
      if (autoPrint) window.print();
      return;
    }
    say(
      body.errors?.[0]?.message ??
        body.detail ??
        body.title ??
        `取号失败（${response.status}），请咨询大厅导服人员。`,
      'error',
    );
  } catch {
    say('网络暂时不通，请稍后再试或咨询大厅导服人员。', 'error');
  } finally {
    for (const button of form.querySelectorAll('button')) button.disabled = false;
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const button = (event as SubmitEvent).submitter as HTMLButtonElement | null;
  if (!button?.value) return;
  const priority = (form.elements.namedItem('priority') as RadioNodeList | null)?.value ?? '';
  const phone = (form.elements.namedItem('phone') as HTMLInputElement | null)?.value.trim() ?? '';
  void take(button.value, priority, phone);
});
// Enter in the phone field would "press" the first category button (the form's default button).
document.getElementById('take-phone')?.addEventListener('keydown', (event) => {
  if (event.key === 'Enter') event.preventDefault();
});
byId('ticket-print').addEventListener('click', () => window.print());
// A ticket given another way at the kiosk (预约签到, public-check-in.ts) is shown and printed alike.
root.addEventListener('counter:ticket', (event) => {
  show((event as CustomEvent<PublicTicket>).detail);
  if (autoPrint) window.print();
});
byId('ticket-again').addEventListener('click', reset);

if (!kiosk) {
  try {
    const kept = JSON.parse(localStorage.getItem(storageKey) ?? 'null') as PublicTicket | null;
    if (kept && kept.date === beijingToday()) show(kept);
    else localStorage.removeItem(storageKey);
  } catch {
    localStorage.removeItem(storageKey);
  }
}

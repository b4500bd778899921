/**
 * The booking page (预约办事): the chosen category or item's days and slots from
 * GET /api/public/appointment-slots (a day without slots says why; a full slot cannot be chosen),
 * the booking posted to /api/public/appointments — the code and what to bring shown once, a
 * refusal shown on the field it is about — and the cancellation with the code and the phone's
 * last four digits. Nothing personal is kept in the browser.
 */
import { normalizeQueryCode, queryCodePattern } from '../../../../functions/domain/cases/case-number.ts';
import { mobileNumber } from '../../../../functions/domain/identity-number.ts';
import { byId, clearErrors, type FieldError, h, say, showErrors } from '../common/ui.ts';

interface Listing {
  days: {
    date: string;
    weekday: string;
    open: boolean;
    reason?: string;
    slots: { time: string; endTime: string; extended?: string; remaining: number }[];
  }[];
}

interface Booked {
  code: string;
  categoryName: string;
  itemName?: string;
  date: string;
  time: string;
  endTime: string;
  extended?: string;
  holder: { name: string; phone: string };
  checkInFrom: string;
  checkInUntil: string;
  bring: string[];
}

interface Problem {
  title?: string;
  detail?: string;
  errors?: { field: string; message: string }[];
}

const form = byId<HTMLFormElement>('book-form');
const status = byId('book-status');
const what = byId<HTMLSelectElement>('b-what');
const daysBox = byId('b-days');
const slotsBox = byId('b-slots');
const receipt = byId('book-receipt');
let listing: Listing | undefined;

/** The form element a field of the API's refusal belongs to. */
const fieldIds: Record<string, string> = {
  'body.category': 'b-what',
  'body.item': 'b-what',
  'body.date': 'b-day',
  'body.time': 'b-time',
  'body.name': 'b-name',
  'body.phone': 'b-phone',
  'body.code': 'c-code',
  'body.phoneLast4': 'c-phone',
};

/** Why a day has no slot, in a word or two beside it. */
const closedLabels: Record<string, string> = {
  'rest-day': '休息',
  'provisional-day': '暂未开放（节假日安排未公布）',
  'no-appointments': '已无可约时段',
};

const clock = (time: string) => time.replace(/^0(\d)/, '$1');
const shortDate = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

async function post(url: string, body: unknown): Promise<{ status: number; body: Booked & Problem }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json().catch(() => ({}))) as Booked & Problem };
}

function chosen(name: string): string {
  return (form.elements.namedItem(name) as RadioNodeList | null)?.value ?? '';
}

function choice(name: string, value: string, label: string, disabled: boolean, extra?: string): HTMLElement {
  const id = `${name}-${value.replace(/\W/g, '')}`;
  return h(
    'label',
    { class: `book-choice${disabled ? ' book-choice--off' : ''}`, for: id },
    h('input', { type: 'radio', name, value, id, disabled }),
    h('span', { class: 'book-choice__main', text: label }),
    extra ? h('span', { class: 'book-choice__extra', text: extra }) : null,
  );
}

function showSlots(): void {
  const day = listing?.days.find((candidate) => candidate.date === chosen('date'));
  byId('b-slots-empty').hidden = day !== undefined;
  slotsBox.replaceChildren(
    ...(day?.slots ?? []).map((slot) => {
      const full = slot.remaining === 0;
      const label = `${clock(slot.time)}–${clock(slot.endTime)}`;
      const extra = [
        slot.extended ? `延时服务 · ${slot.extended}` : '',
        full ? '已约满' : `余 ${slot.remaining}`,
      ]
        .filter(Boolean)
        .join(' · ');
      return choice('time', slot.time, label, full, extra);
    }),
  );
}

async function loadSlots(): Promise<void> {
  const [kind, code] = what.value.split(':');
  listing = undefined;
  daysBox.replaceChildren();
  slotsBox.replaceChildren();
  byId('b-days-empty').hidden = false;
  byId('b-slots-empty').hidden = false;
  if (!kind || !code) return;
  say(status, '正在查询可预约的时段……');
  try {
    const response = await fetch(`/api/public/appointment-slots?${kind}=${encodeURIComponent(code)}&days=31`);
    if (!response.ok) throw new Error(String(response.status));
    listing = (await response.json()) as Listing;
  } catch {
    say(status, '暂时查不到可预约的时段，请稍后再试。', 'error');
    return;
  }
  say(status, '');
  byId('b-days-empty').hidden = true;
  daysBox.replaceChildren(
    ...listing.days.map((day) => {
      const free = day.slots.reduce((sum, slot) => sum + slot.remaining, 0);
      const extra = !day.open
        ? (closedLabels[day.reason ?? ''] ?? '不开放')
        : free === 0
          ? '已约满'
          : `余 ${free}`;
      return choice(
        'date',
        day.date,
        `${shortDate(day.date)} ${day.weekday}`,
        !day.open || free === 0,
        extra,
      );
    }),
  );
  const first = daysBox.querySelector<HTMLInputElement>('input:not([disabled])');
  if (first) first.checked = true;
  showSlots();
}

function localErrors(): FieldError[] {
  const errors: FieldError[] = [];
  const value = (id: string) => byId<HTMLInputElement>(id).value.trim();
  if (!what.value) errors.push({ id: 'b-what', message: '请选择要办理的业务或事项' });
  else if (!chosen('date')) errors.push({ id: 'b-day', message: '请选择日期' });
  else if (!chosen('time')) errors.push({ id: 'b-time', message: '请选择时段' });
  if (!value('b-name')) errors.push({ id: 'b-name', message: '请填写姓名' });
  else if (/[<>]/.test(value('b-name'))) errors.push({ id: 'b-name', message: '姓名不能包含 < 或 > 符号' });
  if (!mobileNumber(value('b-phone'))) {
    errors.push({ id: 'b-phone', message: '请填写 11 位手机号码' });
  }
  return errors;
}

/** The API's refusal on the fields it names (a 422 names one too), or as one message. */
function refusal(body: Problem, fallback: string): FieldError[] {
  const listed = (body.errors ?? []).map((error) => ({
    id: fieldIds[error.field] ?? 'b-what',
    message: body.detail && body.errors?.length === 1 ? body.detail : error.message,
  }));
  return listed.length > 0 ? listed : [{ id: 'b-what', message: body.detail ?? body.title ?? fallback }];
}

function showReceipt(booked: Booked): void {
  byId('receipt-code').textContent = `${booked.code.slice(0, 4)} ${booked.code.slice(4)}`;
  byId('receipt-what').textContent = booked.itemName
    ? `${booked.itemName}（${booked.categoryName}）`
    : booked.categoryName;
  byId('receipt-slot').textContent =
    `${booked.date} ${clock(booked.time)}–${clock(booked.endTime)}${booked.extended ? `（延时服务 · ${booked.extended}）` : ''}`;
  byId('receipt-check-in').textContent =
    `${clock(booked.checkInFrom.slice(11, 16))} 至 ${clock(booked.checkInUntil.slice(11, 16))}，在自助取号机“预约签到”`;
  byId('receipt-holder').textContent = `${booked.holder.name}，${booked.holder.phone}`;
  byId('receipt-bring').replaceChildren(...booked.bring.map((line) => h('li', { text: line })));
  form.hidden = true;
  receipt.hidden = false;
  byId('receipt-heading').focus();
}

what.addEventListener('change', () => void loadSlots());
daysBox.addEventListener('change', showSlots);

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearErrors(form);
  const errors = localErrors();
  if (errors.length > 0) {
    showErrors(form, errors);
    return;
  }
  const [kind, code] = what.value.split(':') as [string, string];
  const submit = byId<HTMLButtonElement>('book-submit');
  submit.disabled = true;
  say(status, '正在提交预约……');
  try {
    const reply = await post('/api/public/appointments', {
      [kind]: code,
      date: chosen('date'),
      time: chosen('time'),
      name: byId<HTMLInputElement>('b-name').value.trim(),
      phone: mobileNumber(byId<HTMLInputElement>('b-phone').value),
    });
    say(status, '');
    if (reply.status === 201) {
      showReceipt(reply.body);
      return;
    }
    if (reply.status === 429) {
      say(status, reply.body.detail ?? '操作过于频繁，请稍后再试。', 'error');
      return;
    }
    showErrors(form, refusal(reply.body, `预约未成功（${reply.status}），请稍后再试。`), reply.body.title);
    // A full or past slot: show the seats as they are now.
    if (reply.status === 422) {
      const [date, time] = [chosen('date'), chosen('time')];
      await loadSlots();
      const day = daysBox.querySelector<HTMLInputElement>(`input[value="${date}"]:not([disabled])`);
      if (day) {
        day.checked = true;
        showSlots();
        const slot = slotsBox.querySelector<HTMLInputElement>(`input[value="${time}"]:not([disabled])`);
        if (slot) slot.checked = true;
      }
    }
  } catch {
    say(status, '网络暂时不通，请稍后再试。', 'error');
  } finally {
    submit.disabled = false;
  }
});

byId('receipt-print').addEventListener('click', () => window.print());
byId('receipt-again').addEventListener('click', () => {
  receipt.hidden = true;
  form.hidden = false;
  form.reset();
  void loadSlots();
  what.focus();
});

const cancelForm = byId<HTMLFormElement>('cancel-form');
const cancelStatus = byId('cancel-status');
cancelForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearErrors(cancelForm);
  const code = normalizeQueryCode(byId<HTMLInputElement>('c-code').value);
  const phoneLast4 = byId<HTMLInputElement>('c-phone').value.trim();
  const errors: FieldError[] = [];
  if (!queryCodePattern.test(code)) errors.push({ id: 'c-code', message: '请填写 8 位预约码' });
  if (!/^\d{4}$/.test(phoneLast4)) errors.push({ id: 'c-phone', message: '请填写预约手机号的后 4 位' });
  if (errors.length > 0) {
    showErrors(cancelForm, errors);
    return;
  }
  try {
    const reply = await post('/api/public/appointments/cancellation', { code, phoneLast4 });
    if (reply.status === 200) {
      cancelForm.reset();
      say(cancelStatus, `已取消 ${reply.body.date} ${clock(reply.body.time)} 的预约。`, 'success');
      if (listing) void loadSlots();
      return;
    }
    say(cancelStatus, reply.body.detail ?? reply.body.title ?? `未能取消（${reply.status}）。`, 'error');
  } catch {
    say(cancelStatus, '网络暂时不通，请稍后再试。', 'error');
  }
});

/**
 * The day's appointments at the desk (GET /api/appointments?date&category): the signed-in clerk's
 * window (a chief's department) — slot, category, item, the holder masked, the state and the
 * ticket of a check-in; counts per state. Refreshed every 30 s while the page is open.
 */
import { beijingToday, byId, h, say } from '../common/ui.ts';
import { api, problemText } from '../desk/api.ts';
import { deskStatus, startDesk } from '../desk/shell.ts';

interface DayAppointments {
  date: string;
  categories: { code: string; name: string }[];
  counts: { booked: number; checkedIn: number; cancelled: number; forfeited: number };
  appointments: {
    time: string;
    endTime: string;
    categoryName: string;
    itemName?: string;
    extended?: string;
    holder: { name: string; phone: string };
    state: string;
    stateLabel: string;
    ticketNo?: string;
  }[];
}

await startDesk();
const status = deskStatus();
const filter = byId<HTMLFormElement>('appointments-filter');
const dateInput = byId<HTMLInputElement>('appointments-date');
const categorySelect = byId<HTMLSelectElement>('appointments-category');
dateInput.value = beijingToday();
const clock = (time: string) => time.replace(/^0(\d)/, '$1');

async function refresh(): Promise<void> {
  const query = new URLSearchParams({ date: dateInput.value });
  if (categorySelect.value) query.set('category', categorySelect.value);
  const reply = await api<DayAppointments>('GET', `/api/appointments?${query}`);
  if (!reply.ok) {
    say(status, problemText(reply.problem), 'error');
    return;
  }
  say(status, '');
  const day = reply.body;
  if (categorySelect.options.length === 1) {
    categorySelect.append(
      ...day.categories.map((category) => h('option', { value: category.code, text: category.name })),
    );
  }
  byId('appointments-caption').textContent =
    `${day.date} 的预约（${day.categories.map((c) => c.name).join('、') || '本窗口无可预约的业务'}）`;
  byId('appointments-counts').replaceChildren(
    h('li', { text: `已预约 ${day.counts.booked}` }),
    h('li', { text: `已签到 ${day.counts.checkedIn}` }),
    h('li', { text: `未到 ${day.counts.forfeited}` }),
    h('li', { text: `已取消 ${day.counts.cancelled}` }),
  );
  byId('appointments-empty').hidden = day.appointments.length > 0;
  byId('appointments-body').replaceChildren(
    ...day.appointments.map((row) =>
      h(
        'tr',
        {},
        h(
          'td',
          {},
          `${clock(row.time)}–${clock(row.endTime)}`,
          row.extended ? h('small', { class: 'tag', text: `延时服务 · ${row.extended}` }) : null,
        ),
        h('td', { text: row.categoryName }),
        h('td', { text: row.itemName ?? '—' }),
        h('td', { text: row.holder.name }),
        h('td', { text: row.holder.phone }),
        h('td', { text: row.stateLabel }),
        h('td', { text: row.ticketNo ?? '—' }),
      ),
    ),
  );
}

filter.addEventListener('submit', (event) => {
  event.preventDefault();
  void refresh();
});
await refresh();
window.setInterval(() => void refresh(), 30_000);

/**
 * The desk's calling panel for the signed-in clerk's window: GET /api/windows/{window}/calls for
 * the waiting and the current ticket (refreshed every 10 s and after each action), and the steps
 * POST …/calls, …/calls/{ticketNo}/recall | no-show | transfer | end | rejoin.
 */
import { byId, h, say } from '../common/ui.ts';
import { api, problemText } from '../desk/api.ts';
import { deskStatus, startDesk } from '../desk/shell.ts';

interface StaffTicket {
  ticketNo: string;
  date: string;
  notifyPhone?: string;
  caseNos?: string[];
  categoryName: string;
  priorityLabel?: string;
  status: string;
  takenAt: string;
  calls: number;
  waitSeconds?: number;
}

interface WindowCounter {
  window: string;
  categories: { code: string; name: string; prefix: string; waiting: number }[];
  transferredHere: number;
  current?: StaffTicket;
}

const user = await startDesk();
const status = deskStatus();
const window_ = user.window;
let current: StaffTicket | undefined;

const actionButtons = ['counter-recall', 'counter-no-show', 'counter-end', 'counter-transfer-submit'].map(
  (id) => byId<HTMLButtonElement>(id),
);

function showCurrent(ticket: StaffTicket | undefined): void {
  current = ticket;
  byId('counter-none').hidden = ticket !== undefined;
  byId('counter-current').hidden = ticket === undefined;
  byId('counter-intake-row').hidden = ticket === undefined;
  for (const button of actionButtons) button.disabled = ticket === undefined;
  if (!ticket) return;
  byId('counter-number').textContent = ticket.ticketNo;
  byId('counter-category').textContent = ticket.categoryName;
  byId('counter-priority').textContent = ticket.priorityLabel ?? '—';
  byId('counter-wait').textContent =
    ticket.waitSeconds === undefined ? '—' : `${Math.round(ticket.waitSeconds / 60)} 分钟`;
  byId('counter-calls').textContent = String(ticket.calls);
  byId('counter-phone').textContent = ticket.notifyPhone ?? '—';
  const cases = ticket.caseNos ?? [];
  byId('counter-cases').replaceChildren(
    ...(cases.length === 0
      ? ['—']
      : cases.flatMap((caseNo, i) => [
          i > 0 ? '、' : '',
          h('a', { href: `/desk/case/?no=${encodeURIComponent(caseNo)}`, text: caseNo }),
        ])),
  );
  byId<HTMLAnchorElement>('counter-intake').href =
    `/desk/intake/?ticket=${encodeURIComponent(ticket.ticketNo)}&date=${encodeURIComponent(ticket.date)}`;
}

async function refresh(): Promise<void> {
  if (!window_) return;
  const reply = await api<WindowCounter>('GET', `/api/windows/${window_}/calls`);
  if (!reply.ok) {
    say(status, problemText(reply.problem), 'error');
    return;
  }
  const items = reply.body.categories.map((category) =>
    h('li', { text: `${category.prefix} ${category.name}：${category.waiting} 人等候` }),
  );
  if (reply.body.transferredHere > 0)
    items.push(h('li', { text: `转本窗口：${reply.body.transferredHere} 人` }));
  if (items.length === 0) items.push(h('li', { text: '本窗口不办理叫号业务。' }));
  byId('counter-waiting').replaceChildren(...items);
  showCurrent(reply.body.current);
}

async function act(
  path: string,
  done: (ticket: StaffTicket) => string,
  body: unknown = undefined,
): Promise<void> {
  const reply = await api<StaffTicket>('POST', path, body);
  if (!reply.ok) {
    say(
      status,
      reply.status === 404 ? (reply.problem.detail ?? '未找到') : problemText(reply.problem),
      'error',
    );
  } else {
    say(status, done(reply.body), 'success');
  }
  await refresh();
}

if (!window_) {
  say(status, '当前登录的账号没有窗口，不能叫号。', 'error');
  byId<HTMLButtonElement>('counter-call').disabled = true;
} else {
  byId('counter-window').textContent = `（${window_} 窗口）`;
  const base = `/api/windows/${window_}/calls`;
  byId('counter-call').addEventListener(
    'click',
    () => void act(base, (ticket) => `已叫 ${ticket.ticketNo} 号（${ticket.categoryName}）。`),
  );
  byId('counter-recall').addEventListener('click', () => {
    if (current) void act(`${base}/${current.ticketNo}/recall`, (ticket) => `已重呼 ${ticket.ticketNo} 号。`);
  });
  byId('counter-no-show').addEventListener('click', () => {
    if (current) void act(`${base}/${current.ticketNo}/no-show`, (ticket) => `${ticket.ticketNo} 号已过号。`);
  });
  byId('counter-end').addEventListener('click', () => {
    if (current) void act(`${base}/${current.ticketNo}/end`, (ticket) => `${ticket.ticketNo} 号办理结束。`);
  });
  byId<HTMLFormElement>('counter-transfer').addEventListener('submit', (event) => {
    event.preventDefault();
    if (!current) return;
    const [kind, code] = byId<HTMLSelectElement>('counter-transfer-target').value.split(':');
    void act(`${base}/${current.ticketNo}/transfer`, (ticket) => `${ticket.ticketNo} 号已转出。`, {
      [kind === 'window' ? 'window' : 'category']: code,
    });
  });
  byId<HTMLFormElement>('counter-rejoin').addEventListener('submit', (event) => {
    event.preventDefault();
    const number = byId<HTMLInputElement>('counter-rejoin-number').value.trim().toUpperCase();
    if (!/^[A-Z]\d{3,5}$/.test(number)) {
      say(status, '请输入号码，如 A023。', 'error');
      return;
    }
    void act(`${base}/${number}/rejoin`, (ticket) => `${ticket.ticketNo} 号已重新排队。`);
  });
  await refresh();
  setInterval(() => void refresh(), 10_000);
}

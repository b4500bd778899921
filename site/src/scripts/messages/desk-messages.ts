/**
 * The SMS outbox page: GET /api/messages?date=…, newest first, a page at a time. Each message with
 * its event, what it is about (a link to the case), the phone masked, the text as sent — a booking
 * code masked, as the API keeps it — and its status: for a failure, each attempt's error code and
 * when it is tried again.
 */
import { byId, formatDateTime, h, say } from '../common/ui.ts';
import { api, problemText } from '../desk/api.ts';
import { deskStatus, startDesk } from '../desk/shell.ts';

interface MessageView {
  id: string;
  eventLabel: string;
  subject: { kind: 'case' | 'ticket' | 'appointment'; id: string };
  phoneMasked: string;
  text: string;
  template: { code: string };
  /** Secrets (a booking code) shown masked in the text: filled in only when the message is sent. */
  maskedParams?: string[];
  createdAt: string;
  status: 'queued' | 'sent' | 'failed' | 'cancelled';
  statusLabel: string;
  attempts: { at: string; adapter: string; outcome: string; code?: string }[];
  nextAttemptAt?: string;
  sentAt?: string;
}

interface MessageList {
  date: string;
  adapter: 'outbox' | 'aws' | 'aliyun';
  items: MessageView[];
  nextCursor: string | null;
}

const adapterLabels: Record<MessageList['adapter'], string> = {
  outbox: '本地发件箱：短信不会真正发出，这里列出本应发送的内容。',
  aws: '经 AWS End User Messaging 发送。',
  aliyun: '经阿里云短信服务发送。',
};

function subjectCell(message: MessageView): Node | string {
  const { kind, id } = message.subject;
  if (kind === 'case')
    return h('a', { href: `/desk/case/?no=${encodeURIComponent(id)}`, text: `办件 ${id}` });
  if (kind === 'ticket') {
    const [date, ticketNo] = id.split('#');
    return `号票 ${ticketNo ?? id}（${date}）`;
  }
  // The booking's key is the keyed hash of its code: a few characters tell its two messages apart.
  return `预约 ${id.slice(0, 6)}`;
}

function statusCell(message: MessageView): HTMLElement {
  const last = message.attempts.at(-1);
  const detail =
    message.status === 'sent'
      ? `${formatDateTime(message.sentAt)}，第 ${message.attempts.length} 次尝试`
      : message.status === 'failed'
        ? `错误代码 ${last?.code ?? '—'}，已尝试 ${message.attempts.length} 次；${
            message.nextAttemptAt ? `将于 ${formatDateTime(message.nextAttemptAt)} 重试` : '不再重试'
          }`
        : message.status === 'queued'
          ? '等待发送（每分钟发送一次）'
          : '';
  return h(
    'td',
    {},
    h('span', { class: `message-status message-status--${message.status}`, text: message.statusLabel }),
    detail ? h('br') : null,
    detail,
  );
}

await startDesk();
const status = deskStatus();
const params = new URLSearchParams(location.search);
const dateInput = byId<HTMLInputElement>('messages-date');
const more = byId<HTMLButtonElement>('messages-more');
const body = byId('messages-body');
let cursor: string | null = null;

async function load(append: boolean): Promise<void> {
  const query = new URLSearchParams({ limit: '100' });
  const date = params.get('date');
  if (date) query.set('date', date);
  if (append && cursor) query.set('cursor', cursor);
  say(status, '正在载入短信……');
  const reply = await api<MessageList>('GET', `/api/messages?${query}`);
  if (!reply.ok) {
    say(status, problemText(reply.problem), 'error');
    return;
  }
  const list = reply.body;
  dateInput.value = list.date;
  byId('messages-adapter').textContent = adapterLabels[list.adapter];
  const rows = list.items.map((message) =>
    h(
      'tr',
      {},
      h('td', { text: formatDateTime(message.createdAt) }),
      h('td', { text: message.eventLabel }),
      h('th', { scope: 'row' }, subjectCell(message)),
      h('td', { text: message.phoneMasked }),
      h(
        'td',
        {},
        message.text,
        h('br'),
        h('span', {
          class: 'hint',
          text: `阿里云模板 ${message.template.code}${message.maskedParams ? '；* 号处为预约码，不向工作人员显示，发送时填入' : ''}`,
        }),
      ),
      statusCell(message),
    ),
  );
  if (append) body.append(...rows);
  else body.replaceChildren(...rows);
  cursor = list.nextCursor;
  more.hidden = cursor === null;
  const shown = body.children.length;
  byId('messages').hidden = shown === 0;
  byId('messages-empty').hidden = shown > 0;
  say(status, `${list.date} 共显示 ${shown} 条短信。`);
}

more.addEventListener('click', () => void load(true));
await load(false);

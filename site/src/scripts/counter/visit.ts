/**
 * One visit (取号 → 叫号 → 服务 → 办件) as the desk shows it: the ticket of a case taken in from a
 * call, read from GET /api/counter/tickets/{date}/{ticketNo}, with its wait and service. Used by
 * the case page; the durations' wording is the counter figures page's too.
 */
import { formatDateTime, h } from '../common/ui.ts';
import { api } from '../desk/api.ts';

export interface VisitTicket {
  ticketNo: string;
  date: string;
  categoryName: string;
  status: string;
  statusLabel: string;
  takenAt: string;
  window?: string;
  firstCalledAt?: string;
  endedAt?: string;
  waitSeconds?: number;
  serviceSeconds?: number;
  priorityLabel?: string;
  caseNos?: string[];
}

/** 754 → `12 分 34 秒`; under a minute in seconds; null → `—`. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  const minutes = Math.floor(seconds / 60);
  const rest = Math.round(seconds % 60);
  if (minutes === 0) return `${rest} 秒`;
  return rest === 0 ? `${minutes} 分钟` : `${minutes} 分 ${rest} 秒`;
}

function row(term: string, value: Node | string): HTMLElement[] {
  return [h('dt', { text: term }), h('dd', {}, value)];
}

/** The rows of a visit: number and category, taken → called (the wait), called → ended (the service), the cases. */
export function visitRows(ticket: VisitTicket, currentCase?: string): HTMLElement[] {
  const service =
    ticket.serviceSeconds !== undefined
      ? `${formatDuration(ticket.serviceSeconds)}（${formatDateTime(ticket.endedAt)} 结束）`
      : ticket.status === 'called'
        ? '服务中'
        : ticket.statusLabel;
  const others = (ticket.caseNos ?? []).filter((caseNo) => caseNo !== currentCase);
  return [
    ...row(
      '号码',
      `${ticket.ticketNo}（${ticket.categoryName}${ticket.priorityLabel ? `，绿色通道：${ticket.priorityLabel}` : ''}）`,
    ),
    ...row('取号时间', formatDateTime(ticket.takenAt)),
    ...row(
      '叫号时间',
      `${formatDateTime(ticket.firstCalledAt)}${ticket.window ? `（${ticket.window} 窗口）` : ''}`,
    ),
    ...row('等候时长', formatDuration(ticket.waitSeconds)),
    ...row('服务时长', service),
    ...(others.length > 0
      ? row(
          '同次来访的其他办件',
          h(
            'span',
            {},
            ...others.flatMap((caseNo, i) => [
              i > 0 ? '、' : '',
              h('a', { href: `/desk/case/?no=${encodeURIComponent(caseNo)}`, text: caseNo }),
            ]),
          ),
        )
      : []),
  ];
}

/** Fills `list` with the visit of a case's ticket; false (and a note) when it cannot be read. */
export async function showVisit(
  list: HTMLElement,
  ref: { date: string; ticketNo: string },
  currentCase: string,
): Promise<boolean> {
  const reply = await api<VisitTicket>(
    'GET',
    `/api/counter/tickets/${encodeURIComponent(ref.date)}/${encodeURIComponent(ref.ticketNo)}`,
  );
  if (!reply.ok) {
    list.replaceChildren(...row('号码', `${ref.ticketNo}（${ref.date}，号票已不可查）`));
    return false;
  }
  list.replaceChildren(...visitRows(reply.body, currentCase));
  return true;
}

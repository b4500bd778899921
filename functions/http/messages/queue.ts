/**
 * Queueing a message whose phone is already sealed elsewhere — the applicant's on the case
 * (办结可取件), the visitor's on the ticket (即将到号) — and what every queueing shares. No cipher
 * here: the handlers that queue these never open a phone (the messages job does, at sending time).
 * The port for a phone in hand is notify.ts.
 */
import { tableName } from '../../config/env.ts';
import { messageSettings } from '../../config/messages.ts';
import type { Instant } from '../../domain/calendar/instant.ts';
import type { CaseState } from '../../domain/cases/types.ts';
import type { CounterCategory } from '../../domain/counter/settings.ts';
import type { Ticket } from '../../domain/counter/tickets.ts';
import type { MessageEvent } from '../../domain/messages/events.ts';
import {
  cancelMessage,
  type Message,
  type MessageContent,
  MessageError,
  type MessageSubject,
  messageContent,
  type NewMessage,
  queueMessage,
} from '../../domain/messages/message.ts';
import { isMaskedMobile } from '../../domain/messages/phone.ts';
import {
  loadMessage,
  MessageConflictError,
  putMessage,
  type StoredMessage,
  saveMessage,
} from '../../store/messages/messages.ts';
import { logger } from '../observability.ts';

export interface NotifyOptions {
  /** What the message is about: the desk shows it, and the default id is built from it. */
  subject: MessageSubject;
  /** The department whose visitor it is (a chief's outbox lists their own). */
  department?: string;
  /**
   * The message id. Default `<event>:<subject kind>:<subject id>`: one message per event and
   * subject, however often it is asked for (a retried command queues nothing twice).
   */
  id?: string;
  /** First attempt not before (default: now) — a reminder queued at booking for the day before. */
  sendAt?: Instant | Date;
  now?: Date;
  tableName?: string;
}

export function defaultMessageId(event: MessageEvent, subject: MessageSubject): string {
  return `${event}:${subject.kind}:${subject.id}`;
}

/**
 * What is sealed beside a message, given its id: where its phone is, and — for a message that
 * shows a secret masked — its content in clear (notify.ts seals both; the others name a phone
 * sealed elsewhere and carry no secret).
 */
export type Sealing = (
  id: string,
  content: MessageContent | undefined,
) => Promise<Pick<StoredMessage, 'phone' | 'contentSealed'>>;

/** What became of a request to queue: queued now, queued before (the same id), or not queued. */
export type Enqueued = { id: string; outcome: 'queued' | 'existed' | 'failed' };

export async function enqueue(
  event: MessageEvent,
  phoneMasked: string,
  seal: Sealing,
  params: Readonly<Record<string, string | number>>,
  options: NotifyOptions,
): Promise<Enqueued> {
  const id = options.id ?? defaultMessageId(event, options.subject);
  try {
    const input: NewMessage = {
      id,
      event,
      subject: options.subject,
      ...(options.department ? { department: options.department } : {}),
      phoneMasked,
      params,
      now: options.now ?? new Date(),
      ...(options.sendAt ? { sendAt: options.sendAt } : {}),
    };
    const message = queueMessage(input, messageSettings());
    const content = message.maskedParams ? messageContent(input, messageSettings()) : undefined;
    const sealed = await seal(id, content);
    if (content && !sealed.contentSealed)
      throw new MessageError(`${event} masks a secret: its content must be sealed.`);
    const queued = await putMessage(options.tableName ?? tableName(), { message, ...sealed });
    logger.info(queued ? 'Message queued' : 'Message queued before: not again', {
      messageId: id,
      event,
      phone: phoneMasked,
    });
    return { id, outcome: queued ? 'queued' : 'existed' };
  } catch (error) {
    logger.error('Message not queued', { messageId: id, event, phone: phoneMasked, error: error as Error });
    return { id, outcome: 'failed' };
  }
}

/** Withdraws a queued message (a booking cancelled before its reminder); true when it was withdrawn. */
export async function cancelNotification(id: string, table: string = tableName()): Promise<boolean> {
  try {
    const stored = await loadMessage(table, id);
    if (!stored) return false;
    const next: Message = cancelMessage(stored.message);
    if (next === stored.message) return false;
    await saveMessage(table, stored.message, next);
    return true;
  } catch (error) {
    if (!(error instanceof MessageConflictError)) {
      logger.error('Message not cancelled', { messageId: id, error: error as Error });
    }
    return false;
  }
}

/**
 * 办结可取件: a case was decided — told to the applicant's phone (the one on the case, opened only
 * when the message is sent). Nothing when the applicant gave a landline.
 */
export async function notifyResultReady(
  table: string,
  state: CaseState,
  /** Where the result is collected, as the hall names it (`B区 01–03 号窗口`). */
  place: string,
  now: Date,
): Promise<void> {
  if (!isMaskedMobile(state.applicant.phone)) return;
  await enqueue(
    'resultReady',
    state.applicant.phone,
    async () => ({ phone: { ref: { kind: 'case', caseNo: state.caseNo } } }),
    { item: state.item.name, caseNo: state.caseNo, place },
    { subject: { kind: 'case', id: state.caseNo }, department: state.department, now, tableName: table },
  );
}

/**
 * 即将到号: the ticket has `ahead` people before it now — told once to the phone its visitor gave
 * (sealed on the ticket). The id carries the date, since numbers restart each day. True when the
 * message is queued (now or before), false when it could not be.
 */
export async function notifyNearlyCalled(
  table: string,
  ticket: Ticket,
  category: CounterCategory,
  ahead: number,
  department: string,
  now: Date,
): Promise<boolean> {
  if (!ticket.notifyPhone) return false;
  const result = await enqueue(
    'ticketNearlyCalled',
    ticket.notifyPhone,
    async () => ({ phone: { ref: { kind: 'ticket', date: ticket.date, ticketNo: ticket.ticketNo } } }),
    { ticketNo: ticket.ticketNo, category: category.name, ahead },
    {
      subject: { kind: 'ticket', id: `${ticket.date}#${ticket.ticketNo}` },
      department,
      now,
      tableName: table,
    },
  );
  return result.outcome !== 'failed';
}

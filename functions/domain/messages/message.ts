/**
 * One SMS to a visitor, from queued to sent or failed, as a plain value. The command that gives
 * rise to it (a call at a window, a case decided, a booking) only queues it — one put after its own
 * write — and never waits for a provider; the messages job sends what is due, retries a failure
 * with a growing delay and records each attempt. So a provider that is down delays a message and
 * never a clerk's command.
 *
 *   queued ──send──▶ sent
 *      │               ▲
 *      └──fail──▶ failed ──retry (nextAttemptAt)──┘       failed without nextAttemptAt: given up
 *   queued / failed ──cancel──▶ cancelled  (a booking cancelled before its reminder)
 *
 * The phone is never in this value: only masked. The text is rendered when the message is queued,
 * so the outbox shows exactly what goes out — but for a secret of the visitor's (the booking code,
 * events.ts secretParams), masked here and sealed in clear beside the message (MessageContent).
 */
import { formatInstant, type Instant, toEpochMs } from '../calendar/instant.ts';
import { maskSecret } from '../privacy.ts';
import { type MessageEvent, secretParams } from './events.ts';
import type { AdapterName, MessageSettings, MessageTemplate } from './settings.ts';

export type MessageStatus = 'queued' | 'sent' | 'failed' | 'cancelled';

export const messageStatusLabels: Record<MessageStatus, string> = {
  queued: '待发送',
  sent: '已发送',
  failed: '发送失败',
  cancelled: '已取消',
};

/** What a message is about, for the desk and for deduplication. */
export interface MessageSubject {
  kind: 'case' | 'ticket' | 'appointment';
  id: string;
}

export interface MessageAttempt {
  at: Instant;
  adapter: AdapterName;
  outcome: 'sent' | 'failed';
  /** The provider's error code (`isv.BUSINESS_LIMIT_CONTROL`, `ThrottlingException`…) or ours (`expired`, `no-phone`). */
  code?: string;
  providerMessageId?: string;
}

export interface Message {
  /** Deterministic where the event happens once (`ticketNearlyCalled:2026-12-01:A005`): a second queueing is refused. */
  id: string;
  event: MessageEvent;
  subject: MessageSubject;
  /** The department whose visitor it is (the desk lists a chief's own). */
  department?: string;
  phoneMasked: string;
  /** The rendered body as AWS sends it and the outbox shows it, signature first. */
  text: string;
  /** As Alibaba Cloud sends it. */
  template: { code: string; params: Record<string, string> };
  /**
   * Parameters shown masked in `text` and `template.params` (a booking code): the job sends the
   * message from its sealed content in clear.
   */
  maskedParams?: string[];
  createdAt: Instant;
  /** First attempt not before (a reminder is queued at booking for the day before). */
  notBefore: Instant;
  /** Given up if still not sent by then. */
  expiresAt: Instant;
  status: MessageStatus;
  attempts: MessageAttempt[];
  /** While due: when the job tries (again). */
  nextAttemptAt?: Instant;
  sentAt?: Instant;
  version: number;
}

export class MessageError extends Error {
  override readonly name = 'MessageError';
}

/** The body with its placeholders filled; a missing parameter is a caller's bug and throws. */
export function renderTemplate(
  template: MessageTemplate,
  signName: string,
  params: Readonly<Record<string, string | number>>,
): { text: string; params: Record<string, string> } {
  const values: Record<string, string> = {};
  for (const name of template.params) {
    const value = params[name];
    if (value === undefined || String(value).trim() === '') {
      throw new MessageError(`Template parameter "${name}" is missing.`);
    }
    values[name] = String(value).trim();
  }
  const body = template.text.replace(/\{([A-Za-z][A-Za-z0-9]*)\}/g, (_, name: string) => values[name] ?? '');
  return { text: `【${signName}】${body}`, params: values };
}

export interface NewMessage {
  id: string;
  event: MessageEvent;
  subject: MessageSubject;
  department?: string;
  phoneMasked: string;
  params: Readonly<Record<string, string | number>>;
  now: Instant | Date;
  /** First attempt not before this instant (default: now). */
  sendAt?: Instant | Date;
}

/** What the job sends of a message with a secret: its text and parameters in clear (sealed at rest). */
export interface MessageContent {
  text: string;
  params: Record<string, string>;
}

/** The secret parameters of the event that its template uses. */
function secretsUsed(event: MessageEvent, template: MessageTemplate): string[] {
  return (secretParams[event] ?? []).filter((name) => template.params.includes(name));
}

/** The message's text and parameters with its secrets in clear: to seal beside it, never to show. */
export function messageContent(input: NewMessage, settings: MessageSettings): MessageContent {
  const rendered = renderTemplate(settings.templates[input.event], settings.signName, input.params);
  return { text: rendered.text, params: rendered.params };
}

export function queueMessage(input: NewMessage, settings: MessageSettings): Message {
  const template = settings.templates[input.event];
  const masked = secretsUsed(input.event, template);
  const shown = { ...input.params };
  for (const name of masked) {
    const value = shown[name];
    if (value !== undefined) shown[name] = maskSecret(String(value).trim());
  }
  const rendered = renderTemplate(template, settings.signName, shown);
  const createdAt = formatInstant(toEpochMs(input.now));
  const notBefore = input.sendAt ? formatInstant(toEpochMs(input.sendAt)) : createdAt;
  return {
    id: input.id,
    event: input.event,
    subject: input.subject,
    ...(input.department ? { department: input.department } : {}),
    phoneMasked: input.phoneMasked,
    text: rendered.text,
    template: { code: template.aliyunTemplateCode, params: rendered.params },
    ...(masked.length > 0 ? { maskedParams: masked } : {}),
    createdAt,
    notBefore,
    expiresAt: formatInstant(toEpochMs(notBefore) + template.expiresAfterMinutes * 60_000),
    status: 'queued',
    attempts: [],
    nextAttemptAt: notBefore,
    version: 1,
  };
}

/** Delay before attempt `n + 1` after `n` failed ones: first delay, doubling, capped. */
export function retryDelayMs(failedAttempts: number, settings: MessageSettings['retry']): number {
  const seconds = settings.firstDelaySeconds * 2 ** Math.max(0, failedAttempts - 1);
  return Math.min(seconds, settings.maxDelaySeconds) * 1000;
}

/** Whether the job should try the message at `now`. */
export function isDue(message: Message, now: Instant | Date): boolean {
  return message.nextAttemptAt !== undefined && toEpochMs(message.nextAttemptAt) <= toEpochMs(now);
}

function next(message: Message, changes: Partial<Message>): Message {
  const result: Message = { ...message, ...changes, version: message.version + 1 };
  if (changes.nextAttemptAt === undefined) delete result.nextAttemptAt;
  return result;
}

export function recordSent(
  message: Message,
  adapter: AdapterName,
  now: Instant | Date,
  providerMessageId?: string,
): Message {
  const at = formatInstant(toEpochMs(now));
  return next(message, {
    status: 'sent',
    sentAt: at,
    attempts: [
      ...message.attempts,
      { at, adapter, outcome: 'sent', ...(providerMessageId ? { providerMessageId } : {}) },
    ],
  });
}

/**
 * A failed attempt: retried after the backoff while attempts remain, the failure is one a retry can
 * cure and the retry falls before the message expires; otherwise failed for good.
 */
export function recordFailed(
  message: Message,
  adapter: AdapterName,
  now: Instant | Date,
  failure: { code: string; retryable: boolean },
  settings: MessageSettings['retry'],
): Message {
  const nowMs = toEpochMs(now);
  const at = formatInstant(nowMs);
  const attempts: MessageAttempt[] = [
    ...message.attempts,
    { at, adapter, outcome: 'failed', code: failure.code },
  ];
  const retryAt = nowMs + retryDelayMs(attempts.length, settings);
  const retry =
    failure.retryable && attempts.length < settings.maxAttempts && retryAt <= toEpochMs(message.expiresAt);
  return next(message, {
    status: 'failed',
    attempts,
    ...(retry ? { nextAttemptAt: formatInstant(retryAt) } : {}),
  });
}

/**
 * The job takes the message for one attempt: its next attempt moves past a lease, so another run
 * reading the due index meanwhile leaves it alone; if this run dies mid-attempt, the message is due
 * again once the lease has run out (it may then go out twice — SMS providers offer no idempotency).
 */
export function claimMessage(message: Message, now: Instant | Date, leaseMs: number): Message {
  return next(message, { nextAttemptAt: formatInstant(toEpochMs(now) + leaseMs) });
}

/** Past its expiry before it could be sent: given up without an attempt. */
export function isExpired(message: Message, now: Instant | Date): boolean {
  return toEpochMs(now) > toEpochMs(message.expiresAt);
}

/** Withdrawn before it went out (a booking cancelled before its reminder); a sent one stays sent. */
export function cancelMessage(message: Message): Message {
  if (message.status === 'sent' || message.status === 'cancelled') return message;
  return next(message, { status: 'cancelled' });
}

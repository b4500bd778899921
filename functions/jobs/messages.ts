/**
 * The messages job: sends the SMS that are due. Invoked every minute by the EventBridge schedule in
 * the cloud and by the local runtime's timer on the same cadence (schedule.ts: messagesSchedule).
 *
 * It reads the due index (`messages#due`, next attempt ≤ now — its reads follow the due messages)
 * and for each message: claims it (one conditional write moving its next attempt past a lease),
 * opens the phone (the message's own, the case's applicant's or the ticket's visitor's — this job is
 * the only function that opens them for a message) and, for a message that shows a secret masked (a
 * booking code), its sealed content in clear, sends it through the configured adapter and
 * records the outcome (one conditional write): sent, or failed with the adapter's error code and,
 * while attempts remain and the message has not expired, the next attempt after a doubling delay.
 *
 * The commands that queue messages never wait for this: a provider that is down fills the failed
 * attempts here, not the clerk's screen. This is the only function with the provider's credentials
 * and permission to send.
 */
import type { Context } from 'aws-lambda';
import { envNames, readFunctionEnvironment } from '../config/env.ts';
import { messageAdapterName, messageSettings } from '../config/messages.ts';
import { formatInstant } from '../domain/calendar/instant.ts';
import {
  claimMessage,
  isDue,
  isExpired,
  type Message,
  type MessageContent,
  recordFailed,
  recordSent,
} from '../domain/messages/message.ts';
import type { MessageSettings } from '../domain/messages/settings.ts';
import { logger } from '../http/observability.ts';
import { smsAdapter } from '../store/messages/adapters.ts';
import { providerCredentials } from '../store/messages/credentials.ts';
import {
  dueMessages,
  MessageConflictError,
  type StoredMessage,
  saveMessage,
} from '../store/messages/messages.ts';
import { openMessageContent, openMessagePhone } from '../store/messages/phones.ts';
import { type SmsAdapter, SmsError } from '../store/messages/sms.ts';
import { type PersonalDataCipher, personalDataCipher } from '../store/personal-data/cipher.ts';
import { mapBounded } from '../store/supervision/writes.ts';

export interface DeliverySummary {
  at: string;
  adapter: string;
  /** Due messages read. */
  examined: number;
  sent: number;
  /** Failed attempts that will be retried. */
  retrying: number;
  /** Failed for good: out of attempts, not retryable, expired, or no phone to send to. */
  failed: number;
  /** Failed attempts by the adapter's (or our) error code. */
  byCode: Record<string, number>;
  /** Taken by another run meanwhile. */
  skipped: number;
  /** Stopped before the time limit with due messages left: the next run continues. */
  remaining: boolean;
  durationMs: number;
}

export interface DeliveryOptions {
  tableName?: string;
  adapter?: SmsAdapter;
  cipher?: PersonalDataCipher;
  settings?: MessageSettings;
  pageSize?: number;
  /** Messages sent at once. */
  concurrency?: number;
  /** How long a claim holds before another run may try the message again. */
  leaseMs?: number;
  remainingMs?: () => number;
  marginMs?: number;
}

const defaults = { pageSize: 50, concurrency: 4, leaseMs: 2 * 60_000, marginMs: 10_000 };

let configured: Promise<SmsAdapter> | undefined;

/** The adapter the environment chooses, built once per container. */
export function configuredAdapter(env: NodeJS.ProcessEnv = process.env): Promise<SmsAdapter> {
  configured ??= (async () => {
    const name = messageAdapterName(env);
    const endpoint = name === 'aliyun' ? env[envNames.messagesAliyunEndpoint] : undefined;
    return smsAdapter(name, {
      settings: messageSettings(),
      credentials: providerCredentials(env),
      ...(endpoint ? { endpoint } : {}),
    });
  })();
  configured.catch(() => {
    configured = undefined;
  });
  return configured;
}

async function attempt(
  stored: StoredMessage,
  claimed: Message,
  now: Date,
  context: { table: string; adapter: SmsAdapter; cipher: PersonalDataCipher; settings: MessageSettings },
): Promise<Message> {
  const { adapter, settings } = context;
  const fail = (code: string, retryable: boolean) =>
    recordFailed(claimed, adapter.name, now, { code, retryable }, settings.retry);
  if (isExpired(claimed, now)) return fail('expired', false);
  let phone: string | undefined;
  try {
    phone = await openMessagePhone(context.table, stored, context.cipher);
  } catch (error) {
    logger.error('Message phone not opened', { messageId: claimed.id, error: error as Error });
    return fail('phone-unreadable', true);
  }
  if (!phone) return fail('no-phone', false);
  let content: MessageContent | undefined;
  try {
    content = await openMessageContent(stored, context.cipher);
  } catch (error) {
    logger.error('Message content not opened', { messageId: claimed.id, error: error as Error });
    return fail('content-unreadable', true);
  }
  if (!content) return fail('no-content', false);
  try {
    const receipt = await adapter.send({
      messageId: claimed.id,
      phone,
      text: content.text,
      templateCode: claimed.template.code,
      templateParams: content.params,
    });
    return recordSent(claimed, adapter.name, now, receipt.providerMessageId);
  } catch (error) {
    if (error instanceof SmsError) return fail(error.code, error.retryable);
    logger.error('SMS adapter failed', { messageId: claimed.id, error: error as Error });
    return fail('error', true);
  }
}

export async function deliverMessages(now: Date, options: DeliveryOptions = {}): Promise<DeliverySummary> {
  const started = performance.now();
  const table = options.tableName ?? readFunctionEnvironment().tableName;
  const adapter = options.adapter ?? (await configuredAdapter());
  const cipher = options.cipher ?? (await personalDataCipher());
  const settings = options.settings ?? messageSettings();
  const leaseMs = options.leaseMs ?? defaults.leaseMs;
  const remainingMs = options.remainingMs ?? (() => Number.POSITIVE_INFINITY);
  const margin = options.marginMs ?? defaults.marginMs;
  const summary: DeliverySummary = {
    at: now.toISOString(),
    adapter: adapter.name,
    examined: 0,
    sent: 0,
    retrying: 0,
    failed: 0,
    byCode: {},
    skipped: 0,
    remaining: false,
    durationMs: 0,
  };
  const nowInstant = formatInstant(now.getTime());
  const context = { table, adapter, cipher, settings };
  let startKey: Record<string, unknown> | undefined;
  do {
    if (remainingMs() < margin) {
      summary.remaining = true;
      break;
    }
    const page = await dueMessages(table, nowInstant, options.pageSize ?? defaults.pageSize, startKey);
    await mapBounded(page.items, options.concurrency ?? defaults.concurrency, async (stored) => {
      const { message } = stored;
      if (!isDue(message, now) || remainingMs() < margin) return;
      summary.examined += 1;
      const claimed = claimMessage(message, now, leaseMs);
      try {
        await saveMessage(table, message, claimed);
      } catch (error) {
        if (error instanceof MessageConflictError) {
          summary.skipped += 1;
          return;
        }
        throw error;
      }
      const outcome = await attempt(stored, claimed, now, context);
      try {
        await saveMessage(table, claimed, outcome);
      } catch (error) {
        // Our lease ran out mid-attempt and another run took the message: its record stands.
        if (!(error instanceof MessageConflictError)) throw error;
        logger.warn('Message outcome not recorded: taken by another run', { messageId: outcome.id });
        summary.skipped += 1;
        return;
      }
      if (outcome.status === 'sent') {
        summary.sent += 1;
        return;
      }
      const code = outcome.attempts.at(-1)?.code ?? 'error';
      summary.byCode[code] = (summary.byCode[code] ?? 0) + 1;
      if (outcome.nextAttemptAt) summary.retrying += 1;
      else summary.failed += 1;
      logger.warn('Message not sent', {
        messageId: outcome.id,
        event: outcome.event,
        phone: outcome.phoneMasked,
        code,
        attempts: outcome.attempts.length,
        nextAttemptAt: outcome.nextAttemptAt ?? null,
      });
    });
    startKey = page.next;
  } while (startKey);
  summary.remaining ||= remainingMs() < margin && startKey !== undefined;
  summary.durationMs = Math.round(performance.now() - started);
  return summary;
}

/** The scheduler's event carries the instant it was meant to fire; a retry keeps that instant. */
export async function handler(
  event: { time?: string } = {},
  context?: Partial<Context>,
): Promise<DeliverySummary> {
  const scheduled = event.time ? new Date(event.time) : new Date();
  const remaining = context?.getRemainingTimeInMillis;
  const summary = await deliverMessages(
    Number.isNaN(scheduled.getTime()) ? new Date() : scheduled,
    remaining ? { remainingMs: () => remaining.call(context) } : {},
  );
  // Every minute: a line when there was something to send, not one a minute for nothing.
  if (summary.examined > 0) logger.info('Messages delivered', { ...summary });
  else logger.debug('No message due', { ...summary });
  return summary;
}

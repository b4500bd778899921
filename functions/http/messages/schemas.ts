/** Request and response schemas of the message routes (短信通知). */
import * as z from 'zod/mini';
import { parsePeriod } from '../../domain/figures/periods.ts';
import { messageEvents } from '../../domain/messages/events.ts';

export const messagesQuerySchema = z.lazy(() =>
  z.object({
    /** The day the messages were queued (Beijing time); default today. */
    date: z.optional(
      z.string().check(
        z.refine((value) => parsePeriod(value)?.kind === 'day', {
          message: '日期形如 2026-12-01（年份 2000–2099）。',
        }),
      ),
    ),
    /** 1–200, default 50. */
    limit: z.optional(z.string().check(z.regex(/^([1-9]\d?|1\d\d|200)$/, { error: '每页 1–200 条。' }))),
    /** From `nextCursor` of the page before. */
    cursor: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,2048}$/))),
  }),
);

const attempt = z.lazy(() =>
  z.object({
    at: z.string(),
    adapter: z.enum(['outbox', 'aws', 'aliyun']),
    outcome: z.enum(['sent', 'failed']),
    code: z.optional(z.string()),
    providerMessageId: z.optional(z.string()),
  }),
);

export const messageViewSchema = z.lazy(() =>
  z.object({
    id: z.string(),
    event: z.enum(messageEvents),
    eventLabel: z.string(),
    subject: z.object({ kind: z.enum(['case', 'ticket', 'appointment']), id: z.string() }),
    department: z.optional(z.string()),
    /** Masked: 138****5678. */
    phoneMasked: z.string(),
    /** As sent, but a secret of the visitor's (a booking code) masked: `********`. */
    text: z.string(),
    template: z.object({ code: z.string(), params: z.record(z.string(), z.string()) }),
    /** The parameters masked in `text` and `template.params` (`["code"]`): filled in only when sent. */
    maskedParams: z.optional(z.array(z.string())),
    createdAt: z.string(),
    notBefore: z.string(),
    expiresAt: z.string(),
    status: z.enum(['queued', 'sent', 'failed', 'cancelled']),
    statusLabel: z.string(),
    attempts: z.array(attempt),
    nextAttemptAt: z.optional(z.string()),
    sentAt: z.optional(z.string()),
    version: z.number(),
  }),
);

export const messageListSchema = z.lazy(() =>
  z.object({
    date: z.string(),
    /** The adapter that sends now: `outbox` means nothing leaves the machine. */
    adapter: z.enum(['outbox', 'aws', 'aliyun']),
    items: z.array(messageViewSchema),
    nextCursor: z.nullable(z.string()),
  }),
);

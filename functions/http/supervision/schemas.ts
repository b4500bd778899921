import * as z from 'zod/mini';

const levelCounts = z.lazy(() => z.object({ remind: z.number(), yellow: z.number(), red: z.number() }));

/** What one sweep did (the full summary; `examined` and `changed` are the original fields). */
export const fullSweepSummarySchema = z.lazy(() =>
  z.object({
    at: z.string(),
    examined: z.number(),
    changed: z.number(),
    changedByLevel: levelCounts,
    changedByType: z.record(z.string(), z.number()),
    published: z.number(),
    duplicates: z.number(),
    cards: z.number(),
    inboxEntries: z.number(),
    readCapacity: z.number(),
    itemsRead: z.number(),
    remaining: z.boolean(),
    nextRunHint: z.object({ nextScheduledAt: z.string(), earliestNextCheckAt: z.nullable(z.string()) }),
    durationMs: z.number(),
  }),
);

/** Optional body of POST /api/supervision/sweeps: time travel for operators (supervisor, admin). */
export const sweepRequestSchema = z.lazy(() =>
  z.optional(
    z.object({
      /** Instant with offset (`2026-12-01T09:00:00+08:00`); default now. */
      now: z.optional(
        z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/)),
      ),
    }),
  ),
);
export type SweepRequest = z.infer<typeof sweepRequestSchema>;

export const inboxQuerySchema = z.lazy(() =>
  z.object({
    /** Entries to return, newest first (default 50, at most 200). */
    limit: z.optional(z.string().check(z.regex(/^[1-9]\d{0,2}$/))),
  }),
);

const recipientFree = z.lazy(() =>
  z.object({
    eventId: z.string(),
    type: z.string(),
    level: z.enum(['remind', 'yellow', 'red']),
    levelLabel: z.string(),
    occurredAt: z.string(),
    subject: z.object({
      kind: z.enum(['case', 'complaint', 'rating', 'card']),
      id: z.string(),
      title: z.string(),
      caseNo: z.optional(z.string()),
    }),
    clock: z.object({ name: z.string(), label: z.string(), dueAt: z.nullable(z.string()) }),
    department: z.string(),
    window: z.optional(z.string()),
    handler: z.optional(z.string()),
    card: z.optional(z.object({ id: z.string(), answerDueAt: z.nullable(z.string()) })),
    address: z.string(),
  }),
);

export const inboxSchema = z.lazy(() =>
  z.object({
    /** The inboxes read: user#<username>, window#<code>, chief#<dept>, leader#<dept>, supervisor. */
    addresses: z.array(z.string()),
    items: z.array(recipientFree),
  }),
);

export const cardsQuerySchema = z.lazy(() =>
  z.object({
    /** A department's cards (supervisor, admin); chiefs and leaders always get their own department's. */
    department: z.optional(z.string().check(z.regex(/^[a-z][a-z0-9-]{0,31}$/))),
    /** `true`: only cards still waiting for an answer. */
    open: z.optional(z.enum(['true', 'false'])),
    limit: z.optional(z.string().check(z.regex(/^[1-9]\d{0,2}$/))),
  }),
);

export const cardSchema = z.lazy(() =>
  z.object({
    id: z.string(),
    version: z.number(),
    level: z.enum(['yellow', 'red']),
    levelLabel: z.string(),
    subject: z.object({
      kind: z.enum(['case', 'complaint', 'rating', 'card']),
      id: z.string(),
      title: z.string(),
    }),
    clock: z.string(),
    department: z.string(),
    window: z.optional(z.string()),
    issuedAt: z.string(),
    answerDueAt: z.nullable(z.string()),
    answeredAt: z.optional(z.string()),
    answer: z.optional(z.string()),
    answeredBy: z.optional(z.string()),
  }),
);

export const cardsSchema = z.lazy(() => z.object({ items: z.array(cardSchema) }));

export const cardAnswerBodySchema = z.lazy(() =>
  z.object({
    cardId: z.string().check(z.minLength(1), z.maxLength(300)),
    /** The card version the answer was written against (409 with `currentVersion` when it moved on). */
    version: z.int().check(z.positive()),
    answer: z.string().check(z.minLength(1), z.maxLength(2000), z.regex(/\S/)),
  }),
);

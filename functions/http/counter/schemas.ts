/** Request and response schemas of the front counter's routes (取号叫号). */
import * as z from 'zod/mini';

const code = z.lazy(() =>
  z.string().check(z.regex(/^[a-z][a-z0-9-]{0,31}$/, { error: '编码只能由小写字母、数字和连字符组成。' })),
);
const windowCode = z.lazy(() =>
  z.string().check(z.regex(/^[a-z][a-z0-9-]{0,31}-\d{2}$/, { error: '窗口编码形如 mz-01。' })),
);
const ticketNo = z.lazy(() => z.string().check(z.regex(/^[A-Z]\d{3,5}$/, { error: '号码形如 A001。' })));

export const takeTicketBodySchema = z.lazy(() =>
  z.object({
    category: code,
    priority: z.optional(code),
  }),
);

export const windowParamsSchema = z.lazy(() => z.object({ window: windowCode }));
export const windowTicketParamsSchema = z.lazy(() => z.object({ window: windowCode, ticketNo }));

export const transferBodySchema = z.lazy(() =>
  z.object({
    window: z.optional(windowCode),
    category: z.optional(code),
  }),
);

const event = z.lazy(() =>
  z.object({
    at: z.string(),
    action: z.string(),
    window: z.optional(z.string()),
    by: z.optional(z.string()),
    note: z.optional(z.string()),
  }),
);

/** What the visitor's ticket shows (kiosk, phone, receipt): no personal data at all. */
export const publicTicketSchema = z.lazy(() =>
  z.object({
    ticketNo: z.string(),
    category: z.string(),
    categoryName: z.string(),
    date: z.string(),
    takenAt: z.string(),
    priority: z.optional(z.string()),
    priorityLabel: z.optional(z.string()),
    ahead: z.number(),
    estimateMinutes: z.number(),
    windows: z.array(z.string()),
  }),
);

/** A ticket as the desk sees it, with its history and the clocks of the visit. */
export const staffTicketSchema = z.lazy(() =>
  z.object({
    ticketNo: z.string(),
    date: z.string(),
    category: z.string(),
    categoryName: z.string(),
    serial: z.number(),
    priority: z.optional(z.string()),
    priorityLabel: z.optional(z.string()),
    status: z.enum(['waiting', 'called', 'no-show', 'ended']),
    statusLabel: z.string(),
    takenAt: z.string(),
    window: z.optional(z.string()),
    calledAt: z.optional(z.string()),
    firstCalledAt: z.optional(z.string()),
    endedAt: z.optional(z.string()),
    waitSeconds: z.optional(z.number()),
    serviceSeconds: z.optional(z.number()),
    calls: z.number(),
    rejoined: z.boolean(),
    version: z.number(),
    history: z.array(event),
  }),
);

const waitingCategory = z.lazy(() =>
  z.object({
    code: z.string(),
    name: z.string(),
    prefix: z.string(),
    windows: z.array(z.string()),
    waiting: z.number(),
  }),
);

export const hallSchema = z.lazy(() =>
  z.object({
    open: z.boolean(),
    message: z.optional(z.string()),
    date: z.string(),
    categories: z.array(waitingCategory),
    calls: z.array(
      z.object({ ticketNo: z.string(), window: z.string(), calledAt: z.string(), category: z.string() }),
    ),
    priorityReasons: z.array(z.object({ code: z.string(), label: z.string() })),
  }),
);

export const windowCounterSchema = z.lazy(() =>
  z.object({
    window: z.string(),
    date: z.string(),
    categories: z.array(waitingCategory),
    /** Waiting in the window's own queue (tickets transferred to it). */
    transferredHere: z.number(),
    /** The ticket of the window's latest call, while it is still being served. */
    current: z.optional(staffTicketSchema),
  }),
);

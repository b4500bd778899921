/** Request and response schemas of the front counter's routes (取号叫号). */
import * as z from 'zod/mini';
import { parsePeriod } from '../../domain/figures/periods.ts';
import { parseScope } from '../../domain/figures/scopes.ts';

const code = z
  .string()
  .check(z.regex(/^[a-z][a-z0-9-]{0,31}$/, { error: '编码只能由小写字母、数字和连字符组成。' }));
const windowCode = z
  .string()
  .check(z.regex(/^[a-z][a-z0-9-]{0,31}-\d{2}$/, { error: '窗口编码形如 mz-01。' }));
const ticketNo = z.string().check(z.regex(/^[A-Z]\d{3,5}$/, { error: '号码形如 A001。' }));

export const takeTicketBodySchema = z.object({
  category: code,
  priority: z.optional(code),
  /** A mobile number for the "your number is near" SMS (optional; sealed, shown back masked). */
  phone: z.optional(z.string().check(z.maxLength(20))),
});

export const windowParamsSchema = z.object({ window: windowCode });
export const windowTicketParamsSchema = z.object({ window: windowCode, ticketNo });

export const transferBodySchema = z.object({
  window: z.optional(windowCode),
  category: z.optional(code),
});

const event = z.object({
  at: z.string(),
  action: z.string(),
  window: z.optional(z.string()),
  by: z.optional(z.string()),
  note: z.optional(z.string()),
});

/** What the visitor's ticket shows (kiosk, phone, receipt): no personal data at all. */
export const publicTicketSchema = z.object({
  ticketNo: z.string(),
  category: z.string(),
  categoryName: z.string(),
  date: z.string(),
  takenAt: z.string(),
  priority: z.optional(z.string()),
  priorityLabel: z.optional(z.string()),
  /** The phone the "your number is near" SMS goes to, masked. */
  notifyPhone: z.optional(z.string()),
  ahead: z.number(),
  estimateMinutes: z.number(),
  windows: z.array(z.string()),
});

/** A ticket as the desk sees it, with its history and the clocks of the visit. */
export const staffTicketSchema = z.object({
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
  notifyPhone: z.optional(z.string()),
  /** The cases taken in from this visit. */
  caseNos: z.optional(z.array(z.string())),
  version: z.number(),
  history: z.array(event),
});

const waitingCategory = z.object({
  code: z.string(),
  name: z.string(),
  prefix: z.string(),
  windows: z.array(z.string()),
  waiting: z.number(),
});

export const hallSchema = z.object({
  open: z.boolean(),
  message: z.optional(z.string()),
  date: z.string(),
  categories: z.array(waitingCategory),
  calls: z.array(
    z.object({ ticketNo: z.string(), window: z.string(), calledAt: z.string(), category: z.string() }),
  ),
  priorityReasons: z.array(z.object({ code: z.string(), label: z.string() })),
});

export const windowCounterSchema = z.object({
  window: z.string(),
  date: z.string(),
  categories: z.array(waitingCategory),
  /** Waiting in the window's own queue (tickets transferred to it). */
  transferredHere: z.number(),
  /** The ticket of the window's latest call, while it is still being served. */
  current: z.optional(staffTicketSchema),
});

export const visitParamsSchema = z.object({
  date: z
    .string()
    .check(z.refine((value) => parsePeriod(value)?.kind === 'day', { message: '日期形如 2026-12-01。' })),
  ticketNo,
});

/** The figures' scope and period: a day or a month (the tickets of a longer period are not kept by day for long). */
export const counterFiguresQuerySchema = z.object({
  /** `centre`, `department:<code>`, `window:<code>` or `clerk:<username>`; default: the caller's own. */
  scope: z.optional(
    z.string().check(
      z.refine((value) => parseScope(value) !== undefined, {
        message: '统计范围应为 centre、department:<部门代码>、window:<窗口代码> 或 clerk:<用户名>。',
      }),
    ),
  ),
  /** `2026-12-03` or `2026-12`. */
  period: z.string().check(
    z.refine((value) => ['day', 'month'].includes(parsePeriod(value)?.kind ?? ''), {
      message: '叫号统计期应为日（2026-12-03）或月（2026-12），年份 2000–2099。',
    }),
  ),
});

const duration = z.object({
  count: z.number(),
  meanSeconds: z.nullable(z.number()),
  p90Seconds: z.nullable(z.number()),
});

const figureSet = {
  tickets: z.number(),
  called: z.number(),
  served: z.number(),
  noShows: z.number(),
  neverCalled: z.number(),
  waitedPastTarget: z.number(),
  wait: duration,
  service: duration,
};

export const counterFiguresSchema = z.object({
  scope: z.string(),
  scopeLabel: z.string(),
  period: z.object({ kind: z.string(), key: z.string(), from: z.string(), to: z.string() }),
  asOf: z.string(),
  total: z.object(figureSet),
  byCategory: z.array(
    z.object({ code: z.string(), name: z.string(), waitTargetMinutes: z.number(), ...figureSet }),
  ),
  byWindow: z.array(z.object({ window: z.string(), ...figureSet })),
  byHour: z.array(z.object({ hour: z.number(), ...figureSet })),
  definitions: z.array(z.object({ name: z.string(), definition: z.string() })),
});

/** Request and response schemas of the front counter's routes (取号叫号). */
import * as z from 'zod/mini';
import { isCivilDate } from '../../domain/calendar/civil.ts';
import { normalizeQueryCode, queryCodePattern } from '../../domain/cases/case-number.ts';
import { parsePeriod } from '../../domain/figures/periods.ts';
import { parseScope } from '../../domain/figures/scopes.ts';
import { mobileNumber } from '../../domain/identity-number.ts';
import { plainText } from '../schemas.ts';

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
    /** A mobile number for the "your number is near" SMS (optional; sealed, shown back masked). */
    phone: z.optional(z.string().check(z.maxLength(20))),
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
const publicTicketFields = () => ({
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
export const publicTicketSchema = z.lazy(() => z.object(publicTicketFields()));

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
    notifyPhone: z.optional(z.string()),
    /** The cases taken in from this visit. */
    caseNos: z.optional(z.array(z.string())),
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

// ——— Appointments (预约) ———

const itemCode = z.lazy(() =>
  z.string().check(z.regex(/^[A-Z0-9][A-Z0-9-]{2,62}[A-Z0-9]$/, { error: '事项编码形如 YC-MZ-0102。' })),
);
const civilDate = z.lazy(() =>
  z.string().check(
    z.maxLength(10),
    z.refine((value) => isCivilDate(value), { error: '日期应为真实的日期，格式 YYYY-MM-DD。' }),
  ),
);
const slotTime = z.lazy(() =>
  z
    .string()
    .check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: '时段应为开始时间，格式 HH:MM，如 09:30。' })),
);
/** The booking code as the visitor types it: spaces, hyphens and lower case are forgiven. */
const bookingCode = z.lazy(() =>
  z.string().check(
    z.maxLength(20),
    z.refine((value) => queryCodePattern.test(normalizeQueryCode(value)), {
      error: '预约码为 8 位字母和数字（不含 0、1、I、L、O）。',
    }),
  ),
);
const mobile = z.lazy(() =>
  z.string().check(
    z.maxLength(20),
    z.refine((value) => mobileNumber(value) !== undefined, {
      error: '请填写 11 位手机号码，用于接收预约短信。',
    }),
  ),
);

export const appointmentSlotsQuerySchema = z.lazy(() =>
  z.object({
    /** The category to book (one of category and item). */
    category: z.optional(code),
    /** Or the catalogue item to book: its category's slots. */
    item: z.optional(itemCode),
    /** First day, YYYY-MM-DD (default: today; earlier days are skipped). */
    from: z.optional(civilDate),
    /** How many days, 1–31 (default 7); never past the booking window. */
    days: z.optional(z.string().check(z.regex(/^([1-9]|[12]\d|3[01])$/, { error: '天数为 1–31。' }))),
  }),
);

export const bookAppointmentBodySchema = z.lazy(() =>
  z.object({
    category: z.optional(code),
    item: z.optional(itemCode),
    date: civilDate,
    time: slotTime,
    name: plainText(40),
    phone: mobile,
  }),
);

export const cancelAppointmentBodySchema = z.lazy(() =>
  z.object({
    code: bookingCode,
    /** The last four digits of the phone the booking was made with: a code alone cancels nothing. */
    phoneLast4: z.string().check(z.regex(/^\d{4}$/, { error: '请填写预约手机号的后 4 位数字。' })),
  }),
);

export const checkInBodySchema = z.lazy(() => z.object({ code: bookingCode }));

export const appointmentsQuerySchema = z.lazy(() =>
  z.object({
    /** The day, YYYY-MM-DD (default: today). */
    date: z.optional(civilDate),
    /** One category of the caller's windows (default: all of them). */
    category: z.optional(code),
  }),
);

const slotView = z.lazy(() =>
  z.object({
    time: z.string(),
    endTime: z.string(),
    /** The 延时服务 period's name, when the slot is outside the opening hours. */
    extended: z.optional(z.string()),
    seats: z.number(),
    remaining: z.number(),
  }),
);

export const appointmentSlotsSchema = z.lazy(() =>
  z.object({
    category: z.object({ code: z.string(), name: z.string() }),
    item: z.optional(z.object({ code: z.string(), name: z.string() })),
    slotMinutes: z.number(),
    lastBookableDate: z.string(),
    checkInMinutesBefore: z.number(),
    graceMinutes: z.number(),
    days: z.array(
      z.object({
        date: z.string(),
        weekday: z.string(),
        open: z.boolean(),
        reason: z.optional(z.string()),
        message: z.optional(z.string()),
        slots: z.array(slotView),
      }),
    ),
  }),
);

/** A booking as its holder and the desk see it: the holder masked. */
const appointmentFields = () => ({
  category: z.string(),
  categoryName: z.string(),
  item: z.optional(z.string()),
  itemName: z.optional(z.string()),
  date: z.string(),
  time: z.string(),
  endTime: z.string(),
  extended: z.optional(z.string()),
  holder: z.object({ name: z.string(), phone: z.string() }),
  state: z.enum(['booked', 'checked-in', 'cancelled', 'forfeited']),
  stateLabel: z.string(),
  checkInFrom: z.string(),
  checkInUntil: z.string(),
});

export const bookedAppointmentSchema = z.lazy(() =>
  z.object({
    /** The booking code, shown once: check-in and cancellation need it. */
    code: z.string(),
    ...appointmentFields(),
    /** What to bring (the item's materials, or the general list). */
    bring: z.array(z.string()),
  }),
);

export const appointmentSchema = z.lazy(() => z.object(appointmentFields()));

export const checkedInSchema = z.lazy(() =>
  z.object({
    ...publicTicketFields(),
    appointment: z.object({ date: z.string(), time: z.string(), endTime: z.string() }),
  }),
);

export const dayAppointmentsSchema = z.lazy(() =>
  z.object({
    date: z.string(),
    categories: z.array(z.object({ code: z.string(), name: z.string() })),
    counts: z.object({
      booked: z.number(),
      checkedIn: z.number(),
      cancelled: z.number(),
      forfeited: z.number(),
    }),
    appointments: z.array(
      z.object({
        ...appointmentFields(),
        bookedAt: z.string(),
        checkedInAt: z.optional(z.string()),
        ticketNo: z.optional(z.string()),
      }),
    ),
  }),
);

export const visitParamsSchema = z.lazy(() =>
  z.object({
    date: z
      .string()
      .check(z.refine((value) => parsePeriod(value)?.kind === 'day', { message: '日期形如 2026-12-01。' })),
    ticketNo,
  }),
);

/** The figures' scope and period: a day or a month (the tickets of a longer period are not kept by day for long). */
export const counterFiguresQuerySchema = z.lazy(() =>
  z.object({
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
  }),
);

const duration = z.lazy(() =>
  z.object({
    count: z.number(),
    meanSeconds: z.nullable(z.number()),
    p90Seconds: z.nullable(z.number()),
  }),
);

const figureSet = () => ({
  tickets: z.number(),
  called: z.number(),
  served: z.number(),
  noShows: z.number(),
  neverCalled: z.number(),
  waitedPastTarget: z.number(),
  wait: duration,
  service: duration,
});

export const counterFiguresSchema = z.lazy(() =>
  z.object({
    scope: z.string(),
    scopeLabel: z.string(),
    period: z.object({ kind: z.string(), key: z.string(), from: z.string(), to: z.string() }),
    asOf: z.string(),
    total: z.object(figureSet()),
    byCategory: z.array(
      z.object({ code: z.string(), name: z.string(), waitTargetMinutes: z.number(), ...figureSet() }),
    ),
    byWindow: z.array(z.object({ window: z.string(), ...figureSet() })),
    byHour: z.array(z.object({ hour: z.number(), ...figureSet() })),
    definitions: z.array(z.object({ name: z.string(), definition: z.string() })),
  }),
);

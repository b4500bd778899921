/**
 * What the appointment handlers (the public routes and the desk's list) share and that needs no
 * personal data: the settings and the rules' context, the category a request books, the slots
 * with their seats left, what to bring, and a booking's view (holder masked). Not a route.
 */
import { appointmentSettings, centreClocks } from '../../config/centre.ts';
import { addDays, type CivilDate } from '../../domain/calendar/civil.ts';
import { civilDateAt, formatInstant } from '../../domain/calendar/instant.ts';
import { catalogueItem } from '../../domain/catalogue/item-lookup.ts';
import {
  type Appointment,
  type AppointmentContext,
  appointmentDays,
  appointmentState,
  appointmentStateLabels,
  checkInWindow,
  lastBookableDate,
} from '../../domain/counter/appointments.ts';
import { CounterError } from '../../domain/counter/errors.ts';
import { type CounterCategory, findCategory } from '../../domain/counter/settings.ts';
import { seatsTaken } from '../../store/counter/appointments.ts';
import { invalidRequest } from '../problems.ts';
import { categoryOf, settings } from './support.ts';

// Read on the container's start, like the counter's settings.
export const appointments = appointmentSettings();

export function appointmentContext(): AppointmentContext {
  return { counter: settings, appointments, calendar: centreClocks().calendar };
}

/**
 * The category a request books: `category`, or the category covering `item` (exactly one of the
 * two). `where`: `query` or `body`, for the field names of a refusal.
 */
export function bookedFor(
  request: { category?: string; item?: string },
  where: 'query' | 'body',
): { category: CounterCategory; item?: string } {
  if ((request.category === undefined) === (request.item === undefined)) {
    throw invalidRequest([
      {
        field: `${where}.category`,
        rule: 'one_of',
        message: '请选择业务类别（category）或办理事项（item），二者选一。',
      },
    ]);
  }
  if (request.item !== undefined) {
    const item = request.item;
    const category = settings.categories.find((candidate) => candidate.items.includes(item));
    if (!category) {
      throw new CounterError('unknown-item', `“${item}”不是可预约的事项。`, { field: `${where}.item` });
    }
    return { category, item };
  }
  const category = findCategory(settings, request.category as string);
  if (!category) {
    throw new CounterError('unknown-category', `没有“${request.category}”这一业务类别。`, {
      field: `${where}.category`,
    });
  }
  return { category };
}

/** The catalogue's name of a booked item. */
export const itemName = (item: string | undefined) => (item ? catalogueItem(item)?.name : undefined);

/** What to bring: the item's materials, or what every visit needs. */
export function whatToBring(item: string | undefined): string[] {
  const general = '预约人本人有效身份证件（代办的另带委托书和代办人身份证件）';
  const rules = item ? catalogueItem(item) : undefined;
  if (!rules) return [general, '所办事项办事指南列明的申请材料（可在本站“办事指南”中查询）'];
  const copies = (material: { originals?: number; copies?: number }) =>
    [
      material.originals ? `原件 ${material.originals} 份` : '',
      material.copies ? `复印件 ${material.copies} 份` : '',
    ]
      .filter(Boolean)
      .join('，');
  return [
    general,
    ...rules.materials.map((material) => {
      const counts = copies(material);
      const condition = material.required ? '' : `${material.condition ?? '如适用'}：`;
      return `${condition}${material.name}${counts ? `（${counts}）` : ''}`;
    }),
  ];
}

/** A booking as its holder and the desk see it at `nowMs`: the holder masked, the state and the check-in window. */
export function appointmentView(appointment: Appointment, nowMs: number) {
  const state = appointmentState(appointment, appointments, nowMs);
  const window = checkInWindow(appointment, appointments);
  const name = itemName(appointment.item);
  return {
    category: appointment.category,
    categoryName: categoryOf(appointment.category).name,
    ...(appointment.item ? { item: appointment.item } : {}),
    ...(name ? { itemName: name } : {}),
    date: appointment.date,
    time: appointment.time,
    endTime: appointment.endTime,
    ...(appointment.extended ? { extended: appointment.extended } : {}),
    holder: appointment.holder,
    state,
    stateLabel: appointmentStateLabels[state],
    checkInFrom: formatInstant(window.fromMs),
    checkInUntil: formatInstant(window.untilMs),
  };
}

/** The slots of `days` days from `from` with the seats left in each. */
export async function slotListing(
  table: string,
  query: { category?: string; item?: string; from?: string; days?: string },
  nowMs: number,
) {
  const { category, item } = bookedFor(query, 'query');
  const days = appointmentDays(
    appointmentContext(),
    category,
    query.from ?? civilDateAt(nowMs),
    Number(query.days ?? 7),
    nowMs,
  );
  const first = days[0]?.date;
  const last = days.at(-1)?.date;
  const taken =
    first && last ? await seatsTaken(table, category.code, first, last) : new Map<string, number>();
  const name = itemName(item);
  return {
    category: { code: category.code, name: category.name },
    ...(item ? { item: { code: item, name: name ?? item } } : {}),
    slotMinutes: appointments.slotMinutes,
    lastBookableDate: lastBookableDate(appointments, nowMs),
    checkInMinutesBefore: appointments.checkInMinutesBefore,
    graceMinutes: appointments.graceMinutes,
    days: days.map((day) =>
      day.open
        ? {
            date: day.date,
            weekday: day.weekday,
            open: true,
            slots: day.slots.map((slot) => ({
              time: slot.time,
              endTime: slot.endTime,
              ...(slot.extended ? { extended: slot.extended } : {}),
              seats: slot.seats,
              remaining: Math.max(0, slot.seats - (taken.get(`${slot.date}#${slot.time}`) ?? 0)),
            })),
          }
        : {
            date: day.date,
            weekday: day.weekday,
            open: false,
            reason: day.reason,
            message: day.message,
            slots: [],
          },
    ),
  };
}

/** The dates a staff listing may ask for: a year back to the booking window ahead. */
export function listableDate(date: CivilDate | undefined, nowMs: number): CivilDate {
  const today = civilDateAt(nowMs);
  const chosen = date ?? today;
  if (chosen < addDays(today, -366) || chosen > lastBookableDate(appointments, nowMs)) {
    throw invalidRequest([
      {
        field: 'query.date',
        rule: 'range',
        message: `可查询一年内至 ${lastBookableDate(appointments, nowMs)} 的预约。`,
      },
    ]);
  }
  return chosen;
}

/**
 * The commands of appointments (预约), with the personal-data cipher: booking (the rules of the day
 * and the phone, a seat claimed with one conditional write, the holder sealed, a code drawn, its
 * messages queued), cancelling with the code and the phone's last four digits (its reminder
 * withdrawn), checking in for a priority ticket that carries the holder's phone for 即将到号.
 * Not a route.
 */
import { randomBytes } from 'node:crypto';
import type { CivilDate } from '../../domain/calendar/civil.ts';
import { civilDateAt, formatInstant } from '../../domain/calendar/instant.ts';
import { normalizeQueryCode, queryCodeFromBytes } from '../../domain/cases/case-number.ts';
import {
  type Appointment,
  bookAppointment,
  bookableSlot,
  cancelAppointment,
  checkCheckInOpen,
  checkInAppointment,
  checkPhoneMayBook,
  noShowLookbackMs,
} from '../../domain/counter/appointments.ts';
import { CounterError } from '../../domain/counter/errors.ts';
import { type Ticket, takeTicket } from '../../domain/counter/tickets.ts';
import { mobileNumber } from '../../domain/identity-number.ts';
import { maskName, maskPhone } from '../../domain/privacy.ts';
import {
  AppointmentCodeTakenError,
  AppointmentConflictError,
  appointmentCodePurpose,
  appointmentPhonePurpose,
  appointmentSealContext,
  claimSeat,
  insertAppointment,
  loadAppointment,
  phoneAppointments,
  releaseSeat,
  type StoredAppointment,
  saveAppointment,
} from '../../store/counter/appointments.ts';
import { createTicket, loadTicket, ticketPhoneContext } from '../../store/counter/tickets.ts';
import { personalDataCipher, sameDigest } from '../../store/personal-data/cipher.ts';
import { countCase, recordFailure } from '../../store/public-lookup-guard.ts';
import { logger } from '../observability.ts';
import { HttpProblem } from '../problems.ts';
import { lookupRefused } from '../public-lookup.ts';
import { notifyBooked, withdrawBookingMessages } from './appointment-notices.ts';
import { appointmentContext, appointments, bookedFor, whatToBring } from './appointment-views.ts';
import { categoryOf } from './support.ts';
import { drawTicket, placeTicket, publicTicket } from './ticket-issue.ts';

/** The one answer for an unknown code and, at cancellation, a wrong phone: neither tells the other. */
export const appointmentNotFound = {
  type: 'https://yichuang.dev/problems/appointment-not-found',
  title: '未找到预约',
  status: 404,
  detail: '预约码不正确，或与预约手机号不符，请核对。',
} as const;

export interface BookingRequest {
  category?: string;
  item?: string;
  date: CivilDate;
  time: string;
  name: string;
  phone: string;
}

/**
 * Books a slot: the rules of the day and the time, the phone's no-shows and open bookings, then
 * one conditional write claims a seat, and the booking is put with a fresh code (a code whose
 * hash exists draws another). A put that fails gives the seat back.
 */
export async function bookSlot(table: string, request: BookingRequest, nowMs: number) {
  const { category, item } = bookedFor(request, 'body');
  const slot = bookableSlot(appointmentContext(), category, request.date, request.time, nowMs);
  const phone = mobileNumber(request.phone);
  if (!phone) throw new Error('The schema lets only mobile numbers through.');
  const holder = { name: request.name.trim(), phone };
  const cipher = await personalDataCipher();
  const phoneDigest = await cipher.digest(appointmentPhonePurpose, holder.phone);
  const history = await phoneAppointments(
    table,
    phoneDigest,
    formatInstant(nowMs - noShowLookbackMs(appointments)),
  );
  checkPhoneMayBook(history, appointments, nowMs);

  const seat = { category: category.code, date: slot.date, time: slot.time, seats: slot.seats };
  if (!(await claimSeat(table, seat))) {
    throw new CounterError(
      'slot-full',
      `${slot.date} ${slot.time}–${slot.endTime} 的${category.name}预约已满，请选择其他时段。`,
      { field: 'body.time' },
    );
  }
  let booked: { code: string; appointment: Appointment } | undefined;
  try {
    for (let attempt = 0; !booked; attempt += 1) {
      const code = queryCodeFromBytes(randomBytes(24));
      const id = await cipher.digest(appointmentCodePurpose, code);
      const appointment = bookAppointment({
        id,
        category,
        ...(item ? { item } : {}),
        slot,
        holder: { name: maskName(holder.name), phone: maskPhone(holder.phone) },
        now: new Date(nowMs),
      });
      const contactSealed = await cipher.seal(JSON.stringify(holder), appointmentSealContext(id));
      try {
        await insertAppointment(table, { appointment, contactSealed }, phoneDigest);
        booked = { code, appointment };
      } catch (error) {
        if (!(error instanceof AppointmentCodeTakenError && attempt < 3)) throw error;
      }
    }
  } catch (error) {
    await releaseSeat(table, seat);
    throw error;
  }
  const { appointment } = booked;
  logger.info('Appointment booked', {
    appointment: appointment.id.slice(0, 12),
    category: appointment.category,
    date: appointment.date,
    time: appointment.time,
    extended: appointment.extended,
  });
  // After the booking's own writes: its messages never undo it (notify logs a failure and goes on).
  await notifyBooked(table, appointment, { code: booked.code, phone: holder.phone }, new Date(nowMs));
  return { ...booked, bring: whatToBring(item) };
}

async function codeId(code: string): Promise<string> {
  return (await personalDataCipher()).digest(appointmentCodePurpose, normalizeQueryCode(code));
}

/** The holder as they gave it, opened from the booking's sealed copy: never for a view or a log. */
async function openHolder(stored: StoredAppointment): Promise<{ name: string; phone: string }> {
  const cipher = await personalDataCipher();
  return JSON.parse(await cipher.open(stored.contactSealed, appointmentSealContext(stored.appointment.id)));
}

/**
 * Cancels a booking with its code and the last four digits of its phone: guarded per code like a
 * progress lookup (wrong phones lock it), the same 404 for an unknown code and a wrong phone.
 * The seat is given back.
 */
export async function cancelBooking(table: string, code: string, phoneLast4: string, nowMs: number) {
  const id = await codeId(code);
  const guard = await countCase(table, `appointment#${id}`, nowMs);
  if (!guard.ok) {
    throw lookupRefused(
      guard,
      '请求过于频繁，请稍后再试。',
      '该预约码的手机号核对错误次数过多，已暂时锁定，请稍后再试。',
    );
  }
  const stored = await loadAppointment(table, id);
  const holder = stored ? await openHolder(stored) : undefined;
  if (!stored || !holder || !sameDigest(holder.phone.slice(-4), phoneLast4)) {
    await recordFailure(table, `appointment#${id}`, nowMs, guard.failures);
    throw new HttpProblem(appointmentNotFound);
  }
  const next = cancelAppointment(stored.appointment, new Date(nowMs));
  await saveAppointment(table, stored.appointment, next);
  await releaseSeat(table, { category: next.category, date: next.date, time: next.time });
  logger.info('Appointment cancelled', { appointment: id.slice(0, 12), date: next.date, time: next.time });
  await withdrawBookingMessages(table, next);
  return next;
}

/**
 * The holder's phone sealed for the booking's ticket, so that "your number is near" (即将到号)
 * reaches an appointment holder as it reaches a visitor who left a phone on the phone page: opened
 * from the booking, sealed anew under the ticket's context. The ticket shows it masked (the
 * booking's masked copy).
 */
async function ticketPhoneSealed(stored: StoredAppointment, ticket: Pick<Ticket, 'date' | 'ticketNo'>) {
  const { phone } = await openHolder(stored);
  return (await personalDataCipher()).seal(phone, ticketPhoneContext(ticket.date, ticket.ticketNo));
}

/** The ticket of a booking checked in already: the stored one, or — after a crash between the two writes — made again. */
async function ticketOfCheckedIn(table: string, stored: StoredAppointment) {
  const { appointment } = stored;
  const drawn = appointment.ticket;
  if (!drawn || !appointment.checkedInAt) throw new Error('A checked-in booking without its ticket.');
  const found = await loadTicket(table, drawn.date, drawn.ticketNo);
  if (found) return found;
  const ticket = takeTicket({
    category: categoryOf(appointment.category),
    serial: drawn.serial,
    date: drawn.date,
    priority: appointments.priorityReason,
    notifyPhone: appointment.holder.phone,
    now: new Date(appointment.checkedInAt),
  });
  await createTicket(table, ticket, { phoneSealed: await ticketPhoneSealed(stored, ticket) }).catch(
    async (error: unknown) => {
      if (!(await loadTicket(table, drawn.date, drawn.ticketNo))) throw error;
    },
  );
  return ticket;
}

/**
 * Checks a booking in at the kiosk: within its window, a priority ticket (the appointment reason)
 * of its category is drawn, the booking records it (one conditional write), then the ticket is
 * stored. Checked in already: the same ticket again (200), so a lost slip can be printed anew.
 */
export async function checkInBooking(table: string, code: string, nowMs: number) {
  const id = await codeId(code);
  const stored = await loadAppointment(table, id);
  if (!stored) throw new HttpProblem({ ...appointmentNotFound, detail: '预约码不正确，请核对后重新输入。' });
  const { appointment } = stored;
  const slot = { date: appointment.date, time: appointment.time, endTime: appointment.endTime };
  if (appointment.status === 'checked-in') {
    const ticket = await ticketOfCheckedIn(table, stored);
    return { status: 200, body: { ...(await publicTicket(table, ticket)), appointment: slot } };
  }
  const now = new Date(nowMs);
  checkCheckInOpen(appointment, appointments, now);
  const category = categoryOf(appointment.category);
  const ticket = await drawTicket(table, category, civilDateAt(nowMs), now, {
    priority: appointments.priorityReason,
    notifyPhone: appointment.holder.phone,
  });
  // Sealed before the booking's write, so that nothing but the ticket's own write comes after it.
  const phoneSealed = await ticketPhoneSealed(stored, ticket);
  const next = checkInAppointment(appointment, appointments, now, {
    ticketNo: ticket.ticketNo,
    date: ticket.date,
    serial: ticket.serial,
  });
  try {
    await saveAppointment(table, appointment, next);
  } catch (error) {
    // Pressed twice at once: the other press checked it in; show its ticket.
    if (!(error instanceof AppointmentConflictError)) throw error;
    const again = await loadAppointment(table, id);
    if (again?.appointment.status !== 'checked-in') throw error;
    const theirs = await ticketOfCheckedIn(table, again);
    return { status: 200, body: { ...(await publicTicket(table, theirs)), appointment: slot } };
  }
  const view = await placeTicket(table, ticket, phoneSealed);
  logger.info('Appointment checked in', {
    appointment: id.slice(0, 12),
    ticketNo: ticket.ticketNo,
    category: category.code,
    ahead: view.ahead,
  });
  return { status: 201, body: { ...view, appointment: slot } };
}

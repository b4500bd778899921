/**
 * The messages of a booking (functions/http/messages/notify.ts): 预约成功 and the reminder of the
 * day before, queued once the booking is stored, withdrawn when it is cancelled. Neither is ever
 * fatal to the booking or the cancellation: the port logs a failure (masked) and answers nothing.
 *
 * The messages are about the booking's key — the keyed hash of its code — which names the booking
 * in the outbox and rebuilds the messages' ids at cancellation, and from which no one gets the
 * code. The code itself goes into the confirmation's text (the visitor's only copy besides the
 * booking page), which the messages keep masked for staff and sealed in clear for sending.
 */
import { dateText } from '../../domain/calendar/civil.ts';
import { type Appointment, reminderAt, spokenTime } from '../../domain/counter/appointments.ts';
import { categoryDepartment } from '../../domain/counter/waits.ts';
import type { MessageSubject } from '../../domain/messages/message.ts';
import { cancelNotification, defaultMessageId, notify } from '../messages/notify.ts';
import { appointments, itemName } from './appointment-views.ts';
import { categoryOf } from './support.ts';

const subjectOf = (appointment: Pick<Appointment, 'id'>): MessageSubject => ({
  kind: 'appointment',
  id: appointment.id,
});

/**
 * A booking was stored: its confirmation to `phone` (the holder's, in clear) now, with the code,
 * and its reminder the day before (reminderAt: none for a booking made the day before or later).
 */
export async function notifyBooked(
  table: string,
  appointment: Appointment,
  booking: { code: string; phone: string },
  now: Date,
): Promise<void> {
  const category = categoryOf(appointment.category);
  const params = {
    date: dateText(appointment.date),
    time: spokenTime(appointment.time),
    business: itemName(appointment.item) ?? category.name,
  };
  const options = {
    subject: subjectOf(appointment),
    department: categoryDepartment(category),
    now,
    tableName: table,
  };
  await notify('bookingConfirmed', booking.phone, { ...params, code: booking.code }, options);
  const sendAt = reminderAt(appointment, appointments);
  if (sendAt) await notify('bookingReminder', booking.phone, params, { ...options, sendAt });
}

/**
 * A booking was cancelled: its reminder is withdrawn, and its confirmation too if it has not gone
 * out yet (a booking cancelled within the minute). A sent message stays sent.
 */
export async function withdrawBookingMessages(table: string, appointment: Pick<Appointment, 'id'>) {
  const subject = subjectOf(appointment);
  await cancelNotification(defaultMessageId('bookingReminder', subject), table);
  await cancelNotification(defaultMessageId('bookingConfirmed', subject), table);
}

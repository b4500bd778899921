/**
 * Where the messages (the notification port: 预约成功, the reminder the day before) hook into
 * appointments. The booking handler calls {@link appointmentBooked} once a booking is stored; a
 * scheduled job calls {@link bookingsForReminder} for tomorrow's date. The holder's name and phone
 * travel here in clear, for the message only: never log them (the logger masks known fields,
 * but a message's text is not one).
 */
import type { CivilDate } from '../../domain/calendar/civil.ts';
import type { Appointment } from '../../domain/counter/appointments.ts';
import { appointmentSealContext, appointmentsOfDay } from '../../store/counter/appointments.ts';
import { personalDataCipher } from '../../store/personal-data/cipher.ts';
import { logger } from '../observability.ts';

export interface AppointmentNotice {
  appointment: Appointment;
  /** The holder as they gave it, opened from the sealed copy: for the message, never for a log. */
  holder: { name: string; phone: string };
}

/**
 * A booking was made: the call site of the 预约成功 message. Until the messages exist it records
 * the event (no personal data). The caller does not wait on its failure: a message never blocks
 * the booking.
 */
export async function appointmentBooked(notice: AppointmentNotice): Promise<void> {
  const { appointment } = notice;
  logger.info('Appointment booked', {
    appointment: appointment.id.slice(0, 12),
    category: appointment.category,
    date: appointment.date,
    time: appointment.time,
    extended: appointment.extended,
  });
}

/**
 * The bookings of `date` that still stand (booked: not cancelled, not checked in), in slot order,
 * with their holders opened: whom to remind the day before.
 */
export async function bookingsForReminder(table: string, date: CivilDate): Promise<AppointmentNotice[]> {
  const cipher = await personalDataCipher();
  const standing = (await appointmentsOfDay(table, date)).filter(
    (stored) => stored.appointment.status === 'booked',
  );
  return Promise.all(
    standing.map(async (stored) => ({
      appointment: stored.appointment,
      holder: JSON.parse(
        await cipher.open(stored.contactSealed, appointmentSealContext(stored.appointment.id)),
      ) as AppointmentNotice['holder'],
    })),
  );
}

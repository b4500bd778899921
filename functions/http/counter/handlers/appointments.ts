/**
 * The public appointment routes (预约), one function:
 * - GET /api/public/appointment-slots — a category's (or an item's) days and slots with the seats
 *   left, 延时服务 slots marked, closed days with the reason;
 * - POST /api/public/appointments — book a slot with a name and a mobile phone → 201 the booking
 *   code (shown once), the slot and what to bring; the rules of the day, the time, the window and
 *   the phone refuse with 422 saying which, a full slot too;
 * - POST /api/public/appointments/cancellation — the code and the phone's last four digits;
 * - POST /api/public/appointments/check-in — the kiosk: the code → 201 a priority ticket (200 the
 *   same ticket again for a booking checked in already).
 * Booking and cancelling count against the client's appointment limit, checking in against the
 * ticket limit (the kiosk's address is the whole hall's); the address is kept only as a keyed hash.
 */
import { tableName } from '../../../config/env.ts';
import { AppointmentConflictError } from '../../../store/counter/appointments.ts';
import { personalDataCipher } from '../../../store/personal-data/cipher.ts';
import type { ClientLimit } from '../../../store/public-lookup-guard.ts';
import { countClient } from '../../../store/public-lookup-guard.ts';
import type { RouteImplementation } from '../../handler.ts';
import { logger } from '../../observability.ts';
import { conflict } from '../../problems.ts';
import { clientAddress, lookupRefused } from '../../public-lookup.ts';
import { type BookingRequest, bookSlot, cancelBooking, checkInBooking } from '../appointment-commands.ts';
import { appointments, appointmentView, slotListing } from '../appointment-views.ts';
import { httpHandler } from '../http-handler.ts';
import { settings, withCounterErrors } from '../support.ts';

type Request = Parameters<RouteImplementation>[0];

async function countRequest(request: Request, limit: ClientLimit, detail: string): Promise<void> {
  const cipher = await personalDataCipher();
  const verdict = await countClient(
    tableName(),
    await cipher.digest('client', clientAddress(request.event)),
    Date.now(),
    limit,
  );
  if (!verdict.ok) {
    logger.warn('Appointment request refused', { scope: limit.scope, reason: verdict.reason });
    throw lookupRefused(verdict, detail);
  }
}

const bookingLimit = (): ClientLimit => ({
  scope: 'appointments',
  perWindow: appointments.bookingsPerClient.count,
  windowMs: appointments.bookingsPerClient.minutes * 60_000,
});

const checkInLimit = (): ClientLimit => ({
  scope: 'check-in',
  perWindow: settings.ticketsPerClient.count,
  windowMs: settings.ticketsPerClient.minutes * 60_000,
});

export const handler = httpHandler(
  withCounterErrors(async (request) => {
    const table = tableName();
    try {
      switch (request.route.id) {
        case 'getAppointmentSlots': {
          const query = request.query as { category?: string; item?: string; from?: string; days?: string };
          return { status: 200, body: await slotListing(table, query, Date.now()) };
        }
        case 'bookAppointment': {
          await countRequest(request, bookingLimit(), '预约操作过于频繁，请稍后再试。');
          const nowMs = Date.now();
          const booked = await bookSlot(table, request.body as BookingRequest, nowMs);
          return {
            status: 201,
            body: { code: booked.code, ...appointmentView(booked.appointment, nowMs), bring: booked.bring },
          };
        }
        case 'cancelAppointment': {
          await countRequest(request, bookingLimit(), '预约操作过于频繁，请稍后再试。');
          const body = request.body as { code: string; phoneLast4: string };
          const nowMs = Date.now();
          const cancelled = await cancelBooking(table, body.code, body.phoneLast4, nowMs);
          return { status: 200, body: appointmentView(cancelled, nowMs) };
        }
        case 'checkInAppointment': {
          await countRequest(request, checkInLimit(), '签到过于频繁，请稍后再试或咨询大厅导服人员。');
          return await checkInBooking(table, (request.body as { code: string }).code, Date.now());
        }
        default:
          throw new Error(`Route ${request.route.id} is not a public appointment route.`);
      }
    } catch (error) {
      if (error instanceof AppointmentConflictError) throw conflict('该预约刚被其他操作改变，请重试。');
      throw error;
    }
  }),
);

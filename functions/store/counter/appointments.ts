/**
 * Appointments (预约) and the seats of their slots in the single table.
 *
 *   pk = appointment-slots#<category>   sk = <date>#<HH:MM>   the seats taken of one slot
 *   booked          taken seats: a booking is one conditional `ADD 1` under the slot's capacity
 *                   (`attribute_not_exists(booked) OR booked < :seats`), a cancellation `ADD -1`.
 *                   The days of a category's listing are one query on its partition.
 *
 *   pk = appointment#<id>   sk = appointment   type = 'appointment'
 *   id              the keyed hash (HMAC) of the booking code: the code is never stored, and a
 *                   copy of the table does not tell it
 *   data            the booking (domain/counter/appointments.ts) with the holder masked
 *   contactSealed   the holder's name and phone, sealed with the personal-data cipher (context
 *                   `appointment#<id>`)
 *   status, version the condition of every later write
 *   gsi1pk/gsi1sk   `appointments#phone#<keyed hash of the phone>` / the slot's start: the
 *                   phone's bookings, for its no-shows and its open bookings (never the phone in
 *                   clear in a key)
 *   gsi2pk/gsi2sk   `appointments#<date>` / `<HH:MM>#<category>#<id>`: the day's bookings, for the
 *                   desk's list and the reminders of the day before
 *
 * Overbooking is impossible without a transaction: the seat is claimed first, with one
 * conditional write on the slot's counter, then the booking is put (`attribute_not_exists`). A
 * booking whose put fails gives its seat back; a crash between the two leaves a seat counted
 * without a booking — one seat fewer to sell, never one too many.
 */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CivilDate } from '../../domain/calendar/civil.ts';
import type { Appointment } from '../../domain/counter/appointments.ts';
import { dynamoDocumentClient } from '../client.ts';
import { isConditionFailure, setAndRemove } from '../conditional-write.ts';
import { queryAll } from '../query-range.ts';
import { table } from '../table.ts';

/** The purposes of the cipher's keyed hashes (one purpose, one hash space). */
export const appointmentCodePurpose = 'appointment-code';
export const appointmentPhonePurpose = 'appointment-phone';

/** Bookings and seat counters expire from the cloud table after a year and a month. */
const expiresAt = (date: CivilDate) => Math.floor(Date.parse(`${date}T00:00:00+08:00`) / 1000) + 400 * 86_400;

const slotKey = (category: string, date: CivilDate, time: string) => ({
  pk: `appointment-slots#${category}`,
  sk: `${date}#${time}`,
});

export const appointmentKey = (id: string) => ({ pk: `appointment#${id}`, sk: 'appointment' });

/** The context a holder's sealed contact is bound to. */
export const appointmentSealContext = (id: string) => `appointment#${id}`;

/**
 * Takes one seat of a slot if one is left: one conditional write. False when the slot is full
 * (another booking took the last seat first).
 */
export async function claimSeat(
  tableName: string,
  slot: { category: string; date: CivilDate; time: string; seats: number },
): Promise<boolean> {
  try {
    await dynamoDocumentClient().send(
      new UpdateCommand({
        TableName: tableName,
        Key: slotKey(slot.category, slot.date, slot.time),
        UpdateExpression: 'ADD #booked :one SET #expires = if_not_exists(#expires, :expires)',
        ConditionExpression: 'attribute_not_exists(#booked) OR #booked < :seats',
        ExpressionAttributeNames: { '#booked': 'booked', '#expires': table.timeToLiveAttribute },
        ExpressionAttributeValues: { ':one': 1, ':seats': slot.seats, ':expires': expiresAt(slot.date) },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Gives a seat back (a cancellation, a booking whose put failed); never below zero. */
export async function releaseSeat(
  tableName: string,
  slot: { category: string; date: CivilDate; time: string },
): Promise<void> {
  try {
    await dynamoDocumentClient().send(
      new UpdateCommand({
        TableName: tableName,
        Key: slotKey(slot.category, slot.date, slot.time),
        UpdateExpression: 'ADD #booked :minusOne',
        ConditionExpression: '#booked > :zero',
        ExpressionAttributeNames: { '#booked': 'booked' },
        ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0 },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

/** Seats taken per slot (`<date>#<HH:MM>` → count) of a category from `from` to `to`, inclusive. */
export async function seatsTaken(
  tableName: string,
  category: string,
  from: CivilDate,
  to: CivilDate,
): Promise<Map<string, number>> {
  const taken = new Map<string, number>();
  let start: Record<string, unknown> | undefined;
  do {
    const result = await dynamoDocumentClient().send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': `appointment-slots#${category}`,
          ':from': `${from}#`,
          ':to': `${to}#~`,
        },
        ConsistentRead: true,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const item of result.Items ?? []) taken.set(item.sk as string, Number(item.booked ?? 0));
    start = result.LastEvaluatedKey;
  } while (start);
  return taken;
}

export interface StoredAppointment {
  appointment: Appointment;
  contactSealed: string;
}

/** The code's hash is already taken: draw another code. */
export class AppointmentCodeTakenError extends Error {
  override readonly name = 'AppointmentCodeTakenError';
}

/** A booking changed between the read and the write (a check-in and a cancellation at once…). */
export class AppointmentConflictError extends Error {
  override readonly name = 'AppointmentConflictError';
}

/** Puts a new booking: one write, refused if its id (the code's hash) exists. */
export async function insertAppointment(
  tableName: string,
  stored: StoredAppointment,
  phoneDigest: string,
): Promise<void> {
  const { appointment } = stored;
  try {
    await dynamoDocumentClient().send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...appointmentKey(appointment.id),
          type: 'appointment',
          data: appointment,
          contactSealed: stored.contactSealed,
          status: appointment.status,
          version: appointment.version,
          gsi1pk: `appointments#phone#${phoneDigest}`,
          gsi1sk: appointment.startsAt,
          gsi2pk: `appointments#${appointment.date}`,
          gsi2sk: `${appointment.time}#${appointment.category}#${appointment.id}`,
          [table.timeToLiveAttribute]: expiresAt(appointment.date),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (isConditionFailure(error)) throw new AppointmentCodeTakenError('The booking code is taken.');
    throw error;
  }
}

export async function loadAppointment(tableName: string, id: string): Promise<StoredAppointment | undefined> {
  const result = await dynamoDocumentClient().send(
    new GetCommand({ TableName: tableName, Key: appointmentKey(id), ConsistentRead: true }),
  );
  if (!result.Item) return undefined;
  return { appointment: result.Item.data as Appointment, contactSealed: result.Item.contactSealed as string };
}

/** Writes the next value of a booking decided on `previous`: one write conditioned on its status and version. */
export async function saveAppointment(
  tableName: string,
  previous: Appointment,
  next: Appointment,
): Promise<void> {
  try {
    await dynamoDocumentClient().send(
      new UpdateCommand({
        TableName: tableName,
        Key: appointmentKey(next.id),
        ConditionExpression: '#status = :expectedStatus AND #version = :expectedVersion',
        ...setAndRemove(
          { data: next, status: next.status, version: next.version },
          [],
          { '#status': 'status', '#version': 'version' },
          { ':expectedStatus': previous.status, ':expectedVersion': previous.version },
        ),
      }),
    );
  } catch (error) {
    if (isConditionFailure(error)) throw new AppointmentConflictError('The booking changed meanwhile.');
    throw error;
  }
}

/** The bookings of a phone (by the keyed hash of its number) whose slot starts at or after `since`. */
export async function phoneAppointments(
  tableName: string,
  phoneDigest: string,
  since: string,
): Promise<Appointment[]> {
  const items = await queryAll({
    TableName: tableName,
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk >= :since',
    ExpressionAttributeValues: { ':pk': `appointments#phone#${phoneDigest}`, ':since': since },
  });
  return items.map((item) => item.data as Appointment);
}

/** The bookings of a day, in slot order, with their sealed contacts. */
export async function appointmentsOfDay(tableName: string, date: CivilDate): Promise<StoredAppointment[]> {
  const items = await queryAll({
    TableName: tableName,
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk',
    ExpressionAttributeValues: { ':pk': `appointments#${date}` },
  });
  return items.map((item) => ({
    appointment: item.data as Appointment,
    contactSealed: item.contactSealed as string,
  }));
}

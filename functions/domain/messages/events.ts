/**
 * The events a visitor is told of by SMS (domain.md §10: 预约成功, 即将到号, 办结可取件), with their
 * Chinese names for the desk. Each has a template in functions/config/messages.json.
 */
export const messageEvents = [
  'bookingConfirmed',
  'bookingReminder',
  'ticketNearlyCalled',
  'resultReady',
] as const;

export type MessageEvent = (typeof messageEvents)[number];

export const messageEventLabels: Record<MessageEvent, string> = {
  bookingConfirmed: '预约成功',
  bookingReminder: '预约提醒（前一天）',
  ticketNearlyCalled: '即将到号',
  resultReady: '办结可取件',
};

/**
 * The parameters of an event that are the visitor's secret: the booking code checks its booking in
 * at the kiosk (and, with the phone's last four digits, cancels it), so it is kept nowhere in clear
 * — the booking stores only its keyed hash. A message carries them masked in its text and
 * parameters (what the outbox shows to staff); the text in clear is sealed beside the message and
 * opened only by the job that sends it.
 */
export const secretParams: Readonly<Partial<Record<MessageEvent, readonly string[]>>> = {
  bookingConfirmed: ['code'],
};

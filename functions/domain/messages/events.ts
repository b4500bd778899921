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

export function isMessageEvent(value: string): value is MessageEvent {
  return (messageEvents as readonly string[]).includes(value);
}

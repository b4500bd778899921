/** A message as a booking queues it, for the tests that need one of the messages with a secret. */
import type { NewMessage } from '../../functions/domain/messages/message.ts';

/** 预约成功 of a booking with the code `code`, queued at `now`. */
export function bookingConfirmedInput(now: Date | string, code = 'K7M2Q9XP'): NewMessage {
  return {
    id: 'bookingConfirmed:appointment:hash',
    event: 'bookingConfirmed',
    subject: { kind: 'appointment', id: 'hash' },
    phoneMasked: '138****5678',
    params: { date: '2026年12月3日', time: '9:30', business: '民政业务', code },
    now,
  };
}

/**
 * The port for queueing a message to a phone in hand — what another area calls after its own write
 * succeeded (a booking: 预约成功, and its reminder, queued at booking for the day before;
 * http/counter/appointment-notices.ts). Queueing is one put; the messages job sends
 * (jobs/messages.ts). Never throws: a message that cannot be queued is logged (masked) and the
 * command that asked for it succeeds all the same.
 *
 *   const subject = { kind: 'appointment', id: appointment.id };  // the booking's key, not its code
 *   await notify('bookingConfirmed', phone, { date, time, business, code }, { subject, department });
 *   await notify('bookingReminder', phone, { date, time, business }, { subject, department, sendAt });
 *   await cancelNotification(defaultMessageId('bookingReminder', subject));
 *
 * The phone is sealed on the message with the personal-data cipher, and so is the content in clear
 * of a message that shows a secret masked (the booking code: domain/messages/events.ts
 * secretParams), so the calling function needs the cipher's keys (infra/cloud/lambdas.ts
 * personalDataHandlers).
 */
import { mobileNumber } from '../../domain/identity-number.ts';
import type { MessageEvent } from '../../domain/messages/events.ts';
import { maskPhone } from '../../domain/privacy.ts';
import { messageContentContext, messagePhoneContext } from '../../store/messages/messages.ts';
import { personalDataCipher } from '../../store/personal-data/cipher.ts';
import { logger } from '../observability.ts';
import { enqueue, type NotifyOptions } from './queue.ts';

export { cancelNotification, defaultMessageId, type NotifyOptions } from './queue.ts';

/**
 * Queues the SMS of `event` to `phone` (a mainland mobile number, any usual spelling) with the
 * template's `params`. The phone is sealed on the message at once; only the messages job opens it.
 * Returns the message id, or undefined when nothing was queued: not a mobile number, queued before
 * (the same id), a missing template parameter, or a table that refused. Never throws.
 */
export async function notify(
  event: MessageEvent,
  phone: string,
  params: Readonly<Record<string, string | number>>,
  options: NotifyOptions,
): Promise<string | undefined> {
  const mobile = mobileNumber(phone);
  if (!mobile) {
    logger.info('Message not queued: not a mobile number', { event, phone: maskPhone(phone) });
    return undefined;
  }
  const result = await enqueue(
    event,
    maskPhone(mobile),
    async (id, content) => {
      const cipher = await personalDataCipher();
      return {
        phone: { sealed: await cipher.seal(mobile, messagePhoneContext(id)) },
        ...(content
          ? { contentSealed: await cipher.seal(JSON.stringify(content), messageContentContext(id)) }
          : {}),
      };
    },
    params,
    options,
  );
  return result.outcome === 'queued' ? result.id : undefined;
}

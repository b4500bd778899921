/**
 * Opens what a message keeps sealed — only the messages job does, at sending time: the phone it
 * goes to (its own sealed copy, a booking's; the applicant's on the case; or the visitor's on the
 * ticket) and, for a message that shows a secret masked, its content in clear. Each is sealed with
 * the personal-data cipher under its own context, so a sealed value copied elsewhere does not open.
 */
import { mobileNumber } from '../../domain/identity-number.ts';
import type { MessageContent } from '../../domain/messages/message.ts';
import { loadCase } from '../cases/cases.ts';
import { loadTicketPhone, ticketPhoneContext } from '../counter/tickets.ts';
import type { PersonalDataCipher } from '../personal-data/cipher.ts';
import { messageContentContext, messagePhoneContext, type StoredMessage } from './messages.ts';

/** Undefined when there is no phone to open (a case whose applicant gave a landline). */
export async function openMessagePhone(
  tableName: string,
  stored: StoredMessage,
  cipher: PersonalDataCipher,
): Promise<string | undefined> {
  const { phone, message } = stored;
  if ('sealed' in phone)
    return mobileNumber(await cipher.open(phone.sealed, messagePhoneContext(message.id)));
  const ref = phone.ref;
  if (ref.kind === 'case') {
    const found = await loadCase(tableName, ref.caseNo);
    if (!found) return undefined;
    const applicant = JSON.parse(await cipher.open(found.applicantSealed, ref.caseNo)) as { phone?: string };
    return applicant.phone ? mobileNumber(applicant.phone) : undefined;
  }
  const sealed = await loadTicketPhone(tableName, ref.date, ref.ticketNo);
  return sealed
    ? mobileNumber(await cipher.open(sealed, ticketPhoneContext(ref.date, ref.ticketNo)))
    : undefined;
}

/**
 * The text and parameters to send: the message's own, or — for one that shows a secret masked —
 * its sealed content in clear; undefined when that content is missing (it cannot go out as it reads).
 */
export async function openMessageContent(
  stored: StoredMessage,
  cipher: PersonalDataCipher,
): Promise<MessageContent | undefined> {
  const { message, contentSealed } = stored;
  if (!message.maskedParams?.length) return { text: message.text, params: message.template.params };
  if (!contentSealed) return undefined;
  return JSON.parse(await cipher.open(contentSealed, messageContentContext(message.id))) as MessageContent;
}

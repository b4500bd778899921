/**
 * Opens the phone a message goes to — only the messages job does, at sending time: its own sealed
 * copy (a booking's), the applicant's on the case, or the visitor's on the ticket. Each is sealed
 * with the personal-data cipher under its own context, so a sealed value copied elsewhere does not
 * open. Undefined when there is none to open (a case whose applicant gave a landline).
 */
import { mobileNumber } from '../../domain/identity-number.ts';
import { loadCase } from '../cases/cases.ts';
import { loadTicketPhone, ticketPhoneContext } from '../counter/tickets.ts';
import type { PersonalDataCipher } from '../personal-data/cipher.ts';
import { messagePhoneContext, type StoredMessage } from './messages.ts';

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

/**
 * Filing a complaint — the one path by which a complaint enters the table, from the public form
 * (complaint-public) or the desk (complaint-register): the day's serial, registration, the
 * complainant sealed, the query code as a salted keyed hash, the verified attachments kept under
 * the complaint's number, one conditional put. Not a route.
 */
import { randomBytes } from 'node:crypto';
import { centreConfig } from '../../config/centre.ts';
import { tableName } from '../../config/env.ts';
import { civilDateAt, formatInstant } from '../../domain/calendar/instant.ts';
import { queryCodeFromBytes } from '../../domain/cases/case-number.ts';
import { evaluate } from '../../domain/clocks/evaluate.ts';
import {
  type ComplainantSummary,
  type ComplaintRegistration,
  type ComplaintState,
  formatComplaintNo,
  registerComplaint,
} from '../../domain/complaints/index.ts';
import { departmentOfWindow } from '../../domain/complaints/windows.ts';
import { maskName, maskPhone } from '../../domain/privacy.ts';
import { complaintKey, insertComplaint } from '../../store/complaints/complaints.ts';
import { nextComplaintSerial } from '../../store/counters.ts';
import { personalDataCipher } from '../../store/personal-data/cipher.ts';
import { keepFigures } from '../figures/keep.ts';
import { logger } from '../observability.ts';
import type { FieldError } from '../problems.ts';
import type { AttachmentBatch } from './attachments.ts';
import { complaintContext } from './support.ts';

/** What a complainant gave: sealed into the item, never in the complaint value in clear. */
export interface ComplainantRecord {
  realName: boolean;
  name?: string;
  phone?: string;
  contactPreference?: 'phone' | 'letter' | 'web';
}

export interface FilingInput {
  channel: ComplaintRegistration['channel'];
  category: ComplaintRegistration['category'];
  facts: string;
  complainant: ComplainantRecord;
  respondent: ComplaintRegistration['respondent'];
  hotlineRef?: string;
  receivedBy?: ComplaintRegistration['receivedBy'];
  told?: string;
  /** Uploads already checked and cleaned (attachments.ts: verifyAttachments). */
  attachments?: AttachmentBatch;
}

/** Field errors the schemas cannot find: the respondent's department and window, real-name fields. */
export function filingFieldErrors(input: FilingInput): FieldError[] {
  const errors: FieldError[] = [];
  const { department, window } = input.respondent;
  if (department && !complaintContext().windowsOf?.(department)) {
    errors.push({
      field: 'body.respondent.department',
      rule: 'unknown_department',
      message: `没有编号为 ${department} 的部门。`,
    });
  }
  if (window) {
    const owner = department ?? departmentOfWindow(window);
    if (!complaintContext().windowsOf?.(owner)?.includes(window)) {
      errors.push({
        field: 'body.respondent.window',
        rule: 'unknown_window',
        message: `窗口 ${window} 不属于所选部门。`,
      });
    }
  }
  if (input.complainant.realName && !input.complainant.name?.trim()) {
    errors.push({ field: 'body.complainant.name', rule: 'required', message: '实名投诉须填写姓名。' });
  }
  if (input.complainant.realName && !input.complainant.phone && input.channel !== 'letter') {
    errors.push({
      field: 'body.complainant.phone',
      rule: 'required',
      message: '实名投诉须留联系电话，以便答复和回访。',
    });
  }
  if (input.channel === 'hotline' && !input.hotlineRef?.trim()) {
    errors.push({ field: 'body.hotlineRef', rule: 'required', message: '12345 热线转办须填写工单号。' });
  }
  return errors;
}

export interface Filed {
  state: ComplaintState;
  queryCode: string;
  acknowledgedBy: string | null;
}

/** The next complaint number of the Beijing day (a counter write). */
export async function nextComplaintNo(table: string, now: Date): Promise<string> {
  return formatComplaintNo(civilDateAt(now), await nextComplaintSerial(table, civilDateAt(now)));
}

/**
 * What the complaint item keeps of the complainant and the query code: the record sealed with the
 * complaint number as context, a new query code (for the complainant, once) and its salted hash.
 */
export async function sealComplainant(
  record: ComplainantRecord,
  complaintNo: string,
): Promise<{ complainantSealed: string; queryCode: string; queryCodeSalt: string; queryCodeHash: string }> {
  const cipher = await personalDataCipher();
  const queryCode = queryCodeFromBytes(randomBytes(24));
  const queryCodeSalt = randomBytes(16).toString('base64url');
  const [complainantSealed, queryCodeHash] = await Promise.all([
    cipher.seal(JSON.stringify(record), complaintNo),
    cipher.digest('query-code', `${queryCodeSalt}:${queryCode}`),
  ]);
  return { complainantSealed, queryCode, queryCodeSalt, queryCodeHash };
}

/**
 * Files a complaint: draws the day's serial, registers it, seals the complainant with the complaint
 * number as context, stores the query code as a salted keyed hash, one conditional put.
 * Anonymous complaints keep no name or phone at all, and are answered online.
 */
export async function fileComplaint(input: FilingInput): Promise<Filed> {
  const now = new Date();
  const ctx = complaintContext();
  const table = tableName();
  const complaintNo = await nextComplaintNo(table, now);
  const record: ComplainantRecord = input.complainant.realName
    ? {
        realName: true,
        name: input.complainant.name?.trim() ?? '',
        ...(input.complainant.phone ? { phone: input.complainant.phone } : {}),
        ...(input.complainant.contactPreference
          ? { contactPreference: input.complainant.contactPreference }
          : {}),
      }
    : { realName: false };
  const summary: ComplainantSummary = record.realName
    ? {
        realName: true,
        name: maskName(record.name ?? ''),
        ...(record.phone ? { phone: maskPhone(record.phone) } : {}),
        ...(record.contactPreference ? { contactPreference: record.contactPreference } : {}),
      }
    : { realName: false };
  const registered = registerComplaint(
    {
      complaintNo,
      centre: centreConfig.code,
      channel: input.channel,
      category: input.category,
      facts: input.facts,
      complainant: summary,
      respondent: input.respondent,
      ...(input.hotlineRef ? { hotlineRef: input.hotlineRef } : {}),
      ...(input.receivedBy ? { receivedBy: input.receivedBy } : {}),
      ...(input.told ? { told: input.told } : {}),
    },
    now,
    ctx,
  );
  // The copies are in place before the complaint references them; a failed put takes them away.
  const attachments = input.attachments ? await input.attachments.keep(complaintNo) : [];
  const state: ComplaintState = attachments.length > 0 ? { ...registered, attachments } : registered;
  const { queryCode, ...sealed } = await sealComplainant(record, complaintNo);
  try {
    await insertComplaint(table, { state, ...sealed }, now);
  } catch (error) {
    await input.attachments?.discard(complaintNo, attachments);
    throw error;
  }
  await input.attachments?.release();
  await keepFigures(complaintKey(complaintNo));
  logger.info('Complaint filed', {
    complaintNo,
    channel: state.channel,
    category: state.category,
    realName: record.realName,
    attachments: attachments.length,
    ...(input.receivedBy ? { username: input.receivedBy.username } : {}),
    at: formatInstant(now.getTime()),
  });
  const acknowledge = state.clocks.acknowledge;
  return {
    state,
    queryCode,
    acknowledgedBy: acknowledge ? evaluate(acknowledge, now, ctx.clocks).dueAt : null,
  };
}

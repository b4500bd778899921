/**
 * POST /api/cases — intake (收件). Validates the application (ID number check character and
 * birth date, phone, item code, a state for every required material), then, idempotently per
 * `Idempotency-Key` (Powertools idempotency on its own table): draws the day's serial, opens the
 * case, seals the applicant's personal data, stores the query code as a salted keyed hash and
 * writes the case with one conditional put. The query code is in this response only.
 *
 * 容缺受理 / 告知承诺制: materials marked `owed` or `committed` and the signed commitments ride on
 * the same request; an applicant barred by a broken commitment (looked up by the keyed hash of the
 * ID number) is refused either path with 422 saying until when, and nothing more. The plain path
 * stays open to them.
 *
 * A retry with the same key gets the same receipt (the stored result holds the query code sealed);
 * a retry while the first is still running gets 409 with Retry-After; the same key with a different
 * request gets 422.
 */
import { randomBytes } from 'node:crypto';
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { Context } from 'aws-lambda';
import { backOfficeWindow, centreClocks, centreConfig, generalWindows } from '../../../config/centre.ts';
import { envNames, tableName } from '../../../config/env.ts';
import { civilDateAt, formatInstant } from '../../../domain/calendar/instant.ts';
import { formatCaseNo, queryCodeFromBytes } from '../../../domain/cases/case-number.ts';
import { decide } from '../../../domain/cases/decide.ts';
import { isGeneralWindowClerk, openAtGeneralWindow } from '../../../domain/cases/general-window.ts';
import { type IntakeInput, openCase } from '../../../domain/cases/intake.ts';
import type { Actor, CaseState, MaterialUpdate } from '../../../domain/cases/types.ts';
import { staffView } from '../../../domain/cases/views.ts';
import { intakeSnapshot } from '../../../domain/catalogue/catalogue.ts';
import { catalogueItem } from '../../../domain/catalogue/item-lookup.ts';
import { caseKey, insertCase, loadCase } from '../../../store/cases/cases.ts';
import {
  applicantDigestPurpose,
  commitmentBarUntilAny,
  organisationDigestPurpose,
} from '../../../store/cases/commitment-bars.ts';
import { linkTicketCase, loadTicket } from '../../../store/counter/tickets.ts';
import { nextCaseSerial } from '../../../store/counters.ts';
import { type PersonalDataCipher, personalDataCipher } from '../../../store/personal-data/cipher.ts';
import { keepFigures } from '../../figures/keep.ts';
import { logger } from '../../observability.ts';
import { type FieldError, HttpProblem, invalidRequest } from '../../problems.ts';
import { actorOf } from '../../staff.ts';
import { withCaseErrors } from '../errors.ts';
import { httpHandler } from '../http-handler.ts';
import { type ApplicantRecord, applicantRecord, intakeFieldErrors, summary } from '../intake-input.ts';
import type { IntakeBody } from '../schemas.ts';

interface IntakePayload {
  /** `<subject>#<Idempotency-Key>`: one caller's key never collides with another's. */
  key: string;
  /** Keyed digest of the request: a reused key with another request is refused. */
  requestDigest: string;
  body: IntakeBody;
  actor: Actor;
  applicant: ApplicantRecord;
  /** Keyed hash of the ID number, kept on the case to record a broken commitment. */
  applicantDigest: string;
  /** The same of the organisation's credit code, when an organisation applies. */
  organisationDigest?: string;
  /** The last day a broken commitment bars the applicant, when one stands. */
  barredUntil?: string;
}

/**
 * What the idempotency table keeps of an intake: the case number and the query code sealed —
 * small (one write of a few hundred bytes), and without personal data or the code in clear.
 */
interface IntakeOutcome {
  caseNo: string;
  sealedQueryCode: string;
}

/** Cases this instance just created, handed from the idempotent function to the response. */
const createdHere = new Map<string, CaseState>();

const idempotencyKeyPattern = /^[A-Za-z0-9_.:-]{8,128}$/;

/** Whether the request takes 容缺受理 or 告知承诺制 (and so needs the bar looked up). */
function takesCommitmentPath(body: IntakeBody): boolean {
  return (
    body.commitments?.deferredAcceptance !== undefined ||
    body.commitments?.commitmentDecision !== undefined ||
    body.materials.some((update) => update.state === 'owed' || update.state === 'committed')
  );
}

/** A general window's clerk taking in an item of another department (综合窗口, 无差别受理). */
function takenInForAnotherDepartment(actor: Actor, department: string): boolean {
  return isGeneralWindowClerk(actor, generalWindows) && actor.department !== department;
}

function openFromPayload(payload: IntakePayload, caseNo: string, now: Date): CaseState {
  const { body, actor } = payload;
  const item = catalogueItem(body.itemCode);
  if (!item) throw new Error(`Item ${body.itemCode} vanished between validation and intake.`);
  const input: IntakeInput = {
    caseNo,
    centre: centreConfig.code,
    item: intakeSnapshot(item),
    applicant: summary(payload.applicant),
    materials: body.materials as MaterialUpdate[],
    ...(body.priority ? { priority: body.priority } : {}),
    ...(body.told ? { told: body.told } : {}),
    ...(body.commitments
      ? {
          commitments: {
            ...(body.commitments.deferredAcceptance ? { deferredAcceptance: true } : {}),
            ...(body.commitments.commitmentDecision ? { commitmentDecision: true } : {}),
          },
        }
      : {}),
    ...(payload.barredUntil ? { barredUntil: payload.barredUntil } : {}),
    ...(body.ticket ? { ticket: body.ticket } : {}),
  };
  if (takenInForAnotherDepartment(actor, item.department)) {
    const at = {
      generalWindows,
      backOfficeWindow: backOfficeWindow(item.department),
      clocks: centreClocks(),
    };
    return openAtGeneralWindow(input, actor, at, now);
  }
  return openCase(input, actor, now);
}

async function performIntake(payload: IntakePayload, cipher: PersonalDataCipher): Promise<IntakeOutcome> {
  const { body, actor } = payload;
  const now = new Date();
  const ctx = centreClocks();
  const item = catalogueItem(body.itemCode);
  if (!item) throw new Error(`Item ${body.itemCode} vanished between validation and intake.`);
  const table = tableName();
  const serial = await nextCaseSerial(table, centreConfig.code, civilDateAt(now));
  const caseNo = formatCaseNo(centreConfig.code, civilDateAt(now), serial);
  let state = openFromPayload(payload, caseNo, now);
  if (body.settleInstantly) {
    state = decide(state, { type: 'settleInstantly', told: body.settleInstantly.told }, actor, now, {
      clocks: ctx,
      handlerAway: false,
    }).state;
  }
  const queryCode = queryCodeFromBytes(randomBytes(24));
  const queryCodeSalt = randomBytes(16).toString('base64url');
  const [applicantSealed, queryCodeHash, sealedQueryCode] = await Promise.all([
    cipher.seal(JSON.stringify(payload.applicant), caseNo),
    cipher.digest('query-code', `${queryCodeSalt}:${queryCode}`),
    cipher.seal(queryCode, `receipt:${caseNo}`),
  ]);
  await insertCase(
    table,
    {
      state,
      applicantSealed,
      queryCodeSalt,
      queryCodeHash,
      applicantDigest: payload.applicantDigest,
      ...(payload.organisationDigest ? { organisationDigest: payload.organisationDigest } : {}),
    },
    now,
    ctx,
  );
  if (body.ticket) {
    // The ticket lists the case too; never fatal — the case already names its ticket, and failing
    // here would make a retry of this intake draw a second case.
    try {
      await linkTicketCase(table, body.ticket.date, body.ticket.ticketNo, caseNo);
    } catch (error) {
      logger.warn('Ticket not linked to its case', {
        caseNo,
        ticketNo: body.ticket.ticketNo,
        error: error as Error,
      });
    }
  }
  await keepFigures(caseKey(caseNo));
  logger.info('Case taken in', {
    caseNo,
    itemCode: item.code,
    window: state.window,
    username: actor.username,
    status: state.status,
    at: formatInstant(now.getTime()),
  });
  createdHere.set(caseNo, state);
  return { caseNo, sealedQueryCode };
}

const idempotencyConfig = new IdempotencyConfig({
  eventKeyJmesPath: 'key',
  payloadValidationJmesPath: 'requestDigest',
  throwOnNoIdempotencyKey: true,
  // A counter clerk retries within minutes; a day covers a network outage and a restart.
  expiresAfterSeconds: 24 * 3600,
});

let idempotentIntake: ((payload: IntakePayload) => Promise<IntakeOutcome>) | undefined;

function intake(cipher: PersonalDataCipher): (payload: IntakePayload) => Promise<IntakeOutcome> {
  idempotentIntake ??= makeIdempotent((payload: IntakePayload) => performIntake(payload, cipher), {
    persistenceStore: new DynamoDBPersistenceLayer({
      tableName: process.env[envNames.idempotencyTableName] ?? 'yichuang-idempotency',
    }),
    config: idempotencyConfig,
  });
  return idempotentIntake;
}

/** The ticket intake starts from: today's, called (or served) at the clerk's own window. */
async function ticketFieldErrors(
  ref: { date: string; ticketNo: string },
  actor: Actor,
): Promise<FieldError[]> {
  const ticket = await loadTicket(tableName(), ref.date, ref.ticketNo);
  if (!ticket) {
    return [
      {
        field: 'body.ticket.ticketNo',
        rule: 'unknown_ticket',
        message: `${ref.date} 没有 ${ref.ticketNo} 号。`,
      },
    ];
  }
  if (!['called', 'ended'].includes(ticket.status) || ticket.window !== actor.window) {
    return [
      {
        field: 'body.ticket.ticketNo',
        rule: 'not_called_here',
        message: `${ref.ticketNo} 号不是本窗口（${actor.window ?? '无窗口'}）叫到的号，不能据此收件。`,
      },
    ];
  }
  return [];
}

function headerValue(headers: Record<string, string | undefined>, name: string): string | undefined {
  const found = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
  return found?.[1];
}

export const handler = httpHandler(
  withCaseErrors(async (request, context: Context) => {
    const body = request.body as IntakeBody;
    const actor = actorOf(request.principal);
    const idempotencyKey = headerValue(request.event.headers ?? {}, 'idempotency-key');
    const errors: FieldError[] = [];
    if (!idempotencyKey || !idempotencyKeyPattern.test(idempotencyKey)) {
      errors.push({
        field: 'header.Idempotency-Key',
        rule: idempotencyKey ? 'format' : 'required',
        message: '收件请求须带 Idempotency-Key 请求头（8–128 位字母、数字或 _.:-），重试时保持不变。',
      });
    }
    errors.push(...intakeFieldErrors(body, civilDateAt(Date.now())));
    if (body.ticket) errors.push(...(await ticketFieldErrors(body.ticket, actor)));
    if (errors.length > 0) throw invalidRequest(errors);
    const item = catalogueItem(body.itemCode);
    const atGeneralWindow = item !== undefined && takenInForAnotherDepartment(actor, item.department);
    if (
      !atGeneralWindow &&
      (!actor.roles.includes('clerk') || actor.department !== item?.department || !actor.window)
    ) {
      throw new HttpProblem({
        type: 'https://yichuang.dev/problems/forbidden',
        title: '无权收件',
        status: 403,
        detail: `此事项由 ${item?.department} 部门窗口或综合窗口收件；只有该部门或综合窗口有窗口岗位的工作人员可以收件。`,
      });
    }
    if (atGeneralWindow && body.settleInstantly) {
      // The department decides: the general window takes in and hands over (无差别受理).
      throw invalidRequest([
        {
          field: 'body.settleInstantly',
          rule: 'general_window',
          message: '综合窗口收件后转部门后台办理，不能当场办结；请由承办部门窗口办结。',
        },
      ]);
    }
    const cipher = await personalDataCipher();
    const applicant = applicantRecord(body);
    const applicantDigest = await cipher.digest(applicantDigestPurpose, applicant.idNumber);
    const organisationDigest = applicant.organisation
      ? await cipher.digest(organisationDigestPurpose, applicant.organisation.creditCode)
      : undefined;
    const barredUntil = takesCommitmentPath(body)
      ? // The applicant is barred: the organisation when one applies (not its agent), else the person.
        await commitmentBarUntilAny(
          tableName(),
          [organisationDigest ?? applicantDigest],
          civilDateAt(Date.now()),
        )
      : undefined;
    const payload: IntakePayload = {
      key: `${request.principal?.subject}#${idempotencyKey}`,
      requestDigest: await cipher.digest('intake-request', JSON.stringify(body)),
      body,
      actor,
      applicant,
      applicantDigest,
      ...(organisationDigest ? { organisationDigest } : {}),
      ...(barredUntil ? { barredUntil } : {}),
    };
    // The case rules (the paths, the bar) refuse before a serial is drawn: no gap in the numbers.
    openFromPayload(payload, formatCaseNo(centreConfig.code, civilDateAt(Date.now()), 1), new Date());
    idempotencyConfig.registerLambdaContext(context);
    const outcome = await intake(cipher)(payload);
    const queryCode = await cipher.open(outcome.sealedQueryCode, `receipt:${outcome.caseNo}`);
    // A replay (the same key again) reads the case it made; the first answer has it at hand.
    const state = createdHere.get(outcome.caseNo) ?? (await loadCase(tableName(), outcome.caseNo))?.state;
    createdHere.delete(outcome.caseNo);
    if (!state) throw new Error(`Case ${outcome.caseNo} of a completed intake is missing.`);
    const view = staffView(state, new Date(), centreClocks());
    return {
      status: 201,
      headers: { location: `/api/cases/${outcome.caseNo}`, etag: `"${view.version}"` },
      body: { caseNo: outcome.caseNo, queryCode, case: view },
    };
  }),
);

/**
 * POST /api/cases — intake (收件). Validates the application (ID number check character and
 * birth date, phone, item code, a state for every required material), then, idempotently per
 * `Idempotency-Key` (Powertools idempotency on its own table): draws the day's serial, opens the
 * case, seals the applicant's personal data, stores the query code as a salted keyed hash and
 * writes the case with one conditional put. The query code is in this response only.
 *
 * A retry with the same key gets the same receipt (the stored result holds the query code sealed);
 * a retry while the first is still running gets 409 with Retry-After; the same key with a different
 * request gets 422.
 */
import { randomBytes } from 'node:crypto';
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { Context } from 'aws-lambda';
import { centreClocks, centreConfig } from '../../../config/centre.ts';
import { envNames, tableName } from '../../../config/env.ts';
import { civilDateAt, formatInstant } from '../../../domain/calendar/instant.ts';
import { formatCaseNo, queryCodeFromBytes } from '../../../domain/cases/case-number.ts';
import { decide } from '../../../domain/cases/decide.ts';
import { openCase } from '../../../domain/cases/intake.ts';
import type { Actor, ApplicantSummary, CaseState, MaterialUpdate } from '../../../domain/cases/types.ts';
import { staffView } from '../../../domain/cases/views.ts';
import { intakeSnapshot } from '../../../domain/catalogue/catalogue.ts';
import { catalogueItem } from '../../../domain/catalogue/item-lookup.ts';
import {
  checkCreditCode,
  checkIdNumber,
  checkPhone,
  normalizeIdNumber,
} from '../../../domain/identity-number.ts';
import { maskIdNumber, maskName, maskPhone } from '../../../domain/privacy.ts';
import { insertCase, loadCase } from '../../../store/cases/cases.ts';
import { nextCaseSerial } from '../../../store/counters.ts';
import { type PersonalDataCipher, personalDataCipher } from '../../../store/personal-data/cipher.ts';
import { logger } from '../../observability.ts';
import { type FieldError, HttpProblem, invalidRequest } from '../../problems.ts';
import { actorOf } from '../../staff.ts';
import { withCaseErrors } from '../errors.ts';
import { httpHandler } from '../http-handler.ts';
import type { IntakeBody } from '../schemas.ts';

/** The applicant as sealed into the case item: the full values, normalised. */
interface ApplicantRecord {
  kind: 'individual' | 'organisation';
  name: string;
  idNumber: string;
  phone: string;
  address?: string;
  organisation?: { name: string; creditCode: string };
}

interface IntakePayload {
  /** `<subject>#<Idempotency-Key>`: one caller's key never collides with another's. */
  key: string;
  /** Keyed digest of the request: a reused key with another request is refused. */
  requestDigest: string;
  body: IntakeBody;
  actor: Actor;
  applicant: ApplicantRecord;
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

/** Field errors the schemas cannot find: check characters, dates, the catalogue, the checklist. */
export function intakeFieldErrors(body: IntakeBody, today: string): FieldError[] {
  const errors: FieldError[] = [];
  const id = checkIdNumber(body.applicant.idNumber, today);
  if (!id.ok) errors.push({ field: 'body.applicant.idNumber', rule: id.rule, message: id.message });
  if (!checkPhone(body.applicant.phone).ok) {
    errors.push({
      field: 'body.applicant.phone',
      rule: 'phone',
      message: '电话号码应为 11 位手机号或带区号的固定电话。',
    });
  }
  if (body.applicant.kind === 'organisation' && !body.applicant.organisation) {
    errors.push({
      field: 'body.applicant.organisation',
      rule: 'required',
      message: '单位申请须填写单位名称和统一社会信用代码。',
    });
  }
  if (body.applicant.organisation) {
    const credit = checkCreditCode(body.applicant.organisation.creditCode);
    if (!credit.ok) {
      errors.push({
        field: 'body.applicant.organisation.creditCode',
        rule: credit.rule,
        message: credit.message,
      });
    }
  }
  const item = catalogueItem(body.itemCode);
  if (!item) {
    errors.push({
      field: 'body.itemCode',
      rule: 'unknown_item',
      message: `事项目录中没有编码为 ${body.itemCode} 的事项。`,
    });
    return errors;
  }
  const seen = new Set<string>();
  for (const [index, update] of body.materials.entries()) {
    const position = Number(update.id.slice(1));
    const material = item.materials[position - 1];
    if (!material) {
      errors.push({
        field: `body.materials.${index}.id`,
        rule: 'unknown_material',
        message: `事项材料清单中没有 ${update.id}。`,
      });
    } else if (seen.has(update.id)) {
      errors.push({
        field: `body.materials.${index}.id`,
        rule: 'duplicate',
        message: `${update.id} 重复登记。`,
      });
    } else if (material.required && update.state === 'notApplicable') {
      errors.push({
        field: `body.materials.${index}.state`,
        rule: 'required_material',
        message: `必要材料“${material.name}”不能标为不适用。`,
      });
    }
    seen.add(update.id);
  }
  for (const [index, material] of item.materials.entries()) {
    if (material.required && !seen.has(`m${index + 1}`)) {
      errors.push({
        field: `body.materials.m${index + 1}`,
        rule: 'material_state_required',
        message: `必要材料“${material.name}”须登记状态（已提交、缺少或不符合要求）。`,
      });
    }
  }
  if (body.settleInstantly && item.class !== 'instant') {
    errors.push({ field: 'body.settleInstantly', rule: 'instant_only', message: '只有即办件可以当场办结。' });
  }
  return errors;
}

function applicantRecord(body: IntakeBody): ApplicantRecord {
  const { applicant } = body;
  const phone = checkPhone(applicant.phone);
  return {
    kind: applicant.kind,
    name: applicant.name.trim(),
    idNumber: normalizeIdNumber(applicant.idNumber),
    phone: phone.ok ? phone.normalized : applicant.phone.trim(),
    ...(applicant.address?.trim() ? { address: applicant.address.trim() } : {}),
    ...(applicant.organisation
      ? {
          organisation: {
            name: applicant.organisation.name.trim(),
            creditCode: applicant.organisation.creditCode.toUpperCase(),
          },
        }
      : {}),
  };
}

function summary(record: ApplicantRecord): ApplicantSummary {
  return {
    kind: record.kind,
    name: maskName(record.name),
    idNumber: maskIdNumber(record.idNumber),
    phone: maskPhone(record.phone),
    ...(record.organisation ? { organisation: record.organisation } : {}),
  };
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
  let state = openCase(
    {
      caseNo,
      centre: centreConfig.code,
      item: intakeSnapshot(item),
      applicant: summary(payload.applicant),
      materials: body.materials as MaterialUpdate[],
      ...(body.priority ? { priority: body.priority } : {}),
      ...(body.told ? { told: body.told } : {}),
    },
    actor,
    now,
  );
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
  await insertCase(table, { state, applicantSealed, queryCodeSalt, queryCodeHash }, now, ctx);
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
    if (errors.length > 0) throw invalidRequest(errors);
    const item = catalogueItem(body.itemCode);
    if (!actor.roles.includes('clerk') || actor.department !== item?.department || !actor.window) {
      throw new HttpProblem({
        type: 'https://yichuang.dev/problems/forbidden',
        title: '无权收件',
        status: 403,
        detail: `此事项由 ${item?.department} 部门窗口收件；只有该部门有窗口岗位的工作人员可以收件。`,
      });
    }
    const cipher = await personalDataCipher();
    const applicant = applicantRecord(body);
    idempotencyConfig.registerLambdaContext(context);
    const outcome = await intake(cipher)({
      key: `${request.principal?.subject}#${idempotencyKey}`,
      requestDigest: await cipher.digest('intake-request', JSON.stringify(body)),
      body,
      actor,
      applicant,
    });
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

/**
 * POST /api/bundles/{bundleCode}/intake — a whole 一件事 taken in at a general window (无差别受理).
 * Validates the applicant as case intake does and the merged material list line by line, then,
 * idempotently per `Idempotency-Key` (Powertools idempotency, as case intake), runs the plan of
 * store/bundles/bundles.ts: the intake claim (bundle number, planned case numbers, query code),
 * the bundle record, then one case per item in its department's back-office queue, each with its
 * own clocks. A retry after a crash finds the claim and finishes the plan; it never starts another.
 * Every part's case keeps the bundle's query code (the same salted hash), so a part can be
 * followed by its own number too. The query code is in this response only.
 */
import { randomBytes } from 'node:crypto';
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { Context } from 'aws-lambda';
import { backOfficeWindow, centreClocks, centreConfig, generalWindows } from '../../../config/centre.ts';
import { envNames, tableName } from '../../../config/env.ts';
import { formatBundleNo } from '../../../domain/bundles/bundle-number.ts';
import {
  type LineUpdate,
  lineId,
  openPart,
  outstandingLines,
  partMaterials,
  recordedLines,
  stepOf,
} from '../../../domain/bundles/intake.ts';
import type { BundlePart, BundleRecord } from '../../../domain/bundles/types.ts';
import { bundleStaffView } from '../../../domain/bundles/views.ts';
import { civilDateAt, formatInstant } from '../../../domain/calendar/instant.ts';
import { formatCaseNo, queryCodeFromBytes } from '../../../domain/cases/case-number.ts';
import type { Actor, CaseState } from '../../../domain/cases/types.ts';
import { bundleItemCodes, type MergedMaterial, mergedMaterials } from '../../../domain/catalogue/bundles.ts';
import type { ItemRules } from '../../../domain/catalogue/catalogue.ts';
import { intakeSnapshot } from '../../../domain/catalogue/catalogue.ts';
import { catalogueBundle, catalogueItem } from '../../../domain/catalogue/item-lookup.ts';
import type { Bundle } from '../../../domain/catalogue/schema.ts';
import {
  claimIntake,
  completeIntake,
  type IntakePlan,
  loadBundle,
  loadIntakeClaim,
  loadParts,
  type StoredBundle,
} from '../../../store/bundles/bundles.ts';
import { caseKey } from '../../../store/cases/cases.ts';
import { nextBundleSerial, nextCaseSerials } from '../../../store/counters.ts';
import { type PersonalDataCipher, personalDataCipher } from '../../../store/personal-data/cipher.ts';
import { withCaseErrors } from '../../cases/errors.ts';
import {
  type ApplicantRecord,
  applicantRecord,
  intakeFieldErrors,
  summary,
} from '../../cases/intake-input.ts';
import { keepFigures } from '../../figures/keep.ts';
import { logger } from '../../observability.ts';
import { type FieldError, HttpProblem, invalidRequest } from '../../problems.ts';
import { actorOf } from '../../staff.ts';
import { httpHandler } from '../http-handler.ts';
import type { BundleIntakeBody } from '../schemas.ts';
import { notAGeneralWindow, unknownBundle } from '../support.ts';

interface BundleIntakePayload {
  /** `<subject>#<Idempotency-Key>`. */
  key: string;
  requestDigest: string;
  bundleCode: string;
  body: BundleIntakeBody;
  actor: Actor;
  applicant: ApplicantRecord;
}

interface BundleIntakeOutcome {
  bundleNo: string;
  sealedQueryCode: string;
}

const idempotencyKeyPattern = /^[A-Za-z0-9_.:-]{8,128}$/;

function itemsOf(bundle: Bundle): Map<string, ItemRules> {
  return new Map(
    bundleItemCodes(bundle).flatMap((code) => {
      const item = catalogueItem(code);
      return item ? [[code, item] as const] : [];
    }),
  );
}

/** Field errors of the merged material list: unknown or repeated lines, required lines without state. */
export function lineFieldErrors(
  merged: readonly MergedMaterial[],
  updates: readonly LineUpdate[],
): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  for (const [index, update] of updates.entries()) {
    const line = merged[Number(update.id.slice(1)) - 1];
    if (!line) {
      errors.push({
        field: `body.materials.${index}.id`,
        rule: 'unknown_material',
        message: `“一件事”材料清单中没有 ${update.id}。`,
      });
    } else if (seen.has(update.id)) {
      errors.push({
        field: `body.materials.${index}.id`,
        rule: 'duplicate',
        message: `${update.id} 重复登记。`,
      });
    } else if (update.state === 'owed' || update.state === 'committed') {
      // 容缺受理 and 告知承诺制 are taken on a single item's intake, where the commitment is signed
      // for that item; a bundle's merged list records only what was handed over.
      errors.push({
        field: `body.materials.${index}.state`,
        rule: 'path_not_in_bundle',
        message: `“一件事”综合窗口收件不适用容缺受理或告知承诺制：“${line.name}”请登记为已提交、缺少或不符合要求。`,
      });
    } else if (line.required && update.state === 'notApplicable') {
      errors.push({
        field: `body.materials.${index}.state`,
        rule: 'required_material',
        message: `必要材料“${line.name}”不能标为不适用。`,
      });
    }
    seen.add(update.id);
  }
  for (const [index, line] of merged.entries()) {
    if (line.required && !seen.has(lineId(index))) {
      errors.push({
        field: `body.materials.${lineId(index)}`,
        rule: 'material_state_required',
        message: `必要材料“${line.name}”须登记状态（已提交、缺少或不符合要求）。`,
      });
    }
  }
  return errors;
}

async function draftPlan(
  payload: BundleIntakePayload,
  bundle: Bundle,
  items: ReadonlyMap<string, ItemRules>,
  cipher: PersonalDataCipher,
  now: Date,
): Promise<IntakePlan> {
  const table = tableName();
  const date = civilDateAt(now);
  const codes = bundleItemCodes(bundle);
  const [bundleSerial, firstCaseSerial] = await Promise.all([
    nextBundleSerial(table, centreConfig.code, date),
    nextCaseSerials(table, centreConfig.code, date, codes.length),
  ]);
  const bundleNo = formatBundleNo(centreConfig.code, date, bundleSerial);
  const parts: BundlePart[] = codes.map((code, index) => {
    const item = items.get(code) as ItemRules;
    return {
      caseNo: formatCaseNo(centreConfig.code, date, firstCaseSerial + index),
      itemCode: code,
      itemName: item.name,
      department: item.department,
      window: backOfficeWindow(item.department),
      step: stepOf(bundle, code),
      stepName: bundle.steps[stepOf(bundle, code)]?.name ?? '',
    };
  });
  const queryCode = queryCodeFromBytes(randomBytes(24));
  const queryCodeSalt = randomBytes(16).toString('base64url');
  const [queryCodeHash, sealedQueryCode] = await Promise.all([
    cipher.digest('query-code', `${queryCodeSalt}:${queryCode}`),
    cipher.seal(queryCode, `receipt:${bundleNo}`),
  ]);
  return {
    bundleNo,
    requestDigest: payload.requestDigest,
    queryCodeSalt,
    queryCodeHash,
    sealedQueryCode,
    parts,
    plannedAt: formatInstant(now.getTime()),
  };
}

function keyReused(): HttpProblem {
  return new HttpProblem({
    type: 'https://yichuang.dev/problems/idempotency-key-reused',
    title: 'Idempotency-Key 已用于另一请求',
    status: 422,
    detail: '同一 Idempotency-Key 只能用于内容相同的请求。',
  });
}

/**
 * One part of the bundle opened as a case of its department. When a line of the merged list is
 * missing or defective, the one correction notice of the whole bundle (every such line once) is
 * recorded on the part as its own.
 */
function openBundlePart(
  payload: BundleIntakePayload,
  bundle: Bundle,
  items: ReadonlyMap<string, ItemRules>,
  bundleNo: string,
  part: Pick<BundlePart, 'caseNo' | 'itemCode' | 'window'>,
  now: Date,
): CaseState {
  const { body, actor } = payload;
  const lines = recordedLines(mergedMaterials(bundle, items), body.materials as LineUpdate[]);
  const told = body.told?.trim();
  const outstanding = outstandingLines(lines);
  const correctionTold = `一件事“${bundle.name}”（${bundleNo}）一次性告知补正：${outstanding
    .map((line) => `${line.name}（${line.state === 'missing' ? '缺少' : '不符合要求'}）`)
    .join('；')}。`;
  return openPart(
    {
      caseNo: part.caseNo,
      bundleNo,
      backOfficeWindow: part.window,
      centre: centreConfig.code,
      item: intakeSnapshot(items.get(part.itemCode) as ItemRules),
      applicant: summary(payload.applicant),
      materials: partMaterials(lines, part.itemCode),
      told: `一件事“${bundle.name}”（${bundleNo}）综合窗口收件。${told ?? ''}`.trim(),
      ...(outstanding.length > 0 ? { correctionTold } : {}),
    },
    actor,
    generalWindows,
    now,
    centreClocks(),
  );
}

async function performBundleIntake(
  payload: BundleIntakePayload,
  cipher: PersonalDataCipher,
): Promise<BundleIntakeOutcome> {
  const { body, actor } = payload;
  const now = new Date();
  const ctx = centreClocks();
  const table = tableName();
  const bundle = catalogueBundle(payload.bundleCode) as Bundle;
  const items = itemsOf(bundle);
  const claimId = await cipher.digest('bundle-intake', payload.key);
  let plan = await loadIntakeClaim(table, claimId);
  if (plan && plan.requestDigest !== payload.requestDigest) throw keyReused();
  plan ??= await claimIntake(table, claimId, await draftPlan(payload, bundle, items, cipher, now));
  if (plan.requestDigest !== payload.requestDigest) throw keyReused();
  const lines = recordedLines(mergedMaterials(bundle, items), body.materials as LineUpdate[]);
  const told = body.told?.trim();
  const applicant = summary(payload.applicant);
  const record: BundleRecord = {
    bundleNo: plan.bundleNo,
    centre: centreConfig.code,
    bundle: { code: bundle.code, version: bundle.version, name: bundle.name },
    applicant,
    intakeWindow: actor.window as string,
    takenInBy: actor.username,
    receivedAt: plan.plannedAt,
    materials: lines,
    parts: plan.parts,
    ...(told ? { told } : {}),
  };
  const stored: StoredBundle = {
    record,
    queryCodeSalt: plan.queryCodeSalt,
    queryCodeHash: plan.queryCodeHash,
  };
  await completeIntake(
    table,
    stored,
    async (part) => ({
      state: openBundlePart(payload, bundle, items, plan.bundleNo, part, now),
      applicantSealed: await cipher.seal(JSON.stringify(payload.applicant), part.caseNo),
      queryCodeSalt: plan.queryCodeSalt,
      queryCodeHash: plan.queryCodeHash,
    }),
    now,
    ctx,
  );
  for (const part of plan.parts) await keepFigures(caseKey(part.caseNo));
  logger.info('Bundle taken in', {
    bundleNo: plan.bundleNo,
    bundleCode: bundle.code,
    cases: plan.parts.map((part) => part.caseNo),
    window: actor.window,
    username: actor.username,
  });
  return { bundleNo: plan.bundleNo, sealedQueryCode: plan.sealedQueryCode };
}

const idempotencyConfig = new IdempotencyConfig({
  eventKeyJmesPath: 'key',
  payloadValidationJmesPath: 'requestDigest',
  throwOnNoIdempotencyKey: true,
  expiresAfterSeconds: 24 * 3600,
});

let idempotentIntake: ((payload: BundleIntakePayload) => Promise<BundleIntakeOutcome>) | undefined;

function intake(cipher: PersonalDataCipher): (payload: BundleIntakePayload) => Promise<BundleIntakeOutcome> {
  idempotentIntake ??= makeIdempotent(
    (payload: BundleIntakePayload) => performBundleIntake(payload, cipher),
    {
      persistenceStore: new DynamoDBPersistenceLayer({
        tableName: process.env[envNames.idempotencyTableName] ?? 'yichuang-idempotency',
      }),
      config: idempotencyConfig,
    },
  );
  return idempotentIntake;
}

function headerValue(headers: Record<string, string | undefined>, name: string): string | undefined {
  return Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
}

export const handler = httpHandler(
  withCaseErrors(async (request, context: Context) => {
    const { bundleCode } = request.params as { bundleCode: string };
    const body = request.body as BundleIntakeBody;
    const actor = actorOf(request.principal);
    const bundle = catalogueBundle(bundleCode);
    if (!bundle) throw unknownBundle(bundleCode);
    if (!actor.roles.includes('clerk') || !actor.window || !generalWindows.includes(actor.window)) {
      throw notAGeneralWindow();
    }
    const idempotencyKey = headerValue(request.event.headers ?? {}, 'idempotency-key');
    const errors: FieldError[] = [];
    if (!idempotencyKey || !idempotencyKeyPattern.test(idempotencyKey)) {
      errors.push({
        field: 'header.Idempotency-Key',
        rule: idempotencyKey ? 'format' : 'required',
        message: '收件请求须带 Idempotency-Key 请求头（8–128 位字母、数字或 _.:-），重试时保持不变。',
      });
    }
    // The applicant is checked exactly as case intake checks it (the item is only a carrier).
    const firstItem = bundleItemCodes(bundle)[0] as string;
    errors.push(
      ...intakeFieldErrors(
        { itemCode: firstItem, applicant: body.applicant, materials: [] },
        civilDateAt(Date.now()),
      ).filter((error) => error.field.startsWith('body.applicant')),
    );
    const merged = mergedMaterials(bundle, itemsOf(bundle));
    errors.push(...lineFieldErrors(merged, body.materials as LineUpdate[]));
    if (errors.length > 0) throw invalidRequest(errors);
    const cipher = await personalDataCipher();
    const payload: BundleIntakePayload = {
      key: `${request.principal?.subject}#${idempotencyKey}`,
      requestDigest: await cipher.digest('intake-request', JSON.stringify({ bundleCode, body })),
      bundleCode,
      body,
      actor,
      applicant: applicantRecord(body),
    };
    // Every part's case rules refuse before the claim, the record or any case is written: a
    // refusal leaves nothing half-written (and draws no number).
    const now = new Date();
    const date = civilDateAt(now);
    for (const itemCode of bundleItemCodes(bundle)) {
      const department = (catalogueItem(itemCode) as ItemRules).department;
      openBundlePart(
        payload,
        bundle,
        itemsOf(bundle),
        formatBundleNo(centreConfig.code, date, 1),
        { caseNo: formatCaseNo(centreConfig.code, date, 1), itemCode, window: backOfficeWindow(department) },
        now,
      );
    }
    idempotencyConfig.registerLambdaContext(context);
    const outcome = await intake(cipher)(payload);
    const queryCode = await cipher.open(outcome.sealedQueryCode, `receipt:${outcome.bundleNo}`);
    const stored = await loadBundle(tableName(), outcome.bundleNo);
    if (!stored) throw new Error(`Bundle ${outcome.bundleNo} of a completed intake is missing.`);
    const view = bundleStaffView(
      stored.record,
      await loadParts(tableName(), stored.record),
      new Date(),
      centreClocks(),
    );
    return {
      status: 201,
      headers: { location: `/api/bundle-records/${outcome.bundleNo}` },
      body: {
        bundleNo: outcome.bundleNo,
        queryCode,
        cases: stored.record.parts.map((part) => ({
          caseNo: part.caseNo,
          itemCode: part.itemCode,
          department: part.department,
        })),
        bundle: view,
      },
    };
  }),
);

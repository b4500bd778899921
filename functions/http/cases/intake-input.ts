/**
 * What an intake request says about the applicant and the materials, checked beyond its schema and
 * normalised: shared by case intake (handlers/create.ts) and bundle intake (bundles/handlers/intake.ts),
 * so neither handler module imports the other (each function bundles its own area's routes).
 */
import type { ApplicantSummary } from '../../domain/cases/types.ts';
import { catalogueItem } from '../../domain/catalogue/item-lookup.ts';
import {
  checkCreditCode,
  checkIdNumber,
  checkPhone,
  normalizeIdNumber,
} from '../../domain/identity-number.ts';
import { maskIdNumber, maskName, maskPhone } from '../../domain/privacy.ts';
import type { FieldError } from '../problems.ts';
import type { IntakeBody } from './schemas.ts';

/** The applicant as sealed into the case item: the full values, normalised. */
export interface ApplicantRecord {
  kind: 'individual' | 'organisation';
  name: string;
  idNumber: string;
  phone: string;
  address?: string;
  organisation?: { name: string; creditCode: string };
}

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

export function applicantRecord(body: Pick<IntakeBody, 'applicant'>): ApplicantRecord {
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

export function summary(record: ApplicantRecord): ApplicantSummary {
  return {
    kind: record.kind,
    name: maskName(record.name),
    idNumber: maskIdNumber(record.idNumber),
    phone: maskPhone(record.phone),
    ...(record.organisation ? { organisation: record.organisation } : {}),
  };
}

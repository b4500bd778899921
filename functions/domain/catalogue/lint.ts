/**
 * Catalogue lint: the checks a catalogue must pass beyond its schema (domain.md §2). Pure: it gets
 * file names and parsed JSON, returns diagnostics. The CLI (`npx yichuang catalog lint`) and the
 * site build print the same messages, naming file, field and rule, in Chinese and English.
 */
import type * as z from 'zod/mini';
import {
  type Bundle,
  bundleListSchema,
  type Department,
  departmentListSchema,
  type ServiceItem,
  serviceItemSchema,
} from './schema.ts';

export type Severity = 'error' | 'warning';

export type LintRule =
  | 'schema'
  | 'unique-code'
  | 'known-department'
  | 'limits-required'
  | 'promised-within-statutory'
  | 'instant-no-day-limit'
  | 'steps-within-promised'
  | 'free-says-buxiaofei'
  | 'no-catch-all-condition'
  | 'conditional-material'
  | 'joint-co-departments'
  | 'owed-materials'
  | 'commitment-proofs'
  | 'bundle-items'
  | 'bundle-shared-materials';

export interface Diagnostic {
  severity: Severity;
  /** Path of the file, as given by the caller (relative to the repository). */
  file: string;
  /** Field path inside the file: limits.promisedDays, materials[2].condition. */
  field: string;
  rule: LintRule;
  zh: string;
  en: string;
}

export interface CatalogueSource {
  file: string;
  data: unknown;
}

export interface LintResult {
  items: { file: string; item: ServiceItem }[];
  departments: Department[];
  /** The 一件事 bundles of bundles.json, when there is one and it parses. */
  bundles: Bundle[];
  diagnostics: Diagnostic[];
  errors: number;
  warnings: number;
}

/** One line: `error file field [rule] 中文 / English`. */
export function formatDiagnostic(d: Diagnostic): string {
  const label = d.severity === 'error' ? '错误 error' : '警告 warning';
  return `${label}: ${d.file} › ${d.field} [${d.rule}]\n  ${d.zh}\n  ${d.en}`;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

function issueMessages(issue: z.core.$ZodIssue): { zh: string; en: string; field: string } {
  const field = formatPath(issue.path);
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) {
        return { field, zh: '缺少必填字段', en: 'required field is missing' };
      }
      return { field, zh: `类型错误，应为 ${issue.expected}`, en: `wrong type, expected ${issue.expected}` };
    case 'unrecognized_keys': {
      const keys = issue.keys.join(', ');
      return {
        field: issue.keys.length === 1 ? formatPath([...issue.path, issue.keys[0] as string]) : field,
        zh: `未知字段：${keys}（拼写错误？）`,
        en: `unknown field: ${keys} (a typo?)`,
      };
    }
    case 'too_small':
      return issue.origin === 'array'
        ? { field, zh: `至少需要 ${issue.minimum} 项`, en: `needs at least ${issue.minimum} entries` }
        : issue.origin === 'string'
          ? { field, zh: '不能为空', en: 'must not be empty' }
          : { field, zh: `不能小于 ${issue.minimum}`, en: `must be at least ${issue.minimum}` };
    case 'too_big':
      return { field, zh: `不能大于 ${issue.maximum}`, en: `must be at most ${issue.maximum}` };
    case 'invalid_format':
      return {
        field,
        zh: `格式不正确（${issue.pattern ?? issue.format}）`,
        en: `wrong format (${issue.pattern ?? issue.format})`,
      };
    case 'invalid_value':
      return {
        field,
        zh: `取值应为以下之一：${issue.values.map(String).join('、')}`,
        en: `must be one of: ${issue.values.map(String).join(', ')}`,
      };
    case 'invalid_union':
      return { field, zh: '取值不在允许范围内', en: 'value is not one of the allowed forms' };
    default:
      return { field, zh: `不符合格式：${issue.message}`, en: issue.message };
  }
}

function schemaDiagnostics(file: string, error: z.core.$ZodError): Diagnostic[] {
  return error.issues.map((issue) => {
    const { field, zh, en } = issueMessages(issue);
    return { severity: 'error', file, field, rule: 'schema', zh, en };
  });
}

/** Lines that stand for "any other condition": 其他条件, 法律法规规定的其他情形 … */
const catchAll = /(其他|其它)[^，。；,;]{0,16}(条件|情形|要求|情况)|法律[、，]?(行政)?法规规定的其他/;

/** The rules that look at one item once it matches the schema. */
export function lintItem(file: string, item: ServiceItem, departmentIds?: ReadonlySet<string>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const add = (severity: Severity, field: string, rule: LintRule, zh: string, en: string) =>
    out.push({ severity, file, field, rule, zh, en });
  const { statutoryDays, promisedDays } = item.limits;

  if (departmentIds) {
    if (!departmentIds.has(item.department)) {
      add(
        'error',
        'department',
        'known-department',
        `部门“${item.department}”不在 departments.json 中`,
        `department "${item.department}" is not in departments.json`,
      );
    }
    (item.coDepartments ?? []).forEach((id, i) => {
      if (!departmentIds.has(id)) {
        add(
          'error',
          `coDepartments[${i}]`,
          'known-department',
          `协办部门“${id}”不在 departments.json 中`,
          `co-department "${id}" is not in departments.json`,
        );
      }
    });
  }

  if (item.class === 'instant') {
    if (promisedDays !== undefined) {
      add(
        'error',
        'limits.promisedDays',
        'instant-no-day-limit',
        `即办件当场办结，不应设承诺时限（现为 ${promisedDays} 个工作日）`,
        `an instant item is decided on the spot and has no promised limit (found ${promisedDays} working days)`,
      );
    }
    item.procedure.forEach((step, i) => {
      if (step.limitDays !== undefined && step.limitDays > 0) {
        add(
          'error',
          `procedure[${i}].limitDays`,
          'instant-no-day-limit',
          `即办件的环节“${step.name}”不应设天数时限`,
          `step "${step.name}" of an instant item must not have a day limit`,
        );
      }
    });
  } else {
    if (statutoryDays === undefined) {
      add(
        'error',
        'limits.statutoryDays',
        'limits-required',
        `${item.class === 'joint' ? '联办件' : '承诺件'}必须公布法定时限`,
        `a ${item.class} item must state its statutory limit`,
      );
    }
    if (promisedDays === undefined) {
      add(
        'error',
        'limits.promisedDays',
        'limits-required',
        `${item.class === 'joint' ? '联办件' : '承诺件'}必须公布承诺时限`,
        `a ${item.class} item must state its promised limit`,
      );
    }
    if (statutoryDays !== undefined && promisedDays !== undefined) {
      if (promisedDays > statutoryDays) {
        add(
          'error',
          'limits.promisedDays',
          'promised-within-statutory',
          `承诺时限（${promisedDays} 个工作日）超过法定时限（${statutoryDays} 个工作日）`,
          `the promised limit (${promisedDays} working days) exceeds the statutory limit (${statutoryDays})`,
        );
      } else if (promisedDays === statutoryDays) {
        add(
          'warning',
          'limits.promisedDays',
          'promised-within-statutory',
          `承诺时限等于法定时限（${promisedDays} 个工作日），按本地规则应短于法定时限`,
          `the promised limit equals the statutory limit (${promisedDays} working days); local rule: it should be shorter`,
        );
      }
    }
    const stepDays = item.procedure.reduce((sum, step) => sum + (step.limitDays ?? 0), 0);
    if (promisedDays !== undefined && stepDays > promisedDays) {
      add(
        'error',
        'procedure',
        'steps-within-promised',
        `各环节时限合计 ${stepDays} 个工作日，超过承诺时限 ${promisedDays} 个工作日`,
        `the step limits add up to ${stepDays} working days, more than the promised limit of ${promisedDays}`,
      );
    }
  }

  const feeItems = item.fees.items ?? [];
  if (feeItems.length === 0 && item.fees.statement !== '不收费') {
    add(
      'error',
      'fees.statement',
      'free-says-buxiaofei',
      `不收费的事项应写“不收费”，不能写“${item.fees.statement}”`,
      `a free item must say 不收费, not "${item.fees.statement}"`,
    );
  }
  if (feeItems.length > 0 && item.fees.statement === '不收费') {
    add(
      'error',
      'fees.statement',
      'free-says-buxiaofei',
      '写了“不收费”，却列出了收费项目',
      'says 不收费 but lists fee items',
    );
  }

  item.conditions.forEach((condition, i) => {
    if (catchAll.test(condition)) {
      add(
        'error',
        `conditions[${i}]`,
        'no-catch-all-condition',
        `申请条件不得设兜底条款：“${condition}”`,
        `acceptance conditions must not contain a catch-all line: "${condition}"`,
      );
    }
  });

  item.materials.forEach((material, i) => {
    if (!material.required && material.condition === undefined) {
      add(
        'error',
        `materials[${i}].condition`,
        'conditional-material',
        `非必需材料“${material.name}”必须写明在什么情形下需要提交`,
        `conditional material "${material.name}" must say when it is needed`,
      );
    }
  });

  out.push(...lintAcceptancePaths(file, item));

  const coDepartments = item.coDepartments ?? [];
  if (item.class === 'joint' && coDepartments.length === 0) {
    add(
      'error',
      'coDepartments',
      'joint-co-departments',
      '联办件必须列出协办部门',
      'a joint item must list its co-handling departments',
    );
  }
  if (item.class !== 'joint' && coDepartments.length > 0) {
    add(
      'warning',
      'coDepartments',
      'joint-co-departments',
      '只有联办件才有协办部门',
      'only joint items have co-handling departments',
    );
  }
  return out;
}

/**
 * 容缺受理 and 告知承诺制 (domain.md §11): the owed materials are secondary ones and the main ones
 * stay required, the owed period fits the promised limit, and each flag on a material has the
 * item-level rules that give it meaning.
 */
function lintAcceptancePaths(file: string, item: ServiceItem): Diagnostic[] {
  const out: Diagnostic[] = [];
  const add = (field: string, rule: LintRule, zh: string, en: string) =>
    out.push({ severity: 'error', file, field, rule, zh, en });
  const owed = item.materials.flatMap((material, i) => (material.mayBeOwed ? [{ material, i }] : []));
  const deferred = item.deferredAcceptance;
  if (owed.length > 0 && !deferred) {
    add(
      'deferredAcceptance',
      'owed-materials',
      '有可容缺的材料，但事项没有写明容缺受理规则（deferredAcceptance）',
      'materials may be owed, but the item has no deferredAcceptance rules',
    );
  }
  if (deferred && owed.length === 0) {
    add(
      'deferredAcceptance',
      'owed-materials',
      '写明了容缺受理规则，但没有一项材料标为可容缺（mayBeOwed）',
      'deferredAcceptance is set, but no material is marked mayBeOwed',
    );
  }
  if (deferred) {
    const { promisedDays } = item.limits;
    if (promisedDays === undefined) {
      add(
        'deferredAcceptance.maxOwedWorkdays',
        'owed-materials',
        '即办件当场办结，不适用容缺受理（没有承诺时限可供补齐）',
        'an instant item has no promised limit within which owed materials could follow',
      );
    } else if (deferred.maxOwedWorkdays > promisedDays) {
      add(
        'deferredAcceptance.maxOwedWorkdays',
        'owed-materials',
        `容缺补齐期限（${deferred.maxOwedWorkdays} 个工作日）超过承诺时限（${promisedDays} 个工作日）`,
        `the owed period (${deferred.maxOwedWorkdays} working days) exceeds the promised limit (${promisedDays})`,
      );
    }
    if (!item.materials.some((material) => material.required && !material.mayBeOwed)) {
      add(
        'materials',
        'owed-materials',
        '主要材料必须齐全：至少一项必需材料不能容缺',
        'the main materials must be complete: at least one required material may not be owed',
      );
    }
  }
  const proofs = item.materials.flatMap((material, i) =>
    material.provableByCommitment ? [{ material, i }] : [],
  );
  const commitment = item.commitmentDecision;
  if (proofs.length > 0 && commitment?.scope !== 'proofs') {
    add(
      'commitmentDecision.scope',
      'commitment-proofs',
      '有可告知承诺的证明材料，但事项没有写明证明事项告知承诺规则（commitmentDecision.scope = proofs）',
      'materials are provable by commitment, but the item has no commitmentDecision with scope proofs',
    );
  }
  if (commitment?.scope === 'proofs' && proofs.length === 0) {
    add(
      'commitmentDecision.scope',
      'commitment-proofs',
      '证明事项告知承诺必须标明哪些材料可以承诺代替（provableByCommitment）',
      'a proofs commitment must mark the materials it replaces (provableByCommitment)',
    );
  }
  for (const { material, i } of proofs) {
    if (material.mayBeOwed) {
      add(
        `materials[${i}]`,
        'commitment-proofs',
        `材料“${material.name}”不能既可容缺又可承诺代替：以承诺代替的证明不再补交`,
        `material "${material.name}" cannot be both owed and replaced by a commitment: a replaced proof is never supplied`,
      );
    }
  }
  return out;
}

/**
 * Lints a whole catalogue: every item file against the schema and the rules, codes unique across
 * files, departments known. `departments` is the departments.json file, when there is one.
 */
export function lintCatalogue(
  sources: readonly CatalogueSource[],
  departments?: CatalogueSource,
  bundles?: CatalogueSource,
): LintResult {
  const diagnostics: Diagnostic[] = [];
  let departmentList: Department[] = [];
  let departmentIds: Set<string> | undefined;
  if (departments) {
    const parsed = departmentListSchema.safeParse(departments.data, { reportInput: true });
    if (parsed.success) {
      departmentList = parsed.data;
      departmentIds = new Set();
      departmentList.forEach((department, i) => {
        if (departmentIds?.has(department.id)) {
          diagnostics.push({
            severity: 'error',
            file: departments.file,
            field: `[${i}].id`,
            rule: 'unique-code',
            zh: `部门编号“${department.id}”重复`,
            en: `department id "${department.id}" is used twice`,
          });
        }
        departmentIds?.add(department.id);
      });
    } else {
      diagnostics.push(...schemaDiagnostics(departments.file, parsed.error));
    }
  }

  const items: { file: string; item: ServiceItem }[] = [];
  const filesByCode = new Map<string, string>();
  for (const source of sources) {
    const parsed = serviceItemSchema.safeParse(source.data, { reportInput: true });
    if (!parsed.success) {
      diagnostics.push(...schemaDiagnostics(source.file, parsed.error));
      continue;
    }
    const item = parsed.data;
    const first = filesByCode.get(item.code);
    if (first !== undefined) {
      diagnostics.push({
        severity: 'error',
        file: source.file,
        field: 'code',
        rule: 'unique-code',
        zh: `事项编码“${item.code}”与 ${first} 重复`,
        en: `item code "${item.code}" is already used by ${first}`,
      });
    } else {
      filesByCode.set(item.code, source.file);
    }
    diagnostics.push(...lintItem(source.file, item, departmentIds));
    items.push({ file: source.file, item });
  }
  let bundleList: Bundle[] = [];
  if (bundles) {
    const parsed = bundleListSchema.safeParse(bundles.data, { reportInput: true });
    if (parsed.success) {
      bundleList = parsed.data;
      diagnostics.push(
        ...lintBundles(
          bundles.file,
          bundleList,
          new Map(items.map((entry) => [entry.item.code, entry.item])),
        ),
      );
    } else {
      diagnostics.push(...schemaDiagnostics(bundles.file, parsed.error));
    }
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return {
    items,
    departments: departmentList,
    bundles: bundleList,
    diagnostics,
    errors,
    warnings: diagnostics.length - errors,
  };
}

/**
 * 一件事 bundles: unique codes, items that exist, each once, at least two of them, and shared
 * materials that name real materials of the bundle's own items, each covered once, across items.
 */
export function lintBundles(
  file: string,
  bundles: readonly Bundle[],
  items: ReadonlyMap<string, ServiceItem>,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const add = (field: string, rule: LintRule, zh: string, en: string) =>
    out.push({ severity: 'error', file, field, rule, zh, en });
  const codes = new Set<string>();
  bundles.forEach((bundle, b) => {
    if (codes.has(bundle.code)) {
      add(
        `[${b}].code`,
        'unique-code',
        `一件事编码“${bundle.code}”重复`,
        `bundle code "${bundle.code}" is used twice`,
      );
    }
    codes.add(bundle.code);
    const seen = new Set<string>();
    bundle.steps.forEach((step, s) => {
      step.items.forEach((code, i) => {
        const field = `[${b}].steps[${s}].items[${i}]`;
        if (!items.has(code)) {
          add(
            field,
            'bundle-items',
            `一件事“${bundle.name}”的事项“${code}”不在目录中`,
            `item "${code}" of bundle "${bundle.code}" is not in the catalogue`,
          );
        } else if (seen.has(code)) {
          add(
            field,
            'bundle-items',
            `事项“${code}”在一件事“${bundle.name}”中出现了两次`,
            `item "${code}" appears twice in bundle "${bundle.code}"`,
          );
        }
        seen.add(code);
      });
    });
    if (seen.size < 2) {
      add(
        `[${b}].steps`,
        'bundle-items',
        `一件事“${bundle.name}”至少要包含两个事项`,
        `bundle "${bundle.code}" must hold at least two items`,
      );
    }
    const covered = new Set<string>();
    (bundle.sharedMaterials ?? []).forEach((shared, m) => {
      const itemsCovered = new Set<string>();
      shared.covers.forEach((cover, c) => {
        const field = `[${b}].sharedMaterials[${m}].covers[${c}]`;
        const key = `${cover.item}#${cover.material}`;
        const item = items.get(cover.item);
        if (!seen.has(cover.item) || !item) {
          add(
            field,
            'bundle-shared-materials',
            `共用材料“${shared.name}”指向的事项“${cover.item}”不在本一件事中`,
            `shared material "${shared.name}" names item "${cover.item}", which is not in the bundle`,
          );
        } else if (cover.material > item.materials.length) {
          add(
            field,
            'bundle-shared-materials',
            `事项“${cover.item}”没有第 ${cover.material} 项材料（m${cover.material}）`,
            `item "${cover.item}" has no material m${cover.material}`,
          );
        } else if (covered.has(key)) {
          add(
            field,
            'bundle-shared-materials',
            `材料 ${key} 已由另一项共用材料代表`,
            `material ${key} is already covered by another shared material`,
          );
        }
        covered.add(key);
        itemsCovered.add(cover.item);
      });
      if (itemsCovered.size < 2) {
        add(
          `[${b}].sharedMaterials[${m}]`,
          'bundle-shared-materials',
          `共用材料“${shared.name}”应由至少两个事项共用`,
          `shared material "${shared.name}" must be shared by at least two items`,
        );
      }
    });
  });
  return out;
}

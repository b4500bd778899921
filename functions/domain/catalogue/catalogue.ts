/**
 * The catalogue as the functions use it: look items up by code, and take the snapshot a case keeps
 * from the item version in force when it was taken in (limits, class, materials, steps).
 */
import type {
  Bundle,
  CommitmentDecision,
  DeferredAcceptance,
  Department,
  ItemClass,
  Material,
  ProcedureStep,
  ServiceItem,
} from './schema.ts';

export interface Catalogue {
  readonly items: readonly ServiceItem[];
  readonly departments: readonly Department[];
  readonly bundles: readonly Bundle[];
  get(code: string): ServiceItem | undefined;
  bundle(code: string): Bundle | undefined;
  department(id: string): Department | undefined;
  /** Items of one department, in catalogue order. */
  byDepartment(id: string): readonly ServiceItem[];
}

export function createCatalogue(
  items: readonly ServiceItem[],
  departments: readonly Department[],
  bundles: readonly Bundle[] = [],
): Catalogue {
  const byCode = new Map(items.map((item) => [item.code, item]));
  const bundlesByCode = new Map(bundles.map((bundle) => [bundle.code, bundle]));
  const departmentsById = new Map(departments.map((department) => [department.id, department]));
  return {
    items,
    departments,
    bundles,
    get: (code) => byCode.get(code),
    bundle: (code) => bundlesByCode.get(code),
    department: (id) => departmentsById.get(id),
    byDepartment: (id) => items.filter((item) => item.department === id),
  };
}

/** What a case keeps of its item at intake (办事指南同源: the version in force that day). */
export interface IntakeSnapshot {
  code: string;
  version: string;
  name: string;
  department: string;
  coDepartments: string[];
  class: ItemClass;
  /** Working days; undefined for instant items. */
  statutoryDays: number | undefined;
  promisedDays: number | undefined;
  materials: {
    name: string;
    required: boolean;
    condition: string | undefined;
    originals: number;
    copies: number;
    /** Absent in snapshots taken before the acceptance paths existed. */
    medium?: 'paper' | 'electronic' | 'either';
    mayBeOwed?: boolean;
    provableByCommitment?: boolean;
  }[];
  steps: { name: string; limitDays: number | undefined }[];
  /** 容缺受理 and 告知承诺制 rules in force at intake, when the item has them. */
  deferredAcceptance?: DeferredAcceptance;
  commitmentDecision?: CommitmentDecision;
}

/**
 * What the functions read of an item: the rules a case is taken in under (class, limits,
 * materials, steps) and where its result is collected. The functions bundle these fields only
 * (items.generated.ts), not the whole guide of every item.
 */
export interface ItemRules {
  code: string;
  version: string;
  name: string;
  department: string;
  coDepartments?: string[];
  class: ItemClass;
  limits: ServiceItem['limits'];
  materials: Pick<
    Material,
    | 'name'
    | 'required'
    | 'condition'
    | 'originals'
    | 'copies'
    | 'medium'
    | 'mayBeOwed'
    | 'provableByCommitment'
  >[];
  procedure: Pick<ProcedureStep, 'name' | 'limitDays'>[];
  /** 容缺受理 and 告知承诺制, when the item has them: a case snapshots them at intake. */
  deferredAcceptance?: DeferredAcceptance;
  commitmentDecision?: CommitmentDecision;
  result: Pick<ServiceItem['result'], 'delivery'>;
  place?: ServiceItem['place'];
  hours?: string;
  phones?: ServiceItem['phones'];
}

export function itemRules(item: ServiceItem): ItemRules {
  return {
    code: item.code,
    version: item.version,
    name: item.name,
    department: item.department,
    ...(item.coDepartments ? { coDepartments: item.coDepartments } : {}),
    class: item.class,
    limits: item.limits,
    materials: item.materials.map(
      ({ name, required, condition, originals, copies, medium, mayBeOwed, provableByCommitment }) => ({
        name,
        required,
        ...(condition === undefined ? {} : { condition }),
        originals,
        copies,
        medium,
        ...(mayBeOwed ? { mayBeOwed } : {}),
        ...(provableByCommitment ? { provableByCommitment } : {}),
      }),
    ),
    procedure: item.procedure.map(({ name, limitDays }) => ({
      name,
      ...(limitDays === undefined ? {} : { limitDays }),
    })),
    ...(item.deferredAcceptance ? { deferredAcceptance: item.deferredAcceptance } : {}),
    ...(item.commitmentDecision ? { commitmentDecision: item.commitmentDecision } : {}),
    result: { delivery: item.result.delivery },
    ...(item.place ? { place: item.place } : {}),
    ...(item.hours ? { hours: item.hours } : {}),
    ...(item.phones ? { phones: item.phones } : {}),
  };
}

export function intakeSnapshot(item: ItemRules): IntakeSnapshot {
  return {
    code: item.code,
    version: item.version,
    name: item.name,
    department: item.department,
    coDepartments: [...(item.coDepartments ?? [])],
    class: item.class,
    statutoryDays: item.limits.statutoryDays,
    promisedDays: item.class === 'instant' ? undefined : item.limits.promisedDays,
    materials: item.materials.map((m) => ({
      name: m.name,
      required: m.required,
      condition: m.condition,
      originals: m.originals,
      copies: m.copies,
      medium: m.medium,
      ...(m.mayBeOwed ? { mayBeOwed: true } : {}),
      ...(m.provableByCommitment ? { provableByCommitment: true } : {}),
    })),
    steps: item.procedure.map((step) => ({ name: step.name, limitDays: step.limitDays })),
    ...(item.deferredAcceptance ? { deferredAcceptance: { ...item.deferredAcceptance } } : {}),
    ...(item.commitmentDecision
      ? {
          commitmentDecision: {
            ...item.commitmentDecision,
            verification: { ...item.commitmentDecision.verification },
          },
        }
      : {}),
  };
}

/** The limits as the guide shows them: both for promised and joint items, 当场办结 for instant ones. */
export function limitTexts(item: ServiceItem): { statutory: string; promised: string } {
  const daysText = (days: number | undefined) => (days === undefined ? '—' : `${days} 个工作日`);
  if (item.class === 'instant') {
    return {
      statutory: item.limits.statutoryDays === undefined ? '当场办结' : daysText(item.limits.statutoryDays),
      promised: '当场办结',
    };
  }
  return { statutory: daysText(item.limits.statutoryDays), promised: daysText(item.limits.promisedDays) };
}

/**
 * The appraisal rule (效能考核办法, domain.md §12) a centre configures in
 * functions/config/appraisal.json: a base score, the points each kind of event deducts or credits
 * with a cap per kind, caps on the month's total deductions and credits, the window groups of the
 * 服务之星 with their monthly quota, and who is eligible for an award. Validated once on start: every
 * error names the key at fault (`deductions.overdue.points`, `serviceStars.groups[1].windows[0]`).
 */

/** What costs points. Each is one line of a score's explanation. */
export const deductionKinds = [
  'overdue',
  'validComplaint',
  'badRating',
  'badRatingLate',
  'yellowCard',
  'redCard',
] as const;
export type DeductionKind = (typeof deductionKinds)[number];

/** What earns points. */
export const creditKinds = ['early', 'commendation'] as const;
export type CreditKind = (typeof creditKinds)[number];

export type EventKind = DeductionKind | CreditKind;
export const eventKinds: readonly EventKind[] = [...deductionKinds, ...creditKinds];

export const eventKindLabels: Record<EventKind, string> = {
  overdue: '超法定时限办件',
  validComplaint: '有效投诉',
  badRating: '差评',
  badRatingLate: '差评未按时回访整改',
  yellowCard: '黄牌督办',
  redCard: '红牌督办',
  early: '提前办结',
  commendation: '群众表扬（非常满意并留言）',
};

export function isDeduction(kind: EventKind): kind is DeductionKind {
  return (deductionKinds as readonly string[]).includes(kind);
}

export interface KindRule {
  /** Points per event, ≥ 0 (a deduction's are subtracted); at most two decimals. */
  points: number;
  /** The most one kind may deduct or credit a window or clerk in a month; null = no cap. */
  cap: number | null;
}

/** A window group (窗口组) with its own 服务之星 quota. */
export interface AwardGroup {
  /** Stable code (`tax`): the award's code in the API. */
  code: string;
  /** Chinese name (`税务`). */
  name: string;
  /** How many 服务之星 a month. */
  quota: number;
  /** Window codes of the group; a window is in one group at most. */
  windows: string[];
}

/** Who may be proposed: enough work in the month and none of the events that exclude. */
export interface Eligibility {
  /** Cases of work in the month, at least: decided, or at a general window taken in (score.ts workOf). */
  minimumDecided: number;
  /** One event of these kinds in the month rules the window or clerk out (一票否决). */
  excludedBy: EventKind[];
}

export interface AppraisalRule {
  base: number;
  deductions: Record<DeductionKind, KindRule>;
  credits: Record<CreditKind, KindRule>;
  /** Caps on the month's total deductions and credits; null = none. */
  caps: { deductions: number | null; credits: number | null };
  serviceStars: Eligibility & { groups: AwardGroup[] };
  redFlag: Eligibility & { count: number };
}

/** The red-flag window's award code; a group may not take it. */
export const redFlagAward = 'redFlag';

export class AppraisalRuleError extends Error {
  override readonly name = 'AppraisalRuleError';
  constructor(
    message: string,
    /** The key at fault, as a path into the file. */
    readonly key: string,
  ) {
    super(message);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface Reader {
  fail(key: string, message: string): never;
}

function reader(source: string): Reader {
  return {
    fail(key, message) {
      throw new AppraisalRuleError(`${source}: ${key}: ${message}`, key);
    },
  };
}

function onlyKeys(r: Reader, value: Record<string, unknown>, key: string, known: readonly string[]): void {
  for (const name of Object.keys(value)) {
    if (name === '$comment') continue;
    if (!known.includes(name)) {
      r.fail(key ? `${key}.${name}` : name, `unknown key (known: ${known.join(', ')}).`);
    }
  }
}

function object(r: Reader, value: unknown, key: string): Record<string, unknown> {
  if (!isRecord(value)) r.fail(key, `expected an object, got ${JSON.stringify(value) ?? 'nothing'}.`);
  return value;
}

const twoDecimals = (value: number) => Math.abs(Math.round(value * 100) - value * 100) < 1e-9;

function points(r: Reader, value: unknown, key: string, max: number): number {
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < 0 ||
    value > max ||
    !twoDecimals(value)
  ) {
    r.fail(
      key,
      `expected a number of points from 0 to ${max} with at most two decimals, got ${JSON.stringify(value) ?? 'nothing'}.`,
    );
  }
  return value;
}

function cap(r: Reader, value: unknown, key: string): number | null {
  if (value === null) return null;
  return points(r, value, key, 1000);
}

function count(r: Reader, value: unknown, key: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    r.fail(key, `expected a whole number from ${min} to ${max}, got ${JSON.stringify(value) ?? 'nothing'}.`);
  }
  return value;
}

function kindRules<K extends string>(
  r: Reader,
  value: unknown,
  key: string,
  kinds: readonly K[],
): Record<K, KindRule> {
  const raw = object(r, value, key);
  onlyKeys(r, raw, key, kinds);
  const rules = {} as Record<K, KindRule>;
  for (const kind of kinds) {
    const at = `${key}.${kind}`;
    if (!(kind in raw))
      r.fail(at, 'missing: every kind needs its points and cap (0 points to leave it out).');
    const entry = object(r, raw[kind], at);
    onlyKeys(r, entry, at, ['points', 'cap']);
    if (!('cap' in entry)) r.fail(`${at}.cap`, 'missing: a number of points, or null for no cap.');
    rules[kind] = {
      points: points(r, entry.points, `${at}.points`, 100),
      cap: cap(r, entry.cap, `${at}.cap`),
    };
  }
  return rules;
}

function eligibility(r: Reader, raw: Record<string, unknown>, key: string): Eligibility {
  const excluded = raw.excludedBy;
  if (!Array.isArray(excluded)) r.fail(`${key}.excludedBy`, 'expected a list of event kinds (may be empty).');
  const excludedBy = excluded.map((kind, i) => {
    if (typeof kind !== 'string' || !(eventKinds as readonly string[]).includes(kind)) {
      r.fail(
        `${key}.excludedBy[${i}]`,
        `unknown event kind ${JSON.stringify(kind)} (known: ${eventKinds.join(', ')}).`,
      );
    }
    return kind as EventKind;
  });
  return { minimumDecided: count(r, raw.minimumDecided, `${key}.minimumDecided`, 0, 10_000), excludedBy };
}

const groupCodePattern = /^[a-z][A-Za-z0-9-]{0,31}$/;

function groups(
  r: Reader,
  value: unknown,
  key: string,
  windows: ReadonlySet<string> | undefined,
): AwardGroup[] {
  if (!Array.isArray(value) || value.length === 0) r.fail(key, 'expected a non-empty list of window groups.');
  const codes = new Set<string>();
  const owner = new Map<string, string>();
  return value.map((entry, i) => {
    const at = `${key}[${i}]`;
    const raw = object(r, entry, at);
    onlyKeys(r, raw, at, ['code', 'name', 'quota', 'windows']);
    const code = raw.code;
    if (typeof code !== 'string' || !groupCodePattern.test(code) || code === redFlagAward) {
      r.fail(
        `${at}.code`,
        `expected a code of letters, digits and dashes starting with a lower-case letter (not "${redFlagAward}"), got ${JSON.stringify(code)}.`,
      );
    }
    if (codes.has(code)) r.fail(`${at}.code`, `"${code}" is the code of another group.`);
    codes.add(code);
    const name = raw.name;
    if (typeof name !== 'string' || name.trim() === '' || name.length > 20) {
      r.fail(`${at}.name`, `expected a name of 1–20 characters, got ${JSON.stringify(name)}.`);
    }
    const list = raw.windows;
    if (!Array.isArray(list) || list.length === 0)
      r.fail(`${at}.windows`, 'expected a non-empty list of window codes.');
    const groupWindows = list.map((window, j) => {
      const wat = `${at}.windows[${j}]`;
      if (typeof window !== 'string') r.fail(wat, `expected a window code, got ${JSON.stringify(window)}.`);
      if (windows && !windows.has(window)) r.fail(wat, `unknown window "${window}".`);
      const other = owner.get(window);
      if (other !== undefined) r.fail(wat, `window "${window}" is already in group "${other}".`);
      owner.set(window, code);
      return window;
    });
    return { code, name, quota: count(r, raw.quota, `${at}.quota`, 1, 20), windows: groupWindows };
  });
}

/**
 * The rule in `raw` (appraisal.json), checked key by key. `windows`: the centre's window codes,
 * when known, so a group naming an unknown window is refused.
 */
export function parseAppraisalRule(
  raw: unknown,
  source = 'appraisal.json',
  known: { windows?: ReadonlySet<string> } = {},
): AppraisalRule {
  const r = reader(source);
  const root = object(r, raw, '(root)');
  onlyKeys(r, root, '', ['base', 'deductions', 'credits', 'caps', 'serviceStars', 'redFlag']);
  const caps = object(r, root.caps, 'caps');
  onlyKeys(r, caps, 'caps', ['deductions', 'credits']);
  if (!('deductions' in caps)) r.fail('caps.deductions', 'missing: a number of points, or null for no cap.');
  if (!('credits' in caps)) r.fail('caps.credits', 'missing: a number of points, or null for no cap.');
  const stars = object(r, root.serviceStars, 'serviceStars');
  onlyKeys(r, stars, 'serviceStars', ['minimumDecided', 'excludedBy', 'groups']);
  const flag = object(r, root.redFlag, 'redFlag');
  onlyKeys(r, flag, 'redFlag', ['minimumDecided', 'excludedBy', 'count']);
  return {
    base: points(r, root.base, 'base', 1000),
    deductions: kindRules(r, root.deductions, 'deductions', deductionKinds),
    credits: kindRules(r, root.credits, 'credits', creditKinds),
    caps: {
      deductions: cap(r, caps.deductions, 'caps.deductions'),
      credits: cap(r, caps.credits, 'caps.credits'),
    },
    serviceStars: {
      ...eligibility(r, stars, 'serviceStars'),
      groups: groups(r, stars.groups, 'serviceStars.groups', known.windows),
    },
    redFlag: { ...eligibility(r, flag, 'redFlag'), count: count(r, flag.count, 'redFlag.count', 1, 10) },
  };
}

/** The rule of one kind: a deduction's or a credit's. */
export function kindRule(rule: AppraisalRule, kind: EventKind): KindRule {
  return isDeduction(kind) ? rule.deductions[kind] : rule.credits[kind];
}

/** The award codes of a month, in order: each group's 服务之星, then the 红旗窗口. */
export function awardCodes(rule: AppraisalRule): string[] {
  return [...rule.serviceStars.groups.map((group) => group.code), redFlagAward];
}

/**
 * The month's awards (domain.md §12): a 服务之星 quota per window group and the 红旗窗口. The system
 * proposes from the ranking; the chief or the leader confirms the proposal or chooses otherwise
 * with a reason, and the record keeps who, when, what was proposed, what was chosen and why.
 *
 * - Proposal: the group's clerks (the red flag: the centre's windows) that are eligible — at least
 *   the rule's `minimumDecided` cases of work in the month (decided, or at a general window taken
 *   in: score.ts workOf) and none of its `excludedBy` events — in ranking order (score, then work,
 *   then username), the first `quota` proposed. A tie
 *   at the quota's edge is said in words, for the confirmer to settle.
 * - Who confirms: the leader (分管领导) any award; a chief (首席代表) a group whose windows are all of
 *   their own department (the tax chief the tax groups); the red flag, across departments, the
 *   leader only.
 * - When: once the month has ended, once per award, against the proposal the confirmer read (its
 *   `key`): a late event that moved the proposal makes the confirmation stale.
 * - What may be chosen: eligible nominees of the award only, at most its quota; fewer (a vacancy)
 *   and any other choice than the proposal is an override, which needs a reason.
 */
import { type Instant, normalizeInstant } from '../calendar/instant.ts';
import type { Actor } from '../cases/types.ts';
import { type Period, periodBounds } from '../figures/periods.ts';
import { AppraisalError } from './errors.ts';
import { type AppraisalRule, awardCodes, type Eligibility, eventKindLabels, redFlagAward } from './rule.ts';
import { type Appraisal, type Score, workOf } from './score.ts';

export type Nominee =
  | { kind: 'clerk'; username: string; name: string | null; window: string; department: string }
  | { kind: 'window'; window: string; department: string };

export interface AwardCandidate {
  nominee: Nominee;
  score: number;
  decided: number;
  takenIn: number;
  rank: number;
}

export interface AwardProposal {
  /** The award's code: the group's (`tax`) or `redFlag`. */
  award: string;
  kind: 'serviceStar' | 'redFlag';
  label: string;
  quota: number;
  /** The departments of the award's windows: who may confirm it. */
  departments: string[];
  proposed: AwardCandidate[];
  /** Every eligible candidate, in ranking order; the proposed first. */
  eligible: AwardCandidate[];
  /** The others of the award's windows, with why they are not eligible. */
  ineligible: { nominee: Nominee; score: number; reasons: string[] }[];
  /** Ties at the quota's edge, in words. */
  notes: string[];
  /** Fingerprint of the proposal: a confirmation names the one it was decided on. */
  key: string;
}

/** A nominee's key: a clerk's username, a window's code. */
export const nomineeKey = (nominee: Nominee) =>
  nominee.kind === 'clerk' ? nominee.username : nominee.window;

/** Whether a choice (by nominee keys) is other than the proposal — a vacancy too: an override, which needs a reason. */
export function isOverride(
  proposal: Pick<AwardProposal, 'proposed'>,
  chosenKeys: readonly string[],
): boolean {
  const proposedKeys = proposal.proposed.map((candidate) => nomineeKey(candidate.nominee)).sort();
  return JSON.stringify([...chosenKeys].sort()) !== JSON.stringify(proposedKeys);
}

export function nomineeLabel(nominee: Nominee): string {
  return nominee.kind === 'clerk'
    ? `${nominee.name ?? nominee.username}（${nominee.window}）`
    : `${nominee.window} 窗口`;
}

/** FNV-1a, 32 bits, as hex: a short fingerprint, not a secret. */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (const char of text) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

function nomineeOf(score: Score): Nominee {
  const subject = score.subject;
  return subject.kind === 'clerk'
    ? {
        kind: 'clerk',
        username: subject.username,
        name: subject.name,
        window: subject.window,
        department: subject.department,
      }
    : { kind: 'window', window: subject.code, department: subject.department };
}

function reasonsAgainst(score: Score, eligibility: Eligibility): string[] {
  const reasons: string[] = [];
  if (workOf(score) < eligibility.minimumDecided) {
    reasons.push(
      score.takenIn === 0
        ? `本月办结 ${score.decided} 件，少于 ${eligibility.minimumDecided} 件`
        : `本月办结 ${score.decided} 件、综合窗口收件 ${score.takenIn} 件，合计少于 ${eligibility.minimumDecided} 件`,
    );
  }
  for (const kind of score.kinds) {
    if (eligibility.excludedBy.includes(kind)) reasons.push(`本月有${eventKindLabels[kind]}`);
  }
  return reasons;
}

function propose(
  award: Pick<AwardProposal, 'award' | 'kind' | 'label' | 'quota' | 'departments'>,
  scores: readonly Score[],
  eligibility: Eligibility,
): AwardProposal {
  const eligible: AwardCandidate[] = [];
  const ineligible: AwardProposal['ineligible'] = [];
  for (const score of scores) {
    const nominee = nomineeOf(score);
    const reasons = reasonsAgainst(score, eligibility);
    if (reasons.length > 0) ineligible.push({ nominee, score: score.score, reasons });
    else {
      const { decided, takenIn, rank } = score;
      eligible.push({ nominee, score: score.score, decided, takenIn, rank });
    }
  }
  const proposed = eligible.slice(0, award.quota);
  const notes: string[] = [];
  const last = proposed.at(-1);
  const next = eligible[award.quota];
  if (last && next && last.score === next.score) {
    const tied = eligible
      .filter((candidate) => candidate.score === last.score)
      .map((c) => nomineeLabel(c.nominee));
    notes.push(
      `${tied.join('、')} 同为 ${last.score} 分，按本月办件数（办结及综合窗口收件，多者在前）、再按${award.kind === 'redFlag' ? '窗口代码' : '用户名'}排序提名；请确认，或改选并说明理由。`,
    );
  }
  if (proposed.length < award.quota) {
    notes.push(`符合条件的只有 ${proposed.length} 个，少于名额 ${award.quota} 个。`);
  }
  const key = fingerprint(
    JSON.stringify([award.award, proposed.map((c) => [nomineeKey(c.nominee), c.score])]),
  );
  return { ...award, proposed, eligible, ineligible, notes, key };
}

/** The month's proposals: each group's 服务之星, then the 红旗窗口. */
export function proposals(appraisal: Appraisal, rule: AppraisalRule): AwardProposal[] {
  const departmentOf = new Map(
    appraisal.windows.map((score) => [nomineeOf(score).window, score.subject.department]),
  );
  const departmentsOf = (windows: readonly string[]) =>
    [...new Set(windows.flatMap((window) => departmentOf.get(window) ?? []))].sort();
  const stars = rule.serviceStars.groups.map((group) => {
    const windows = new Set(group.windows);
    return propose(
      {
        award: group.code,
        kind: 'serviceStar',
        label: `服务之星（${group.name}）`,
        quota: group.quota,
        // Who may confirm depends on the group's windows, whether or not they have clerks.
        departments: departmentsOf(group.windows),
      },
      appraisal.clerks.filter((score) => score.subject.kind === 'clerk' && windows.has(score.subject.window)),
      rule.serviceStars,
    );
  });
  const flag = propose(
    {
      award: redFlagAward,
      kind: 'redFlag',
      label: '红旗窗口',
      quota: rule.redFlag.count,
      departments: departmentsOf([...departmentOf.keys()]),
    },
    appraisal.windows,
    rule.redFlag,
  );
  return [...stars, flag];
}

/** What the confirmer chose: clerks with their display name (as published), or windows. */
export type ChosenNominee = { username: string; name: string } | { window: string };

export interface AwardChoice {
  award: string;
  /** The proposal's `key` the choice was made on. */
  proposalKey: string;
  chosen: readonly ChosenNominee[];
  reason?: string;
}

export interface AwardRecord {
  /** `YYYY-MM`. */
  period: string;
  award: string;
  kind: AwardProposal['kind'];
  label: string;
  proposed: AwardCandidate[];
  chosen: Nominee[];
  /** Chosen otherwise than proposed. */
  overridden: boolean;
  reason: string | null;
  proposalKey: string;
  confirmedBy: { username: string; name: string | null; role: 'chief' | 'leader' };
  confirmedAt: Instant;
}

/** Who may confirm the award: the leader any; a chief a group of their own department only. */
export function mayConfirm(actor: Actor, proposal: Pick<AwardProposal, 'kind' | 'departments'>): boolean {
  if (actor.roles.includes('leader')) return true;
  return (
    actor.roles.includes('chief') &&
    proposal.kind === 'serviceStar' &&
    actor.department !== undefined &&
    proposal.departments.length > 0 &&
    proposal.departments.every((department) => department === actor.department)
  );
}

/** Whether the month has ended at `now` (its awards may be confirmed, its scorecard published). */
export function monthClosed(period: Period, now: Date): boolean {
  return now.getTime() >= periodBounds(period).endMs;
}

/** Confirms or overrides one award of a month; throws an {@link AppraisalError} saying why not. */
export function confirmAward(input: {
  period: Period;
  proposals: readonly AwardProposal[];
  choice: AwardChoice;
  actor: Actor;
  now: Date;
  /** The awards of the month confirmed already. */
  confirmed: ReadonlySet<string>;
}): AwardRecord {
  const { period, choice, actor, now } = input;
  const proposal = input.proposals.find((candidate) => candidate.award === choice.award);
  if (!proposal) {
    throw new AppraisalError(
      'unknown-award',
      `本月没有“${choice.award}”这一奖项（可选：${input.proposals.map((p) => p.award).join('、')}）。`,
      { field: 'body.award' },
    );
  }
  if (!mayConfirm(actor, proposal)) {
    throw new AppraisalError(
      'not-permitted',
      proposal.kind === 'redFlag'
        ? '红旗窗口由分管领导确认。'
        : `${proposal.label}涉及的窗口不全属于本部门，由分管领导确认。`,
    );
  }
  if (!monthClosed(period, now)) {
    throw new AppraisalError('month-open', `${period.key} 尚未结束，月末后才能确认评选结果。`);
  }
  if (input.confirmed.has(proposal.award)) {
    throw new AppraisalError(
      'already-confirmed',
      `${period.key} 的${proposal.label}已经确认，不能再次确认。`,
    );
  }
  if (choice.proposalKey !== proposal.key) {
    throw new AppraisalError('stale-proposal', `${proposal.label}的提名已有变化，请重新读取后再确认。`);
  }
  if (choice.chosen.length > proposal.quota) {
    throw new AppraisalError(
      'too-many',
      `${proposal.label}名额为 ${proposal.quota} 个，选了 ${choice.chosen.length} 个。`,
      {
        field: 'body.chosen',
      },
    );
  }
  const eligible = new Map(proposal.eligible.map((candidate) => [nomineeKey(candidate.nominee), candidate]));
  const ineligible = new Map(proposal.ineligible.map((entry) => [nomineeKey(entry.nominee), entry]));
  const seen = new Set<string>();
  const chosen = choice.chosen.map((entry, index): Nominee => {
    const field = `body.chosen.${index}`;
    const star = proposal.kind === 'serviceStar';
    if (star !== 'username' in entry) {
      throw new AppraisalError(
        'wrong-nominee',
        star ? '服务之星评选的是工作人员：请填写用户名和姓名。' : '红旗窗口评选的是窗口：请填写窗口代码。',
        { field: star ? `${field}.username` : `${field}.window` },
      );
    }
    const key = 'username' in entry ? entry.username : entry.window;
    const keyField = `${field}.${'username' in entry ? 'username' : 'window'}`;
    if (seen.has(key)) throw new AppraisalError('duplicate', `“${key}”选了两次。`, { field: keyField });
    seen.add(key);
    const candidate = eligible.get(key);
    if (!candidate) {
      const why = ineligible.get(key)?.reasons.join('；');
      throw new AppraisalError(
        'not-eligible',
        why
          ? `“${key}”不符合${proposal.label}的条件：${why}。`
          : `“${key}”不在${proposal.label}的评选范围内。`,
        { field: keyField },
      );
    }
    const nominee = candidate.nominee;
    return 'name' in entry && nominee.kind === 'clerk' ? { ...nominee, name: entry.name.trim() } : nominee;
  });
  const overridden = isOverride(proposal, [...seen]);
  const reason = choice.reason?.trim() || null;
  if (overridden && !reason) {
    throw new AppraisalError('required', '未按提名确认（改选或空缺）时，须说明理由。', {
      field: 'body.reason',
    });
  }
  const role = actor.roles.includes('leader') ? 'leader' : 'chief';
  return {
    period: period.key,
    award: proposal.award,
    kind: proposal.kind,
    label: proposal.label,
    proposed: proposal.proposed,
    chosen,
    overridden,
    reason,
    proposalKey: proposal.key,
    confirmedBy: { username: actor.username, name: actor.displayName ?? null, role },
    confirmedAt: normalizeInstant(now),
  };
}

/** Whether every award of the month is confirmed: then the month is published. */
export function allConfirmed(rule: AppraisalRule, records: readonly Pick<AwardRecord, 'award'>[]): boolean {
  const confirmed = new Set(records.map((record) => record.award));
  return awardCodes(rule).every((code) => confirmed.has(code));
}

/**
 * What the appraisal handlers share: appraisal refusals as problem documents (in one place), and
 * the part of a month's appraisal each role may see. Not a route.
 */
import { appraisalRule } from '../../config/appraisal.ts';
import { type AwardProposal, type AwardRecord, mayConfirm } from '../../domain/appraisal/awards.ts';
import type { AppraisalError } from '../../domain/appraisal/errors.ts';
import { eventKindLabels } from '../../domain/appraisal/rule.ts';
import type { Appraisal, Score } from '../../domain/appraisal/score.ts';
import type { Actor } from '../../domain/cases/types.ts';
import type { HttpProblem } from '../problems.ts';
import { refusalProblem } from '../refusals.ts';

export function appraisalProblem(error: AppraisalError): HttpProblem {
  return refusalProblem(error, {
    area: 'appraisal-rule',
    stateCodes: ['month-open', 'already-confirmed', 'stale-proposal'],
    stateTitle: '当前不能确认该奖项',
    fieldCodes: ['unknown-award', 'too-many', 'duplicate', 'not-eligible', 'wrong-nominee', 'required'],
    ruleTitles: {},
    ruleFallbackTitle: '考核规则不允许',
  });
}

const seesCentre = (actor: Actor) =>
  actor.roles.includes('leader') || actor.roles.includes('supervisor') || actor.roles.includes('admin');

/**
 * Who sees what, as the figures' scopes: a clerk their own score; a chief their department's
 * windows and clerks, and every proposal — who is proposed, with their scores (soon public), but of
 * the other candidates and of why someone is not eligible only those of their own department;
 * leaders, supervision and admin everything. The ranks stay the centre's.
 */
export function appraisalView(
  actor: Actor,
  input: {
    appraisal: Appraisal;
    proposals: readonly AwardProposal[];
    awards: readonly AwardRecord[];
    closed: boolean;
  },
) {
  const rule = appraisalRule();
  const { appraisal, closed } = input;
  const confirmed = new Set(input.awards.map((award) => award.award));
  const visible = (score: Score) => {
    if (seesCentre(actor)) return true;
    if (actor.roles.includes('chief') && actor.department)
      return score.subject.department === actor.department;
    return score.subject.kind === 'clerk' && score.subject.username === actor.username;
  };
  const staffView = seesCentre(actor) || actor.roles.includes('chief');
  return {
    closed,
    rule: {
      base: rule.base,
      deductions: rule.deductions,
      credits: rule.credits,
      caps: rule.caps,
      labels: eventKindLabels,
    },
    windows: appraisal.windows.filter(visible),
    clerks: appraisal.clerks.filter(visible),
    proposals: staffView
      ? input.proposals.map((proposal) => ({
          ...proposal,
          ...(seesCentre(actor)
            ? {}
            : {
                eligible: proposal.eligible.filter((entry) => entry.nominee.department === actor.department),
                ineligible: proposal.ineligible.filter(
                  (entry) => entry.nominee.department === actor.department,
                ),
              }),
          mayConfirm: closed && !confirmed.has(proposal.award) && mayConfirm(actor, proposal),
        }))
      : [],
    awards: [...input.awards],
  };
}

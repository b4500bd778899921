/**
 * The appraisal rule file: the shipped appraisal.json is valid against the sample centre's windows,
 * and every wrong key or value is refused with an error naming the key — on the local runtime's
 * start and on the appraisal functions' cold start, which both call checkAppraisalRule.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import raw from '../../../functions/config/appraisal.json' with { type: 'json' };
import {
  appraisalRuleSource,
  centreWindows,
  checkAppraisalRule,
} from '../../../functions/config/appraisal.ts';
import { AppraisalRuleError, awardCodes } from '../../../functions/domain/appraisal/rule.ts';
import { projectRoot } from '../../../infra/functions.ts';

/** The shipped rule with the value at `path` (`a.b[2].c`) set, or deleted when `value` is undefined. */
function changed(path: string, value: unknown): unknown {
  const config = JSON.parse(JSON.stringify(raw)) as Record<string, unknown>;
  const steps = path.split(/\.|\[(\d+)\]/).filter((step) => step !== undefined && step !== '');
  let at = config as Record<string, unknown>;
  for (const step of steps.slice(0, -1)) at = at[step] as Record<string, unknown>;
  const last = steps.at(-1) as string;
  if (value === undefined) delete at[last];
  else at[last] = value;
  return config;
}

function refusal(config: unknown): AppraisalRuleError {
  try {
    checkAppraisalRule(config);
  } catch (error) {
    if (error instanceof AppraisalRuleError) return error;
    throw error;
  }
  throw new Error('the rule was accepted');
}

describe('the shipped rule', () => {
  it('is valid, with the seeds’ groups and quotas mapped onto the sample centre’s windows', () => {
    const rule = checkAppraisalRule();
    expect(rule.base).toBe(100);
    expect(rule.serviceStars.groups.map((group) => [group.code, group.name, group.quota])).toEqual([
      ['tax', '税务', 2],
      ['approval', '审批', 1],
      ['vehicleTax', '车购税', 1],
    ]);
    expect(awardCodes(rule)).toEqual(['tax', 'approval', 'vehicleTax', 'redFlag']);
    // Every window of the centre is in one group: nobody is left out of the 服务之星.
    const grouped = rule.serviceStars.groups.flatMap((group) => group.windows).sort();
    expect(grouped).toEqual(
      centreWindows()
        .map((window) => window.code)
        .sort(),
    );
  });
});

describe('a wrong rule names the key at fault', () => {
  it.each([
    ['an unknown key', 'bonus', 1, 'bonus', 'unknown key'],
    ['a negative base', 'base', -1, 'base', 'from 0 to 1000'],
    ['points as text', 'deductions.overdue.points', '5', 'deductions.overdue.points', 'got "5"'],
    ['three decimals', 'credits.early.points', 0.125, 'credits.early.points', 'two decimals'],
    ['a missing kind', 'deductions.redCard', undefined, 'deductions.redCard', 'missing'],
    ['a missing cap', 'credits.commendation.cap', undefined, 'credits.commendation.cap', 'missing'],
    ['an unknown kind', 'credits.praise', { points: 1, cap: 1 }, 'credits.praise', 'unknown key'],
    ['a bad total cap', 'caps.deductions', 'none', 'caps.deductions', 'got "none"'],
    [
      'an unknown window',
      'serviceStars.groups[1].windows[0]',
      'mz-09',
      'serviceStars.groups[1].windows[0]',
      'unknown window "mz-09"',
    ],
    [
      'a window in two groups',
      'serviceStars.groups[2].windows[2]',
      'sw-01',
      'serviceStars.groups[2].windows[2]',
      'already in group "tax"',
    ],
    ['a zero quota', 'serviceStars.groups[0].quota', 0, 'serviceStars.groups[0].quota', '1 to 20'],
    [
      'the red flag’s code',
      'serviceStars.groups[0].code',
      'redFlag',
      'serviceStars.groups[0].code',
      'not "redFlag"',
    ],
    ['a repeated code', 'serviceStars.groups[2].code', 'tax', 'serviceStars.groups[2].code', 'another group'],
    [
      'an unknown excluding kind',
      'redFlag.excludedBy[1]',
      'late',
      'redFlag.excludedBy[1]',
      'unknown event kind "late"',
    ],
    ['a fractional count', 'redFlag.count', 1.5, 'redFlag.count', 'whole number'],
  ])('%s', (_what, path, value, key, words) => {
    const error = refusal(changed(path, value));
    expect(error.key).toBe(key);
    expect(error.message).toContain(`${appraisalRuleSource}: ${key}: `);
    expect(error.message).toContain(words);
  });

  it('refuses a rule that is not an object', () => {
    expect(() => checkAppraisalRule([])).toThrow(AppraisalRuleError);
  });
});

describe('the README', () => {
  it('gives the points and caps of the shipped rule for each kind', () => {
    const readme = readFileSync(path.join(projectRoot, 'README.md'), 'utf8');
    const rule = checkAppraisalRule();
    const stated = Object.fromEntries(
      [...readme.matchAll(/^\| `(\w+)`\s*\|.*\|\s*([−+][\d.]+), cap (\d+|none)\s*\|$/gm)].map((match) => [
        match[1],
        match[2]?.replace('−', '-') + (match[3] === 'none' ? '' : ` ${match[3]}`),
      ]),
    );
    const shipped = Object.fromEntries(
      [
        ...Object.entries(rule.deductions).map(([kind, entry]) => [kind, -entry.points, entry.cap] as const),
        ...Object.entries(rule.credits).map(([kind, entry]) => [kind, entry.points, entry.cap] as const),
      ].map(([kind, points, cap]) => [
        kind,
        `${points > 0 ? '+' : ''}${points}${cap === null ? '' : ` ${cap}`}`,
      ]),
    );
    expect(stated).toEqual(shipped);
  });
});

/**
 * The centre's appraisal rule (appraisal.json, beside centre.json), validated once: on the local
 * runtime's start and on the cold start of every appraisal function, whose handler modules read it
 * at import. A bad key or value stops the start with an error naming it
 * (`functions/config/appraisal.json: deductions.overdue.points: …`). The windows a group names are
 * checked against the catalogue's departments (a small bundled file) and the general windows.
 */
import { type AppraisalRule, parseAppraisalRule } from '../domain/appraisal/rule.ts';
import { catalogueDepartments } from '../domain/catalogue/item-lookup.ts';
import { windowCodesOf } from '../domain/complaints/windows.ts';
import raw from './appraisal.json' with { type: 'json' };
import { generalWindowDepartments } from './centre.ts';

export const appraisalRuleSource = 'functions/config/appraisal.json';

/** The centre's windows and their department: the catalogue's, and the general windows. */
export function centreWindows(): { code: string; department: string }[] {
  const windows = catalogueDepartments().flatMap((department) =>
    windowCodesOf(department).map((code) => ({ code, department: department.id })),
  );
  for (const department of generalWindowDepartments()) {
    for (const code of department.windows) {
      if (!windows.some((window) => window.code === code)) windows.push({ code, department: department.id });
    }
  }
  return windows;
}

/** Validates `config` (default: appraisal.json); throws an AppraisalRuleError naming the key. */
export function checkAppraisalRule(config: unknown = raw, source = appraisalRuleSource): AppraisalRule {
  return parseAppraisalRule(config, source, {
    windows: new Set(centreWindows().map((window) => window.code)),
  });
}

let rule: AppraisalRule | undefined;

export function appraisalRule(): AppraisalRule {
  rule ??= checkAppraisalRule();
  return rule;
}

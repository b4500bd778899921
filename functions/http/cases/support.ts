/** What the case handlers share besides the house's modules: the department read check. */
import { canReadCase } from '../../domain/cases/access.ts';
import type { Actor, CaseState } from '../../domain/cases/types.ts';
import { HttpProblem } from '../problems.ts';

export function notYourDepartment(): HttpProblem {
  return new HttpProblem({
    type: 'https://yichuang.dev/problems/forbidden',
    title: '无权访问',
    status: 403,
    detail: '只能查看本部门（牵头或联办）的案件；电子监察可以查看全部案件。',
  });
}

export function requireReadable(state: CaseState, actor: Actor): void {
  if (!canReadCase(state, actor)) throw notYourDepartment();
}

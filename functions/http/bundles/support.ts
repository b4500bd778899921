/**
 * What the bundle handlers share: the centre's general windows (综合窗口) and the back-office
 * window each department's parts go to (centre.json), who reads a bundle, and its 404.
 */
import { generalWindows } from '../../config/centre.ts';
import type { BundleRecord } from '../../domain/bundles/types.ts';
import { isGeneralWindowClerk } from '../../domain/cases/general-window.ts';
import type { Actor } from '../../domain/cases/types.ts';
import { HttpProblem } from '../problems.ts';

/** The general windows, the departments of its parts, and the supervision office read a bundle. */
export function canReadBundle(record: BundleRecord, actor: Actor): boolean {
  if (actor.roles.includes('supervisor')) return true;
  if (isGeneralWindowClerk(actor, generalWindows)) return true;
  if (!actor.roles.some((role) => role === 'clerk' || role === 'chief' || role === 'leader')) return false;
  return record.parts.some((part) => part.department === actor.department);
}

export function bundleNotReadable(): HttpProblem {
  return new HttpProblem({
    type: 'https://yichuang.dev/problems/forbidden',
    title: '无权访问',
    status: 403,
    detail: '只有综合窗口、承办其中事项的部门和电子监察可以查看此“一件事”。',
  });
}

export function bundleNotFound(): HttpProblem {
  return new HttpProblem({
    type: 'https://yichuang.dev/problems/not-found',
    title: '未找到',
    status: 404,
    detail: '没有这个“一件事”受理编号。',
  });
}

export function unknownBundle(code: string): HttpProblem {
  return new HttpProblem({
    type: 'https://yichuang.dev/problems/not-found',
    title: '未找到',
    status: 404,
    detail: `事项目录中没有编码为 ${code} 的“一件事”。`,
  });
}

export function notAGeneralWindow(): HttpProblem {
  return new HttpProblem({
    type: 'https://yichuang.dev/problems/forbidden',
    title: '无权收件',
    status: 403,
    detail: `“一件事”由综合窗口（${generalWindows.join('、')}）统一收件；只有综合窗口工作人员可以收件。`,
  });
}

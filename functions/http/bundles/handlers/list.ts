/**
 * GET /api/bundle-records — the bundles a general window took in (its intake, 综合窗口收件), most
 * recent first, cursor pagination. A general window's clerk lists their own window; the
 * supervision office any window. Each entry is the record (applicant masked) without its parts'
 * live status: the bundle page reads that.
 */

import { generalWindows } from '../../../config/centre.ts';
import { tableName } from '../../../config/env.ts';
import { InvalidBundleCursorError, listBundles } from '../../../store/bundles/bundles.ts';
import { HttpProblem, invalidRequest } from '../../problems.ts';
import { actorOf } from '../../staff.ts';
import { httpHandler } from '../http-handler.ts';

export const handler = httpHandler(async (request) => {
  const query = (request.query ?? {}) as { window?: string; limit?: string; cursor?: string };
  const actor = actorOf(request.principal);
  const window = query.window ?? actor.window;
  if (!window || !generalWindows.includes(window)) {
    throw invalidRequest([
      {
        field: 'query.window',
        rule: 'general_window',
        message: `请指明综合窗口（${generalWindows.join('、')}）。`,
      },
    ]);
  }
  if (!actor.roles.includes('supervisor') && !(actor.roles.includes('clerk') && actor.window === window)) {
    throw new HttpProblem({
      type: 'https://yichuang.dev/problems/forbidden',
      title: '无权访问',
      status: 403,
      detail: '只能查看本综合窗口收件的“一件事”；电子监察可以查看全部。',
    });
  }
  try {
    const page = await listBundles(tableName(), window, query.limit ? Number(query.limit) : 20, query.cursor);
    return {
      status: 200,
      body: {
        window,
        items: page.items.map((record) => ({
          bundleNo: record.bundleNo,
          bundle: record.bundle,
          applicantName: record.applicant.organisation?.name ?? record.applicant.name,
          receivedAt: record.receivedAt,
          takenInBy: record.takenInBy,
          parts: record.parts.length,
        })),
        nextCursor: page.nextCursor,
      },
    };
  } catch (error) {
    if (error instanceof InvalidBundleCursorError) {
      throw invalidRequest([
        { field: 'query.cursor', rule: 'cursor', message: '分页游标无效或不属于此列表。' },
      ]);
    }
    throw error;
  }
});

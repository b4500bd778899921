/**
 * GET /api/public/hall — what the hall display (叫号屏) shows: the latest call of every window
 * (latest first) and the waiting count of every category. One query for the day's calls and one
 * COUNT query per category. Cacheable for a second (`max-age=1`): behind CloudFront every screen
 * of the hall and every phone share one origin request per second, not one Lambda call each.
 */
import { tableName } from '../../../config/env.ts';
import { countWaiting, hallCalls } from '../../../store/counter/tickets.ts';
import { httpHandler } from '../http-handler.ts';
import { hallNow, settings } from '../support.ts';

export const hallCacheControl = 'public, max-age=1, stale-while-revalidate=1';

export const handler = httpHandler(async () => {
  const table = tableName();
  const hall = hallNow();
  const [calls, waiting] = await Promise.all([
    hallCalls(table, hall.date),
    Promise.all(
      settings.categories.map((category) => countWaiting(table, hall.date, { category: category.code })),
    ),
  ]);
  return {
    status: 200,
    headers: { 'cache-control': hallCacheControl },
    body: {
      open: hall.open,
      ...(hall.open ? {} : { message: hall.message }),
      date: hall.date,
      categories: settings.categories.map((category, i) => ({
        code: category.code,
        name: category.name,
        prefix: category.prefix,
        windows: category.windows,
        waiting: waiting[i] ?? 0,
      })),
      calls,
      priorityReasons: Object.entries(settings.priorityReasons).map(([code, label]) => ({ code, label })),
    },
  };
});

/**
 * POST /api/supervision/sweeps — runs the sweep now, outside its schedule. An optional JSON body
 * `{ "now": "2026-12-01T09:00:00+08:00" }` runs it at another instant (time travel for operators
 * and the CLI while the local runtime holds the store); the route is for supervisors and admins only,
 * and another instant is accepted only on the local bus (EVENT_BUS_MODE=local).
 */
import { runSweep } from '../../../jobs/sweep.ts';
import { isLocalBus } from '../../../store/supervision/event-bus.ts';
import { logger } from '../../observability.ts';
import { invalidRequest } from '../../problems.ts';
import { httpHandler } from '../http-handler.ts';
import type { SweepRequest } from '../schemas.ts';

export const handler = httpHandler(async ({ principal, body }, context) => {
  const requested = (body as SweepRequest | undefined)?.now;
  const now = requested ? new Date(requested) : new Date();
  if (Number.isNaN(now.getTime())) {
    throw invalidRequest([
      { field: 'body.now', rule: 'instant', message: '时间无效，例如 2026-12-01T09:00:00+08:00。' },
    ]);
  }
  // Time travel would announce levels before (or re-announce after) their time on a real bus.
  if (Math.abs(now.getTime() - Date.now()) > 60_000 && !isLocalBus()) {
    throw invalidRequest([
      { field: 'body.now', rule: 'local_only', message: '只有本地运行时可以在其他时刻执行巡检。' },
    ]);
  }
  const summary = await runSweep(now, {
    remainingMs: () => context.getRemainingTimeInMillis(),
    marginMs: 2_000,
  });
  logger.info('Supervision sweep run by hand', { username: principal?.username, ...summary });
  return { status: 200, body: summary };
});

import { runSweep } from '../../jobs/sweep.ts';
import { httpHandler } from '../handler.ts';
import { logger } from '../observability.ts';

export const handler = httpHandler(async ({ principal }) => {
  const summary = await runSweep(new Date());
  logger.info('Supervision sweep run by hand', { username: principal?.username, ...summary });
  return { status: 200, body: summary };
});

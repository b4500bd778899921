/**
 * What the commands that work on the local store share: opening it in this process with the
 * environment the functions read (the LevelDB folder opens in one process only — a running
 * `npm start` holds it, so a command asks whether one answers first), and the form of an instant
 * on the command line.
 */
import { envNames } from '../../functions/config/env.ts';
import { ledgerArchiveEnv } from '../../functions/store/figures/ledger-archive.ts';
import { table } from '../../functions/store/table.ts';
import { localCredentials, localRegion, localTableName, startStore } from '../local/store.ts';

export const instantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export async function withLocalStore<T>(dataDir: string, work: () => Promise<T>): Promise<T> {
  const store = await startStore(dataDir);
  try {
    Object.assign(process.env, {
      [envNames.tableName]: localTableName(table),
      [envNames.eventBusName]: 'yichuang-local',
      EVENT_BUS_MODE: 'local',
      [envNames.dynamoEndpoint]: store.endpoint,
      AWS_REGION: localRegion,
      AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
      POWERTOOLS_METRICS_DISABLED: 'true',
      [ledgerArchiveEnv.localDir]: dataDir,
    });
    return await work();
  } finally {
    await store.stop();
  }
}

/** Whether a local runtime answers on `port` (its health route), within two seconds. */
export async function runtimeAnswers(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/api/health`, {
      signal: AbortSignal.timeout(2000),
    });
    return response.ok;
  } catch {
    return false;
  }
}

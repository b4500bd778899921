/** Settings of the local runtime, from the environment, each with the default `npm start` uses. */
import path from 'node:path';
import { projectRoot } from '../functions.ts';

export interface LocalSettings {
  port: number;
  host: string;
  /** Where dynalite keeps its LevelDB files and the identity issuer its signing key. */
  dataDir: string;
  /** The built Astro site served at `/`. */
  siteDir: string;
  /** Fire the supervision sweep on its schedule (off in tests that fire it by hand). */
  schedule: boolean;
  logLevel: string;
}

export function readLocalSettings(env: NodeJS.ProcessEnv = process.env): LocalSettings {
  const port = Number(env.PORT ?? 4321);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`PORT must be a port number (0–65535), got "${env.PORT}"`);
  }
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir: path.resolve(env.YICHUANG_DATA_DIR ?? path.join(projectRoot, '.yichuang')),
    siteDir: path.resolve(env.YICHUANG_SITE_DIR ?? path.join(projectRoot, 'site', 'dist')),
    schedule: env.YICHUANG_SCHEDULE !== 'off',
    logLevel: env.POWERTOOLS_LOG_LEVEL ?? 'INFO',
  };
}

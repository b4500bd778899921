/**
 * `npm start`: the whole of Yichuang on this machine. Builds the site first when there is no
 * build yet, then serves the site and the API on one port until Ctrl-C.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../functions.ts';
import { demoUsers, describeDemoUser } from './identity.ts';
import { startRuntime } from './runtime.ts';
import { readLocalSettings } from './settings.ts';

const settings = readLocalSettings();

if (!existsSync(path.join(settings.siteDir, 'index.html'))) {
  console.log('No site build yet: building it once (npm run build:site)…');
  const build = spawnSync('npm', ['run', 'build:site'], { cwd: projectRoot, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('The site did not build; fix the errors above and run npm start again.');
    process.exit(1);
  }
}

const runtime = await startRuntime(settings);

console.log(
  [
    '',
    `一窗 Yichuang is running at ${runtime.url}`,
    `  site      ${runtime.url}/`,
    `  API       ${runtime.url}/api/health   (document: ${runtime.url}/api/openapi.json)`,
    `  data      ${settings.dataDir}   (kept across restarts)`,
    `  DynamoDB  ${runtime.store.endpoint}   (dynalite; aws dynamodb … --endpoint-url)`,
    `  sweep     ${settings.schedule ? 'every 5 minutes, as in the cloud' : 'off (YICHUANG_SCHEDULE=off)'}`,
    '',
    'Sign in as a demo user: get a bearer token with',
    '  npx yichuang token clerk',
    `  curl -H "Authorization: Bearer $(npx yichuang token clerk)" ${runtime.url}/api/…`,
    `Demo users: ${demoUsers.map(describeDemoUser).join(', ')}`,
    '',
    'Ctrl-C stops it cleanly.',
    '',
  ].join('\n'),
);

let signals = 0;
const shutdown = async (signal: string) => {
  signals += 1;
  if (signals > 1) {
    console.log('Still finishing the last writes; press Ctrl-C once more to abandon them.');
    if (signals > 2) process.exit(130);
    return;
  }
  console.log(`\n${signal}: finishing requests under way, closing the store…`);
  await runtime.stop();
  console.log('Stopped. Everything written is on disk.');
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

/**
 * Builds the site from another content folder into another output folder — the catalogue tests
 * build broken catalogues this way, and bench/site-build generated ones.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../../functions/store/catalogue-source.ts';

export interface SiteBuild {
  code: number | null;
  ms: number;
  output: string;
}

/** `root` holds `content/` (services/*.json, departments.json); the build writes `dist/` and `cache/`. */
export function buildSiteFrom(root: string): Promise<SiteBuild> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      [path.join(projectRoot, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build', '--root', 'site'],
      {
        cwd: projectRoot,
        env: {
          ...process.env,
          ASTRO_TELEMETRY_DISABLED: '1',
          YICHUANG_CONTENT_DIR: path.join(root, 'content'),
          YICHUANG_SITE_OUT: path.join(root, 'dist'),
          YICHUANG_SITE_CACHE: path.join(root, 'cache'),
        },
      },
    );
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, ms: performance.now() - started, output }));
  });
}

/**
 * `npx yichuang catalog lint|generate`: checks the service catalogue (site/src/content) beyond its
 * schema, and regenerates the module through which the functions bundle it.
 */
import path from 'node:path';
import { formatDiagnostic } from '../../../functions/domain/catalogue/lint.ts';
import {
  defaultContentDir,
  displayPath,
  lintCatalogueFolder,
  writeGeneratedModule,
} from '../../../functions/store/catalogue-source.ts';
import type { Command } from '../command.ts';

const help = `Usage:
  npx yichuang catalog lint [--dir <folder>] [--strict]
  npx yichuang catalog generate

lint      Checks every service item file against the item schema and the catalogue rules:
          promised limit ≤ statutory limit (warns when equal), instant items have no day
          limit, promised and joint items state both limits, step limits fit in the promised
          limit, a free item says 不收费, no catch-all condition line, conditional materials
          say when, joint items list co-departments, unique codes, known departments.
          Each problem names the file, the field and the rule, in Chinese and English.
          Exits 1 when there is an error (with --strict, also on a warning).
          --dir    the content folder holding services/*.json and departments.json
                   (default: site/src/content)
generate  Rewrites functions/domain/catalogue/items.generated.ts from site/src/content/services.
          \`npm run build:site\` does this too.`;

async function lint(args: string[]): Promise<number> {
  let dir = defaultContentDir;
  let strict = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--dir') {
      const value = args[++i];
      if (!value) {
        console.error('--dir needs a folder');
        return 2;
      }
      dir = path.resolve(value);
    } else if (arg === '--strict') {
      strict = true;
    } else {
      console.error(`Unknown option: ${arg}\n\n${help}`);
      return 2;
    }
  }
  const result = await lintCatalogueFolder(dir);
  for (const diagnostic of result.diagnostics) {
    (diagnostic.severity === 'error' ? console.error : console.warn)(formatDiagnostic(diagnostic));
  }
  const summary = `${displayPath(dir)}: ${result.items.length} 个事项 items, ${result.bundles.length} 个一件事 bundles, ${result.errors} 个错误 errors, ${result.warnings} 个警告 warnings`;
  const failed = result.errors > 0 || (strict && result.warnings > 0);
  (failed ? console.error : console.log)(summary);
  return failed ? 1 : 0;
}

export const catalogCommand: Command = {
  name: 'catalog',
  summary: 'Check the service catalogue (lint) and regenerate its functions module (generate)',
  help,
  async run(args) {
    const [sub, ...rest] = args;
    if (sub === 'lint') return lint(rest);
    if (sub === 'generate') {
      const changed = await writeGeneratedModule();
      console.log(changed ? 'items.generated.ts updated' : 'items.generated.ts is up to date');
      return 0;
    }
    console.error(`${sub === undefined ? 'Missing subcommand' : `Unknown subcommand: ${sub}`}\n\n${help}`);
    return 2;
  },
};

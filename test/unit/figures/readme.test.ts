/** The README states the figure definitions once, as the code does: the same rows, word for word. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { figureDefinitions } from '../../../functions/domain/figures/index.ts';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
/** Every table row of the README as its trimmed cells (tables are padded by the formatter). */
const rows = readme
  .split('\n')
  .filter((line) => line.startsWith('|'))
  .map((line) =>
    line
      .slice(1, -1)
      .split('|')
      .map((cell) => cell.trim()),
  );

describe('the README’s figure definitions', () => {
  it.each(figureDefinitions.map((definition) => [definition.label, definition]))('%s', (_, definition) => {
    const setting = definition.setting ? `\`${definition.setting}\`` : '—';
    expect(rows).toContainEqual([definition.label, definition.definition, setting]);
  });
});

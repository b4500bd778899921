import { describe, expect, it } from 'vitest';
import {
  caseInScope,
  type FigureScope,
  formatScope,
  ownScope,
  parseScope,
  readableScope,
} from '../../../functions/domain/figures/index.ts';
import { actors } from './fixtures.ts';

const scope = (text: string) => parseScope(text) as FigureScope;

describe('figure scopes', () => {
  it.each(['centre', 'department:mz', 'window:mz-01', 'clerk:clerk-b'])('reads and writes %s', (text) => {
    expect(formatScope(scope(text))).toBe(text);
  });

  it.each(['', 'all', 'department:', 'window:MZ 01', 'team:mz', 'clerk:', 'department:mz;drop'])(
    'refuses %j',
    (text) => {
      expect(parseScope(text)).toBeUndefined();
    },
  );

  it('lets each role read its own scope and those below, and nothing above', () => {
    const may = (actor: (typeof actors)[keyof typeof actors], text: string) =>
      readableScope(actor, scope(text)) !== undefined;
    expect(may(actors.clerk, 'clerk:clerk')).toBe(true);
    expect(may(actors.clerk, 'clerk:clerk-b')).toBe(false);
    expect(may(actors.clerk, 'window:mz-01')).toBe(false);
    expect(may(actors.clerk, 'centre')).toBe(false);
    expect(may(actors.chief, 'department:mz')).toBe(true);
    expect(may(actors.chief, 'window:mz-02')).toBe(true);
    expect(may(actors.chief, 'clerk:clerk-b')).toBe(true);
    expect(may(actors.chief, 'department:sw')).toBe(false);
    expect(may(actors.chief, 'window:sw-01')).toBe(false);
    expect(may(actors.chief, 'centre')).toBe(false);
    for (const actor of [actors.leader, actors.supervisor, actors.admin]) {
      expect(may(actor, 'centre')).toBe(true);
      expect(may(actor, 'department:sw')).toBe(true);
    }
    expect(ownScope(actors.clerk)).toEqual({ kind: 'clerk', username: 'clerk' });
    expect(ownScope(actors.chief)).toEqual({ kind: 'department', code: 'mz' });
    expect(ownScope(actors.supervisor)).toEqual({ kind: 'centre' });
  });

  it('narrows a chief’s clerk scope to the chief’s department', () => {
    const readable = readableScope(actors.chief, scope('clerk:clerk')) as NonNullable<
      ReturnType<typeof readableScope>
    >;
    expect(caseInScope({ department: 'mz', window: 'mz-01', handler: 'clerk' }, readable)).toBe(true);
    expect(caseInScope({ department: 'sw', window: 'sw-01', handler: 'clerk' }, readable)).toBe(false);
  });
});

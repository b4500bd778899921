/**
 * The general windows and back-office windows of centre.json (综合窗口): their form is checked as
 * the configuration loads, their back-office windows against the catalogue on the local start; a
 * wrong key or value is refused with an error naming it.
 */
import { describe, expect, it } from 'vitest';
import centre from '../../../functions/config/centre.json' with { type: 'json' };
import {
  backOfficeWindow,
  generalWindowDepartments,
  generalWindows,
  generalWindowsOf,
} from '../../../functions/config/centre.ts';
import { checkGeneralWindows } from '../../../functions/config/windows-check.ts';
import {
  departmentsOfWindows,
  parseGeneralWindowSettings,
} from '../../../functions/domain/cases/general-window-settings.ts';

const source = 'functions/config/centre.json';

describe('the general windows of centre.json', () => {
  it('are read, and checked against the catalogue', () => {
    expect(generalWindows).toEqual(['zh-01']);
    expect(backOfficeWindow('rs')).toBe('rs-01');
    expect(generalWindowDepartments()).toEqual([{ id: 'zh', windows: ['zh-01'] }]);
    expect(generalWindowsOf('zh')).toEqual(['zh-01']);
    expect(generalWindowsOf('mz')).toEqual([]);
    expect(checkGeneralWindows().backOfficeWindows).toEqual(centre.backOfficeWindows);
  });

  it('group windows by their department, in the order given', () => {
    expect(departmentsOfWindows(['zh-01', 'zx-01', 'zh-02'])).toEqual([
      { id: 'zh', windows: ['zh-01', 'zh-02'] },
      { id: 'zx', windows: ['zx-01'] },
    ]);
  });

  it.each([
    [{ generalWindows: 'zh-01' }, 'generalWindows: expected a list of window codes'],
    [
      { generalWindows: ['zh-01', 'ZH 2'] },
      'generalWindows.1: expected a window code such as "zh-01", got "ZH 2"',
    ],
    [{ generalWindows: ['zh-01', 'zh-01'] }, 'generalWindows.1: window zh-01 is listed twice'],
    [{ backOfficeWindows: ['mz-01'] }, 'backOfficeWindows: expected an object of department → window'],
    [{ backOfficeWindows: { mz: 'sw-01' } }, 'backOfficeWindows.mz: expected a window of department mz'],
    [{ backOfficeWindows: { mz: 7 } }, 'backOfficeWindows.mz: expected a window of department mz'],
    [{ backOfficeWindows: { 'M Z': 'mz-01' } }, 'backOfficeWindows.M Z: expected a department code'],
  ])('refuses %j, naming the key', (config, message) => {
    expect(() => parseGeneralWindowSettings(config, { source })).toThrow(`${source}: ${message}`);
  });

  it('refuses a back-office window the catalogue does not have, naming the key', () => {
    expect(() => checkGeneralWindows({ ...centre, backOfficeWindows: { mz: 'mz-09' } })).toThrow(
      `${source}: backOfficeWindows.mz: department mz has no window mz-09 (its windows: mz-01, mz-02, mz-03).`,
    );
    expect(() => checkGeneralWindows({ ...centre, backOfficeWindows: { xx: 'xx-01' } })).toThrow(
      `${source}: backOfficeWindows.xx: the catalogue has no department xx.`,
    );
  });

  it('takes none as none: no general window, each department’s first window as its back office', () => {
    expect(parseGeneralWindowSettings({})).toEqual({ generalWindows: [], backOfficeWindows: {} });
  });
});

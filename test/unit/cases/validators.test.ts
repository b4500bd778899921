import { describe, expect, it } from 'vitest';
import {
  caseDueAt,
  caseNextCheckAt,
  caseWarningLevel,
  formatCaseNo,
  neverInstant,
  normalizeQueryCode,
  parseCaseNo,
  publicProgress,
  queryCodeFromBytes,
  queryCodePattern,
  staffView,
} from '../../../functions/domain/cases/index.ts';
import {
  checkCreditCode,
  checkIdNumber,
  checkPhone,
  idCheckCharacter,
} from '../../../functions/domain/identity-number.ts';
import { clocks, commands, reach, run, T } from './fixtures.ts';

const today = '2026-11-27';

describe('resident ID numbers (GB 11643)', () => {
  it('accepts the sample of domain.md and reads birth date and sex', () => {
    expect(checkIdNumber('11010519491231002X', today)).toEqual({
      ok: true,
      birthDate: '1949-12-31',
      sex: 'female',
    });
    expect(checkIdNumber('11010519491231002x', today).ok).toBe(true);
  });

  it('computes the check character with the weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2', () => {
    expect(idCheckCharacter('11010519491231002')).toBe('X');
    expect(idCheckCharacter('44030419900101001')).toBe('1');
  });

  it('names the rule that fails', () => {
    const rule = (id: string) => {
      const result = checkIdNumber(id, today);
      return result.ok ? 'ok' : result.rule;
    };
    expect(rule('110105194912310021')).toBe('check_digit');
    expect(rule('1101051949123100')).toBe('format');
    expect(rule('11010519491231002Y')).toBe('format');
    expect(rule('99010519491231002X')).toBe('area_code');
    expect(rule('110105194902300025')).toBe('birth_date');
    expect(rule('110105189901010023')).toBe('birth_date');
    // A birth date after today.
    const future = `11010520270101001`;
    expect(rule(`${future}${idCheckCharacter(future)}`)).toBe('birth_date');
  });
});

describe('credit codes and phones', () => {
  it('checks the unified social credit code (GB 32100)', () => {
    expect(checkCreditCode('91350100M000100Y43')).toEqual({ ok: true });
    expect(checkCreditCode('91350100M000100Y44')).toMatchObject({ ok: false, rule: 'check_digit' });
    expect(checkCreditCode('9135010')).toMatchObject({ ok: false, rule: 'format' });
  });

  it('accepts mobile and landline numbers, normalised', () => {
    expect(checkPhone('138 1234 5678')).toEqual({ ok: true, normalized: '13812345678', kind: 'mobile' });
    expect(checkPhone('+86 13812345678')).toMatchObject({ ok: true, normalized: '13812345678' });
    expect(checkPhone('0571-87654321')).toEqual({ ok: true, normalized: '0571-87654321', kind: 'landline' });
    expect(checkPhone('010 12345678 转 123')).toMatchObject({ ok: true, normalized: '010-12345678-123' });
    for (const bad of ['12812345678', '1381234567', 'abc', '87654321'])
      expect(checkPhone(bad).ok).toBe(false);
  });
});

describe('case numbers and query codes', () => {
  it('formats and parses readable case numbers per centre and day', () => {
    expect(formatCaseNo('YC0001', '2026-11-27', 1)).toBe('YC0001-20261127-0001');
    expect(formatCaseNo('YC0001', '2026-11-27', 12345)).toBe('YC0001-20261127-12345');
    expect(parseCaseNo('YC0001-20261127-0042')).toEqual({ centre: 'YC0001', date: '2026-11-27', serial: 42 });
    expect(parseCaseNo('YC0001-2026-1127-0042')).toBeUndefined();
    expect(() => formatCaseNo('YC0001', '2026-11-27', 0)).toThrow(RangeError);
  });

  it('draws 8 unambiguous symbols without bias', () => {
    const bytes = new Uint8Array(16).map((_, index) => index * 17);
    const code = queryCodeFromBytes(bytes);
    expect(code).toMatch(queryCodePattern);
    expect(code).not.toMatch(/[01ILO]/);
    // Bytes at or above 248 (the largest multiple of 31 under 256) are skipped.
    expect(queryCodeFromBytes(new Uint8Array([255, 249, 248, 0, 1, 2, 3, 4, 5, 6, 7]))).toBe('23456789');
    expect(() => queryCodeFromBytes(new Uint8Array([255, 0, 1]))).toThrow(RangeError);
    expect(normalizeQueryCode(' abcd-efgh ')).toBe('ABCDEFGH');
  });
});

describe('the clocks of a case together', () => {
  it('sorts by the earliest case deadline and leaves the running-clock index when nothing runs', () => {
    const accepted = reach('accepted');
    // Promised 10 working days from Mon 2026-11-02 10:00 → Mon 2026-11-16 17:30.
    expect(caseDueAt(accepted, clocks)).toBe(T('2026-11-16T17:30:00'));
    expect(caseWarningLevel(accepted, T('2026-11-13T10:00:00'), clocks)).toBe('remind');
    expect(caseWarningLevel(accepted, T('2026-11-17T10:00:00'), clocks)).toBe('red');
    expect(caseNextCheckAt(accepted, T('2026-11-03T10:00:00'), clocks)).toBe(T('2026-11-13T00:00:00'));
    expect(caseNextCheckAt(reach('closed'), T('2026-11-03T10:00:00'), clocks)).toBeNull();
  });

  it('keeps a suspended case in the index but never due', () => {
    const suspended = reach('suspended');
    expect(caseNextCheckAt(suspended, T('2026-11-04T10:00:00'), clocks)).toBe(neverInstant);
    expect(caseDueAt(suspended, clocks)).toBeNull();
  });
});

describe('views', () => {
  it('shows staff the masked applicant and every clock evaluated now', () => {
    const view = staffView(reach('inReview'), T('2026-11-04T10:00:00'), clocks);
    expect(view.applicant).toEqual({
      kind: 'individual',
      name: '张*',
      idNumber: '11**************2X',
      phone: '138****1234',
    });
    expect(view.clocks.map((clock) => clock.name)).toEqual([
      'correctionNotice',
      'promised',
      'statutory',
      'step',
    ]);
    expect(view.availableTransitions).toContain('approve');
    expect(view.statusLabel).toBe('审查中');
  });

  it('shows the public only what §9 allows', () => {
    const state = run(
      reach('inReview'),
      [[commands.suspend()], [commands.resume()]],
      T('2026-11-04T10:00:00'),
    );
    const extended = run(
      state,
      [[commands.extend(5), { username: 'chief', roles: ['chief'], department: 'mz' }]],
      T('2026-11-05T10:00:00'),
    );
    const view = publicProgress(extended, T('2026-11-06T10:00:00'), clocks, {
      methods: ['window', 'post'],
      window: 'B区 01–03 号窗口',
      address: '云川市新城区政务大道 1 号',
    });
    expect(Object.keys(view).sort()).toEqual(
      [
        'acceptedAt',
        'caseNo',
        'deadline',
        'extension',
        'item',
        'owed',
        'receivedAt',
        'result',
        'status',
        'statusLabel',
        'steps',
        'suspensions',
      ].sort(),
    );
    expect(view.steps.map((step) => step.step)).toEqual([
      '收件',
      '受理',
      '内部流转',
      '进入特别程序',
      '特别程序结束',
      '延期',
    ]);
    expect(view.suspensions).toEqual([
      {
        procedure: '专家评审',
        expected: '约 10 个工作日',
        start: T('2026-11-04T10:00:00'),
        end: T('2026-11-04T11:00:00'),
        workdays: 0,
      },
    ]);
    expect(view.extension).toMatchObject({ days: 5, reason: '情况复杂' });
    expect(view.deadline?.statutoryDueAt).toBeTruthy();
    expect(view.result.collect).toMatchObject({
      methods: ['窗口领取', '邮寄送达'],
      window: 'B区 01–03 号窗口',
    });
    const text = JSON.stringify(view);
    for (const secret of ['clerk', 'chief', '张', '138', '已当面告知']) expect(text).not.toContain(secret);
  });
});

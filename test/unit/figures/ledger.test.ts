import { describe, expect, it } from 'vitest';
import {
  csvByteOrderMark,
  csvField,
  defaultFigureSettings,
  ledgerColumns,
  ledgerCsvHeader,
  ledgerCsvLine,
  ledgerRow,
} from '../../../functions/domain/figures/index.ts';
import { clocks, commands, handled, instantItem, received, T } from './fixtures.ts';

const now = new Date(T('2026-12-15T12:00:00'));

describe('the case ledger', () => {
  it('gives one row per case: dates, limits, working days used and suspended, result, on time', () => {
    const state = handled(
      received(T('2026-11-02T09:00:00')),
      [commands.accept(), T('2026-11-02T10:00:00')],
      [commands.suspend(), T('2026-11-03T10:00:00')],
      [commands.resume(), T('2026-11-10T10:00:00')],
      [commands.approve(), T('2026-11-12T10:00:00')],
      [commands.deliver(), T('2026-11-13T09:00:00')],
    );
    expect(ledgerRow(state, now, clocks, defaultFigureSettings)).toEqual({
      caseNo: state.caseNo,
      itemCode: 'YC-MZ-0102',
      itemName: '社会团体变更登记',
      applicant: '张*',
      receivedAt: '2026-11-02 09:00',
      acceptedAt: '2026-11-02 10:00',
      decidedAt: '2026-11-12 10:00',
      result: '准予许可',
      deliveredAt: '2026-11-13 09:00',
      promisedDays: '10',
      statutoryDays: '20',
      workdaysUsed: '2',
      suspendedWorkdays: '5',
      status: '已出件',
      handler: 'clerk',
      window: 'mz-01',
      intakeWindow: '',
      onTime: '是',
    });
    const instant = handled(received(T('2026-11-02T09:00:00'), { item: instantItem }), [
      commands.settleInstantly(),
      T('2026-11-02T09:10:00'),
    ]);
    expect(ledgerRow(instant, now, clocks, defaultFigureSettings)).toMatchObject({
      promisedDays: '当场办结',
      workdaysUsed: '0',
      onTime: '是',
    });
  });

  it('writes CSV for Excel: a BOM, CRLF, quoted fields and no formulas', () => {
    expect(ledgerCsvHeader().startsWith(csvByteOrderMark)).toBe(true);
    expect(ledgerCsvHeader().endsWith('\r\n')).toBe(true);
    expect(ledgerCsvHeader().slice(1).split(',')).toHaveLength(ledgerColumns.length);
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('说 "好"')).toBe('"说 ""好"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    const state = received(T('2026-11-02T09:00:00'));
    expect(ledgerCsvLine(ledgerRow(state, now, clocks, defaultFigureSettings)).split(',')[0]).toBe(
      state.caseNo,
    );
  });
});

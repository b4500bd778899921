/**
 * The case ledger (办件台账, domain.md §12): one row per case received in the period — a scope's
 * rows are the cases it took in or handles (scopes.ts caseTouchesScope) — as CSV in
 * UTF-8 with a byte-order mark (Excel needs it to read Chinese). The applicant is masked by the
 * one masking function (privacy.ts); an organisation is named, a person never in clear.
 */
import { formatInstant, toEpochMs } from '../calendar/instant.ts';
import { caseStatusLabels } from '../cases/states.ts';
import type { CaseState } from '../cases/types.ts';
import type { ClockContext } from '../clocks/clock.ts';
import { evaluate } from '../clocks/evaluate.ts';
import { maskName } from '../privacy.ts';
import { caseFacts } from './facts.ts';
import type { FigureSettings } from './settings.ts';

export interface LedgerRow {
  caseNo: string;
  itemCode: string;
  itemName: string;
  applicant: string;
  receivedAt: string;
  acceptedAt: string;
  decidedAt: string;
  result: string;
  deliveredAt: string;
  promisedDays: string;
  statutoryDays: string;
  workdaysUsed: string;
  suspendedWorkdays: string;
  status: string;
  handler: string;
  window: string;
  /** The general window (综合窗口) that took the case in for its department; empty for any other case. */
  intakeWindow: string;
  onTime: string;
}

export const ledgerColumns: readonly { key: keyof LedgerRow; label: string }[] = [
  { key: 'caseNo', label: '受理编号' },
  { key: 'itemCode', label: '事项编码' },
  { key: 'itemName', label: '事项名称' },
  { key: 'applicant', label: '申请人' },
  { key: 'receivedAt', label: '收件时间' },
  { key: 'acceptedAt', label: '受理时间' },
  { key: 'decidedAt', label: '办结时间' },
  { key: 'result', label: '办理结果' },
  { key: 'deliveredAt', label: '出件时间' },
  { key: 'promisedDays', label: '承诺时限（工作日）' },
  { key: 'statutoryDays', label: '法定时限（工作日）' },
  { key: 'workdaysUsed', label: '实际用时（工作日）' },
  { key: 'suspendedWorkdays', label: '特别程序（工作日，不计时）' },
  { key: 'status', label: '状态' },
  { key: 'handler', label: '承办人' },
  { key: 'window', label: '窗口' },
  { key: 'intakeWindow', label: '收件综合窗口' },
  { key: 'onTime', label: '是否按时办结' },
];

/** `2026-12-03 10:15` in Beijing time, or empty. */
function when(at: string | undefined): string {
  return at === undefined ? '' : formatInstant(toEpochMs(at)).slice(0, 16).replace('T', ' ');
}

export function ledgerRow(
  state: CaseState,
  now: Date,
  ctx: ClockContext,
  settings: FigureSettings,
): LedgerRow {
  const facts = caseFacts(state, ctx, settings);
  const statutory = state.clocks.statutory;
  const clockStatus = statutory ? evaluate(statutory, state.decision?.at ?? now, ctx) : undefined;
  const notAccepted = state.notAccepted !== undefined;
  const result = state.decision
    ? state.decision.outcome === 'approved'
      ? '准予许可'
      : '不予许可'
    : notAccepted
      ? '不予受理'
      : '';
  return {
    caseNo: state.caseNo,
    itemCode: state.item.code,
    itemName: state.item.name,
    applicant: state.applicant.organisation?.name ?? maskName(state.applicant.name),
    receivedAt: when(state.receivedAt),
    acceptedAt: when(state.acceptedAt),
    decidedAt: when(state.decision?.at),
    result,
    deliveredAt: when(state.delivery?.at),
    promisedDays:
      state.item.class === 'instant'
        ? '当场办结'
        : String(state.clocks.promised?.budget ?? state.item.promisedDays ?? ''),
    statutoryDays: String(statutory?.budget ?? state.item.statutoryDays ?? ''),
    workdaysUsed: clockStatus ? String(clockStatus.usedWorkdays) : facts.instantSettledOn ? '0' : '',
    suspendedWorkdays: clockStatus ? String(clockStatus.suspendedWorkdays) : '',
    status: caseStatusLabels[state.status],
    handler: state.handler ?? '',
    window: state.window,
    intakeWindow: state.intakeWindow ?? '',
    onTime: facts.onTime === undefined ? '' : facts.onTime ? '是' : '否',
  };
}

/** Byte-order mark: without it Excel reads UTF-8 CSV as the local code page. */
export const csvByteOrderMark = '\uFEFF';

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break; a leading `=`, `+`,
 * `-`, `@` or tab is prefixed with `'` so a spreadsheet never runs it as a formula.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvLine(values: readonly string[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

export function ledgerCsvHeader(): string {
  return csvByteOrderMark + csvLine(ledgerColumns.map((column) => column.label));
}

export function ledgerCsvLine(row: LedgerRow): string {
  return csvLine(ledgerColumns.map((column) => row[column.key]));
}

/**
 * The ledger (办件台账) as an Excel workbook: the CSV's columns and masking (domain/figures/ledger.ts),
 * written with exceljs's streaming WorkbookWriter. Each row is committed — serialised into the zip
 * stream — as soon as it is added, so what stays in memory is the compressed file so far, never
 * the rows; the caller adds the cases a page at a time and lets each page go. exceljs is imported
 * with the first workbook: in the cloud it is not in the function's bundle but a file beside it
 * (infra/functions.ts lazyModules), so neither the cold start nor a CSV request reads it.
 */
import { PassThrough } from 'node:stream';
import { type LedgerRow, ledgerColumns } from '../../domain/figures/ledger.ts';

export interface LedgerWorkbook {
  /** Writes the rows at once (each committed); they can be dropped afterwards. */
  add(rows: readonly LedgerRow[]): void;
  /** Closes the workbook: the whole file. */
  finish(): Promise<Uint8Array>;
}

/** Columns holding a whole number of working days: written as numbers, so Excel sums them. */
const numericColumns = new Set<keyof LedgerRow>([
  'promisedDays',
  'statutoryDays',
  'workdaysUsed',
  'suspendedWorkdays',
]);

const columnWidths: Partial<Record<keyof LedgerRow, number>> = {
  caseNo: 24,
  itemCode: 14,
  itemName: 30,
  applicant: 22,
  receivedAt: 17,
  acceptedAt: 17,
  decidedAt: 17,
  deliveredAt: 17,
  result: 10,
  status: 10,
};

function cellValue(key: keyof LedgerRow, value: string): string | number | null {
  if (value === '') return null;
  return numericColumns.has(key) && /^\d+$/.test(value) ? Number(value) : value;
}

/** A new workbook with one sheet, 办件台账, its header row frozen and filterable. */
export async function ledgerWorkbook(title: string): Promise<LedgerWorkbook> {
  const { default: WorkbookWriter } = await import('exceljs/lib/stream/xlsx/workbook-writer.js');
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    output.on('end', resolve);
    output.on('error', reject);
  });
  // Inline strings, not a shared-string table: the table would grow with the rows until the end.
  const workbook = new WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Yichuang 一窗';
  workbook.title = title;
  const sheet = workbook.addWorksheet('办件台账', {
    views: [{ state: 'frozen', ySplit: 1 }],
    properties: { defaultRowHeight: 18 },
  });
  sheet.columns = ledgerColumns.map((column) => ({
    header: column.label,
    key: column.key,
    width: columnWidths[column.key] ?? Math.max(10, column.label.length * 2 + 2),
  }));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ledgerColumns.length } };
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.commit();
  return {
    add(rows) {
      for (const row of rows) {
        sheet.addRow(ledgerColumns.map((column) => cellValue(column.key, row[column.key]))).commit();
      }
    },
    async finish() {
      sheet.commit();
      await workbook.commit();
      await finished;
      return Buffer.concat(chunks);
    },
  };
}

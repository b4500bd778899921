/**
 * Open data formats of the catalogue: the six disclosures as CSV (RFC 4180, UTF-8 with BOM so
 * spreadsheet programs read the Chinese), one row per item.
 */
import { limitTexts } from './catalogue.ts';
import { itemClassLabels, itemTypeLabels } from './labels.ts';
import type { Department, ServiceItem } from './schema.ts';

export const csvColumns = [
  '实施编码',
  '基本编码',
  '事项名称',
  '实施主体',
  '事项类型',
  '办件类型',
  '政策依据',
  '申请条件',
  '申请材料',
  '办理程序',
  '法定时限',
  '承诺时限',
  '收费标准',
  '指南版本',
] as const;

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function numbered(lines: readonly string[]): string {
  return lines.map((line, i) => `${i + 1}. ${line}`).join('\n');
}

export function disclosureRow(item: ServiceItem, department?: Department): string[] {
  const limits = limitTexts(item);
  const fees = item.fees.items?.length
    ? `${item.fees.statement}：${item.fees.items.map((f) => `${f.item} ${f.standard}（${f.basis}）`).join('；')}`
    : item.fees.statement;
  return [
    item.code,
    item.basicCode,
    item.name,
    department ? `${department.name}（${item.implementingAgency}）` : item.implementingAgency,
    itemTypeLabels[item.type],
    itemClassLabels[item.class],
    item.legalBasis.map((l) => `《${l.title}》${l.article ?? ''}`).join('；'),
    numbered(item.conditions),
    numbered(
      item.materials.map(
        (m) =>
          `${m.name}（${m.required ? '必需' : `视情形：${m.condition ?? ''}`}；原件 ${m.originals}，复印件 ${m.copies}）`,
      ),
    ),
    numbered(item.procedure.map((s) => s.name)),
    limits.statutory,
    limits.promised,
    fees,
    item.version,
  ];
}

/** The disclosure fields of every item as CSV text, header first, CRLF line ends, BOM. */
export function disclosureCsv(items: readonly ServiceItem[], departments: readonly Department[]): string {
  const byId = new Map(departments.map((d) => [d.id, d]));
  const rows = [[...csvColumns], ...items.map((item) => disclosureRow(item, byId.get(item.department)))];
  return `\uFEFF${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

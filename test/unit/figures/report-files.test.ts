/**
 * The files the figures give, opened and read back: the report draft as .docx (unzipped, its
 * document.xml read for the text of every section, the East Asian fonts, the A4 page and the font
 * table's substitutes) and the ledger as .xlsx (read with exceljs: the header, the masked applicant,
 * a row's values, numbers as numbers, the frozen header).
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import {
  defaultFigureSettings,
  ledgerColumns,
  ledgerRow,
  monthlyReport,
  type Period,
  parsePeriod,
  rate,
  speedUp,
} from '../../../functions/domain/figures/index.ts';
import { ledgerWorkbook } from '../../../functions/http/figures/ledger-xlsx.ts';
import { reportDocx, reportFonts } from '../../../functions/http/figures/report-docx.ts';
import { clocks, commands, handled, instantItem, received, T } from './fixtures.ts';

const counts = {
  received: 3,
  accepted: 2,
  notAccepted: 0,
  correctionNotices: 1,
  instantSettlements: 1,
  decided: 2,
  approved: 2,
  refused: 0,
  delivered: 2,
  withdrawn: 0,
};

const december = {
  period: parsePeriod('2026-12') as Period,
  counts,
  rates: {
    correctionNotice: rate(1, 3),
    onTime: rate(2, 2),
    early: rate(1, 2),
    onTheSpot: rate(1, 2),
    instantShare: rate(1, 2),
  },
  workdays: { decisions: 1, meanUsed: 2, meanPromised: 10, meanStatutory: 20, speedUp: speedUp(2, 20) },
  overdue: { count: 1 },
};

const report = monthlyReport({
  reporter: '云川市民政局',
  kind: 'department',
  month: december.period,
  asOf: '2027-01-02T09:00:00+08:00',
  current: december,
  previous: { ...december, period: parsePeriod('2026-11') as Period },
  yearBefore: { ...december, period: parsePeriod('2025-12') as Period, counts: { ...counts, accepted: 0 } },
  overdue: [
    {
      caseNo: 'YC0001-20261102-9001',
      item: { code: 'YC-MZ-0102', name: '社会团体变更登记' },
      owner: { department: 'mz', window: 'mz-01', handler: 'clerk' },
      status: 'accepted',
      statutoryDueAt: '2026-11-30T17:30:00+08:00',
      overdueWorkdays: 3,
    },
  ],
  cards: [],
  complaints: { received: 0, valid: [] },
  ratings: { ratings: 0, counted: 0, satisfied: 0, bad: 0, rectified: 0, badList: [] },
  commendations: [],
});

/** The text of each paragraph of document.xml, in order. */
function paragraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >].*?<\/w:p>/gs)].map((match) =>
    [...match[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((text) => text[1]).join(''),
  );
}

describe('the report draft as .docx', () => {
  it('opens as a Word package whose text is the draft, section by section', async () => {
    const bytes = await reportDocx(report);
    expect([...bytes.subarray(0, 2)]).toEqual([0x50, 0x4b]); // a zip
    const zip = await JSZip.loadAsync(bytes);
    for (const part of [
      '[Content_Types].xml',
      'word/document.xml',
      'word/styles.xml',
      'word/fontTable.xml',
    ]) {
      expect(zip.file(part), part).not.toBeNull();
    }
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    const text = paragraphs(xml).filter((paragraph) => paragraph !== '');
    expect(text[0]).toBe('云川市民政局窗口2026年12月工作汇报');
    expect(text[1]).toContain('草稿');
    const at = (heading: string) => text.indexOf(heading);
    expect([at('一、基本情况'), at('二、主要做法'), at('三、存在问题'), at('四、下步打算')]).toEqual(
      [...[at('一、基本情况'), at('二、主要做法'), at('三、存在问题'), at('四、下步打算')]].sort(
        (a, b) => a - b,
      ),
    );
    expect(at('一、基本情况')).toBeGreaterThan(0);
    const basic = text.slice(at('一、基本情况') + 1, at('二、主要做法'));
    expect(basic).toEqual(report.sections[0]?.paragraphs);
    expect(basic[0]).toContain('受理各类办件2件，环比持平（上月2件），同比—（去年同月0件）');
    const practice = text.slice(at('二、主要做法') + 1, at('三、存在问题'));
    expect(practice[0]).toBe('撰稿提示（定稿前删除）：');
    expect(practice.at(-1)).toBe('（由撰稿人填写本月的主要做法和成效。）');
    const problems = text.slice(at('三、存在问题') + 1, at('四、下步打算'));
    expect(problems.slice(0, 2)).toEqual([
      '（一）超法定时限办件',
      '1. YC0001-20261102-9001，社会团体变更登记，mz-01窗口，超出法定时限3个工作日，已受理。',
    ]);
    expect(problems).toContain('（四）差评');
    expect(text.slice(at('四、下步打算') + 1)).toEqual(['（由撰稿人填写。）']);
  });

  it('names the Chinese fonts as East Asian fonts, at 三号 and 二号, on an A4 page', async () => {
    const zip = await JSZip.loadAsync(await reportDocx(report));
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    const styles = (await zip.file('word/styles.xml')?.async('string')) ?? '';
    expect(xml).toMatch(/<w:rFonts [^>]*w:eastAsia="方正小标宋简体"[^>]*\/>(<[^>]+>)*<w:sz w:val="44"\/>/);
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toContain('w:eastAsia="黑体"');
    expect(xml).toContain('w:eastAsia="楷体_GB2312"');
    expect(xml).toContain('<w:sz w:val="32"/>');
    expect(styles).toMatch(/<w:rFonts [^>]*w:eastAsia="仿宋_GB2312"/);
    expect(styles).toContain('w:eastAsia="zh-CN"');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="1683[78]"/);
    expect(xml).toMatch(/<w:spacing [^>]*w:line="560" w:lineRule="exact"/);
    const fonts = (await zip.file('word/fontTable.xml')?.async('string')) ?? '';
    for (const { name, substitute } of Object.values(reportFonts)) {
      expect(fonts).toContain(`<w:font w:name="${name}"><w:altName w:val="${substitute}"/>`);
    }
    expect(fonts).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>');
    const footer = Object.keys(zip.files).find((name) => /^word\/footer\d*\.xml$/.test(name));
    expect(footer).toBeDefined();
    expect((await zip.file(footer as string)?.async('string')) ?? '').toContain('PAGE');
  });
});

describe('the ledger as .xlsx', () => {
  it('reads back with the CSV’s columns, the applicant masked, a row’s values, days as numbers', async () => {
    const now = new Date(T('2026-12-15T12:00:00'));
    const states = [
      handled(
        received(T('2026-11-02T09:00:00')),
        [commands.accept(), T('2026-11-02T10:00:00')],
        [commands.suspend(), T('2026-11-03T10:00:00')],
        [commands.resume(), T('2026-11-10T10:00:00')],
        [commands.approve(), T('2026-11-12T10:00:00')],
        [commands.deliver(), T('2026-11-13T09:00:00')],
      ),
      handled(received(T('2026-11-02T09:00:00'), { item: instantItem }), [
        commands.settleInstantly(),
        T('2026-11-02T09:10:00'),
      ]),
    ];
    const rows = states.map((state) => ledgerRow(state, now, clocks, defaultFigureSettings));
    const workbook = await ledgerWorkbook('办件台账 test');
    workbook.add(rows.slice(0, 1));
    workbook.add(rows.slice(1));
    const bytes = await workbook.finish();

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(bytes) as never);
    const sheet = book.getWorksheet('办件台账');
    if (!sheet) throw new Error('no sheet 办件台账');
    expect(sheet.rowCount).toBe(3);
    const values = (row: number) => (sheet.getRow(row).values as unknown[]).slice(1);
    expect(values(1)).toEqual(ledgerColumns.map((column) => column.label));
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const first = Object.fromEntries(ledgerColumns.map((column, i) => [column.key, values(2)[i]]));
    expect(first).toEqual({
      caseNo: states[0]?.caseNo,
      itemCode: 'YC-MZ-0102',
      itemName: '社会团体变更登记',
      applicant: '张*',
      receivedAt: '2026-11-02 09:00',
      acceptedAt: '2026-11-02 10:00',
      decidedAt: '2026-11-12 10:00',
      result: '准予许可',
      deliveredAt: '2026-11-13 09:00',
      promisedDays: 10,
      statutoryDays: 20,
      workdaysUsed: 2,
      suspendedWorkdays: 5,
      status: '已出件',
      handler: 'clerk',
      window: 'mz-01',
      onTime: '是',
    });
    const instantRow = Object.fromEntries(ledgerColumns.map((column, i) => [column.key, values(3)[i]]));
    expect(instantRow).toMatchObject({ promisedDays: '当场办结', workdaysUsed: 0, onTime: '是' });
  });

  it('writes a formula-looking value as text, never as a formula', async () => {
    const now = new Date(T('2026-12-15T12:00:00'));
    const row = { ...ledgerRow(received(T('2026-11-02T09:00:00')), now, clocks, defaultFigureSettings) };
    row.applicant = '=HYPERLINK("http://example.invalid")';
    const workbook = await ledgerWorkbook('t');
    workbook.add([row]);
    const zip = await JSZip.loadAsync(await workbook.finish());
    const sheetXml = (await zip.file('xl/worksheets/sheet1.xml')?.async('string')) ?? '';
    expect(sheetXml).not.toContain('<f>');
    expect(sheetXml).toContain('=HYPERLINK(&quot;http://example.invalid&quot;)');
  });
});

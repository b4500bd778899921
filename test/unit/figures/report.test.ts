/**
 * The monthly report draft (月度工作汇报) on hand-built figures: the comparisons in words (增长,
 * 下降, 持平, and "—" when the month compared with had nothing), rates with numerator and
 * denominator and "—" on a zero denominator, the four sections, the problems named by number, item
 * and window, and the page's HTML.
 */
import { describe, expect, it } from 'vitest';
import {
  type CaseCounts,
  changeText,
  type MonthlyReportInput,
  monthlyReport,
  type Period,
  parsePeriod,
  percentText,
  type ReportFigures,
  rate,
  rateText,
  reportArticle,
  reportDocument,
  reportStyleSheet,
  speedUp,
} from '../../../functions/domain/figures/index.ts';

const zeroCounts: CaseCounts = {
  received: 0,
  accepted: 0,
  notAccepted: 0,
  correctionNotices: 0,
  instantSettlements: 0,
  decided: 0,
  approved: 0,
  refused: 0,
  delivered: 0,
  withdrawn: 0,
};

/** Figures of a month from its counts; on time and early as numerators of the decided. */
function figuresOf(
  key: string,
  counts: Partial<CaseCounts> = {},
  more: {
    onTime?: number;
    early?: number;
    onTheSpot?: number;
    overdue?: number;
    timed?: [number, number, number, number];
  } = {},
): ReportFigures {
  const all = { ...zeroCounts, ...counts };
  const [decisions, used, promised, statutory] = more.timed ?? [0, 0, 0, 0];
  return {
    period: parsePeriod(key) as Period,
    counts: all,
    rates: {
      correctionNotice: rate(all.correctionNotices, all.received),
      onTime: rate(more.onTime ?? 0, all.decided),
      early: rate(more.early ?? 0, all.decided),
      onTheSpot: rate(more.onTheSpot ?? 0, all.accepted),
      instantShare: rate(all.instantSettlements, all.decided),
    },
    workdays: {
      decisions,
      meanUsed: decisions === 0 ? null : used / decisions,
      meanPromised: decisions === 0 ? null : promised / decisions,
      meanStatutory: decisions === 0 ? null : statutory / decisions,
      speedUp: speedUp(used, statutory),
    },
    overdue: { count: more.overdue ?? 0 },
  };
}

function input(overrides: Partial<MonthlyReportInput> = {}): MonthlyReportInput {
  return {
    reporter: '云川市民政局',
    kind: 'department',
    month: parsePeriod('2026-12') as Period,
    asOf: '2027-01-02T09:00:00+08:00',
    current: figuresOf(
      '2026-12',
      {
        received: 10,
        accepted: 8,
        notAccepted: 1,
        correctionNotices: 2,
        instantSettlements: 3,
        decided: 6,
        approved: 5,
        refused: 1,
        delivered: 5,
        withdrawn: 1,
      },
      { onTime: 6, early: 2, onTheSpot: 4, timed: [3, 6, 30, 60] },
    ),
    previous: figuresOf('2026-11', { received: 8, accepted: 6, decided: 8 }),
    yearBefore: figuresOf('2025-12'),
    overdue: [],
    cards: [],
    complaints: { received: 0, valid: [] },
    ratings: { ratings: 5, counted: 5, satisfied: 5, bad: 0, rectified: 0, badList: [] },
    commendations: [],
    ...overrides,
  };
}

/** The paragraphs of 一、基本情况. */
const basicOf = (report: ReturnType<typeof monthlyReport>): string[] => report.sections[0]?.paragraphs ?? [];

describe('the comparisons in words', () => {
  it('says an increase, a decrease, no change, and "—" when the month compared with had none', () => {
    expect(changeText('环比', 8, 6)).toBe('环比增长33.3%（上月6件）');
    expect(changeText('环比', 6, 8)).toBe('环比下降25%（上月8件）');
    expect(changeText('同比', 4, 4)).toBe('同比持平（去年同月4件）');
    expect(changeText('同比', 5, 0)).toBe('同比—（去年同月0件）');
    expect(changeText('环比', 0, 0)).toBe('环比—（上月0件）');
    expect(changeText('环比', 0, 3)).toBe('环比下降100%（上月3件）');
  });

  it('writes rates as the reports do, with numerator and denominator, and "—" for nothing to divide', () => {
    expect(percentText(1)).toBe('100%');
    expect(percentText(0.998)).toBe('99.8%');
    expect(percentText(2 / 3)).toBe('66.7%');
    expect(percentText(null)).toBe('—');
    expect(rateText(rate(12, 12))).toBe('100%（12/12）');
    expect(rateText(rate(0, 0))).toBe('—');
  });
});

describe('the monthly report draft', () => {
  it('has the four sections of the seeds, titled for the department’s window and month', () => {
    const report = monthlyReport(input());
    expect(report.title).toBe('云川市民政局窗口2026年12月工作汇报');
    expect(report.sections.map((section) => section.heading)).toEqual([
      '一、基本情况',
      '二、主要做法',
      '三、存在问题',
      '四、下步打算',
    ]);
    expect(report.note).toContain('草稿');
    const centre = monthlyReport(input({ reporter: '云川市政务服务中心', kind: 'centre' }));
    expect(centre.title).toBe('云川市政务服务中心2026年12月工作汇报');
    expect(centre.sections[0]?.paragraphs[0]).toMatch(/^2026年12月，中心共收件10件/);
  });

  it('says the counts, rates and comparisons in sentences', () => {
    const [volume, completion, speed, overdue, service] = basicOf(monthlyReport(input()));
    expect(volume).toBe(
      '2026年12月，本窗口共收件10件，受理各类办件8件，环比增长33.3%（上月6件），同比—（去年同月0件）。其中即办件当场办结3件；出具一次性告知2件，一次性告知率20%（2/10）；不予受理1件。',
    );
    expect(completion).toBe(
      '本月办结6件（准予许可5件、不予许可1件），环比下降25%（上月8件），同比—（去年同月0件）；出件5件，申请人撤回1件。按时办结率100%（6/6），提前办结率33.3%（2/6），现场办结率50%（4/8）。',
    );
    expect(speed).toBe(
      '有时限的办结件3件，平均实际用时2个工作日，平均承诺时限10个工作日、法定时限20个工作日，实际提速90%。',
    );
    expect(overdue).toBe('本月无超法定时限办件。');
    expect(service).toBe(
      '群众评价5次，满意率100%（5/5）；差评0件，已整改0件。收到投诉0件，无有效投诉。电子监察未发出红黄牌。',
    );
  });

  it('shows "—" wherever a month has nothing to divide', () => {
    const empty = monthlyReport(
      input({
        current: figuresOf('2026-12'),
        previous: figuresOf('2026-11'),
        yearBefore: figuresOf('2025-12'),
        ratings: { ratings: 0, counted: 0, satisfied: 0, bad: 0, rectified: 0, badList: [] },
      }),
    );
    const [volume, completion, speed, , service] = basicOf(empty);
    expect(volume).toContain('受理各类办件0件，环比—（上月0件），同比—（去年同月0件）');
    expect(volume).toContain('一次性告知率—；');
    expect(completion).toContain('按时办结率—，提前办结率—，现场办结率—。');
    expect(speed).toBe('本月没有有时限的办结件，平均实际用时—，实际提速—。');
    expect(service).toContain('满意率—；');
    expect(`${volume}${completion}${speed}${service}`).not.toMatch(/NaN|Infinity|null|undefined/);
  });

  it('names the problems by number, item and window, and leaves 二 and 四 to the author', () => {
    const report = monthlyReport(
      input({
        current: figuresOf('2026-12', { received: 2, decided: 1 }, { onTime: 0, overdue: 1 }),
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
        cards: [
          {
            level: 'red',
            subjectKind: '办件',
            subjectId: 'YC0001-20261102-9001',
            title: '社会团体变更登记',
            window: 'mz-01',
            issuedOn: '2026-12-01',
            answered: false,
          },
        ],
        complaints: {
          received: 2,
          valid: [
            {
              complaintNo: 'TS0001-20261205-0001',
              category: '服务态度',
              window: 'mz-02',
              receivedOn: '2026-12-05',
              status: '已答复',
            },
          ],
        },
        ratings: {
          ratings: 4,
          counted: 4,
          satisfied: 3,
          bad: 1,
          rectified: 1,
          badList: [
            {
              caseNo: 'YC0001-20261203-0002',
              itemName: '社会团体成立登记',
              window: 'mz-03',
              level: '不满意',
              rectification: '已整改',
            },
          ],
        },
        commendations: [{ text: '服务之星：王窗口（mz-01）' }],
      }),
    );
    const [basic, practice, problems, plans] = report.sections;
    expect(basic?.paragraphs[3]).toBe('本月超法定时限办件1件（目标为零），逐件列于“存在问题”。');
    expect(basic?.paragraphs[4]).toBe(
      '群众评价4次，满意率75%（3/4）；差评1件，已整改1件。收到投诉2件，其中有效投诉1件。电子监察发出黄牌0张、红牌1张。',
    );
    expect(practice?.paragraphs).toEqual([]);
    expect(practice?.placeholder).toBeDefined();
    expect(practice?.prompts[0]).toBe('服务之星：王窗口（mz-01）');
    expect(problems?.lists.map((list) => [list.heading, list.items])).toEqual([
      [
        '（一）超法定时限办件',
        ['YC0001-20261102-9001，社会团体变更登记，mz-01窗口，超出法定时限3个工作日，已受理。'],
      ],
      [
        '（二）电子监察红黄牌',
        ['红牌：办件YC0001-20261102-9001（社会团体变更登记），mz-01窗口，2026年12月1日发出，尚未回复。'],
      ],
      ['（三）有效投诉', ['TS0001-20261205-0001，服务态度，mz-02窗口，2026年12月5日收到，已答复。']],
      ['（四）差评', ['YC0001-20261203-0002，社会团体成立登记，mz-03窗口，评价“不满意”，整改：已整改。']],
    ]);
    expect(plans).toMatchObject({ paragraphs: [], lists: [], prompts: [] });
    expect(plans?.placeholder).toBeDefined();
  });

  it('says a case less than a working day past its limit is past it, not 0 days past', () => {
    const report = monthlyReport(
      input({
        overdue: [
          {
            caseNo: 'YC0001-20261102-9001',
            item: { code: 'YC-MZ-0102', name: '社会团体变更登记' },
            owner: { department: 'mz', window: 'mz-01', handler: 'clerk' },
            status: 'decided',
            statutoryDueAt: '2026-11-30T17:30:00+08:00',
            overdueWorkdays: 0,
            decidedAt: '2026-12-01T09:00:00+08:00',
          },
        ],
      }),
    );
    expect(report.sections[2]?.lists[0]?.items).toEqual([
      'YC0001-20261102-9001，社会团体变更登记，mz-01窗口，已超过法定时限（不足1个工作日），已于2026年12月1日逾期办结。',
    ]);
  });

  it('prompts from the figures when there are no commendations yet', () => {
    const prompts = monthlyReport(input()).sections[1]?.prompts ?? [];
    expect(prompts).toEqual([
      '按时办结率100%（6件）：保持按时办结的做法。',
      '提前办结2件：提速的具体举措。',
      '即办件当场办结3件：即来即办的做法。',
      '本月无有效投诉：窗口服务规范的落实。',
    ]);
  });

  it('says up to when a month still running was counted', () => {
    const running = monthlyReport(input({ asOf: '2026-12-15T12:00:00+08:00' }));
    expect(running.note).toContain('统计至2026年12月15日');
    expect(monthlyReport(input()).note).not.toContain('统计至');
  });
});

describe('the report as a printable page', () => {
  it('is a whole A4 page with the official-document fonts, its sections as headed parts', () => {
    const html = reportDocument(monthlyReport(input()));
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<title>云川市民政局窗口2026年12月工作汇报</title>');
    expect(reportStyleSheet).toContain('@page { size: A4;');
    expect(reportStyleSheet).toContain('"仿宋_GB2312", "仿宋"');
    expect(reportStyleSheet).toContain('"方正小标宋简体"');
    expect(reportStyleSheet).toContain('"宋体"');
    expect(reportStyleSheet).toMatch(/font-size: 16pt/);
    const headings = [...html.matchAll(/<h2 id="report-section-\d">([^<]+)<\/h2>/g)].map((m) => m[1]);
    expect(headings).toEqual(['一、基本情况', '二、主要做法', '三、存在问题', '四、下步打算']);
    expect(html).toContain('<p>本月无超法定时限办件。</p>');
    expect(html).toContain('撰稿提示（定稿前删除）');
  });

  it('escapes what it is given', () => {
    const article = reportArticle(monthlyReport(input({ reporter: '<script>"&' })));
    expect(article).toContain('&lt;script&gt;&quot;&amp;窗口');
    expect(article).not.toContain('<script>');
  });
});

/**
 * The monthly report draft (report.ts) as a printable A4 page in the look of an official document
 * (GB/T 9704: 仿宋_GB2312 三号 body on a 28-point line, 方正小标宋 二号 title, 黑体 and 楷体 headings,
 * margins 37/26/35/28 mm). The stylesheet is kept here once: the API's page carries it in its
 * `<style>`, and the desk serves it as a file (site/src/pages/desk/figures/report.css.ts) for the
 * report page, whose content security policy allows no inline style.
 */
import { esc } from '../html-escape.ts';
import type { MonthlyReport, ReportSection } from './report.ts';

const fangsong = '"仿宋_GB2312", "仿宋", FangSong, STFangsong, "Noto Serif CJK SC", serif';
const songti =
  '"方正小标宋简体", "方正小标宋_GBK", "小标宋", "宋体", SimSun, "Songti SC", "Noto Serif CJK SC", serif';
const heiti = '"黑体", SimHei, "Heiti SC", "Noto Sans CJK SC", sans-serif';
const kaiti = '"楷体_GB2312", "楷体", KaiTi, STKaiti, "Noto Serif CJK SC", serif';

export const reportStyleSheet = `@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
.report { box-sizing: content-box; font-family: ${fangsong}; font-size: 16pt; line-height: 28pt; color: #000; background: #fff; max-width: 156mm; margin: 0 auto; }
.report__title { font-family: ${songti}; font-size: 22pt; line-height: 1.4; font-weight: normal; text-align: center; margin: 0 0 8pt; }
.report .report__note { font-family: ${kaiti}; font-size: 14pt; line-height: 22pt; text-align: center; text-indent: 0; margin: 0 0 20pt; }
.report h2 { font-family: ${heiti}; font-size: 16pt; line-height: 28pt; font-weight: normal; text-indent: 2em; margin: 0; }
.report h3 { font-family: ${kaiti}; font-size: 16pt; line-height: 28pt; font-weight: normal; text-indent: 2em; margin: 0; }
.report p, .report li { text-indent: 2em; text-align: justify; margin: 0; }
.report ol { list-style: none; padding: 0; margin: 0; }
.report__placeholder { color: #555; }
.report__prompts { border: 1px dashed #777; color: #333; font-size: 14pt; line-height: 22pt; padding: 4pt 10pt; margin: 4pt 0 8pt; }
.report__prompts p, .report__prompts li { text-indent: 0; }
.report__prompts ul { margin: 0; padding-left: 1.5em; }
@media screen { .report { padding: 24mm 20mm; box-shadow: 0 0 0 1px #ccc, 0 2px 8px rgb(0 0 0 / 0.15); } }
@media print { .report { max-width: none; padding: 0; box-shadow: none; } .report__prompts { break-inside: avoid; } }
body.report-page { margin: 0; padding: 16px; background: #eee; }
@media print { body.report-page { padding: 0; background: #fff; } }
`;

function section(part: ReportSection, index: number): string {
  const id = `report-section-${index + 1}`;
  const html: string[] = [`<section class="report__section" aria-labelledby="${id}">`];
  html.push(`<h2 id="${id}">${esc(part.heading)}</h2>`);
  for (const paragraph of part.paragraphs) html.push(`<p>${esc(paragraph)}</p>`);
  if (part.prompts.length > 0) {
    html.push('<div class="report__prompts"><p>撰稿提示（定稿前删除）：</p><ul>');
    for (const prompt of part.prompts) html.push(`<li>${esc(prompt)}</li>`);
    html.push('</ul></div>');
  }
  for (const list of part.lists) {
    html.push(`<h3>${esc(list.heading)}</h3>`);
    if (list.items.length === 0) html.push(`<p>${esc(list.none)}</p>`);
    else html.push(`<ol>${list.items.map((item) => `<li>${esc(item)}</li>`).join('')}</ol>`);
  }
  if (part.placeholder) html.push(`<p class="report__placeholder">${esc(part.placeholder)}</p>`);
  html.push('</section>');
  return html.join('');
}

/** The report as an `<article class="report">`: what the desk page shows. */
export function reportArticle(report: MonthlyReport): string {
  return [
    '<article class="report" id="report">',
    `<h1 class="report__title">${esc(report.title)}</h1>`,
    `<p class="report__note">${esc(report.note)}</p>`,
    ...report.sections.map(section),
    '</article>',
  ].join('');
}

/** The report as a whole page, its stylesheet inside: what GET /api/reports/monthly?format=html gives. */
export function reportDocument(report: MonthlyReport): string {
  return [
    '<!doctype html>',
    '<html lang="zh-CN"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(report.title)}</title>`,
    `<style>${reportStyleSheet}</style>`,
    '</head><body class="report-page">',
    reportArticle(report),
    '</body></html>',
  ].join('\n');
}

/**
 * The report draft page: GET /api/reports/monthly (format=html) with the desk's token, its
 * `<article class="report">` taken into this page (styled by /desk/figures/report.css, the
 * stylesheet the API's page carries inline); 打印 prints it on A4, the Word button fetches
 * format=docx and saves it under the server's file name.
 */
import { byId, say } from '../common/ui.ts';
import { problemText } from '../desk/api.ts';
import { fetchFile } from '../desk/download.ts';
import { deskStatus, startDesk } from '../desk/shell.ts';
import { downloadReportDocx, figuresFilter } from './desk-filter.ts';

await startDesk();
const status = deskStatus();
const { period, scope } = figuresFilter();
const query = new URLSearchParams({ period, ...(scope ? { scope } : {}) });
byId<HTMLAnchorElement>('report-back').href = `/desk/figures/?${query.toString()}`;

say(status, '正在生成月度工作汇报草稿……');
const page = await fetchFile(`/api/reports/monthly?${query.toString()}`, 'report.html');
if (!page.ok) {
  say(status, problemText(page.problem), 'error');
} else {
  // The API's own page, parsed inert (no script runs); only its article is kept. Its <style> is
  // taken out first: this page's policy allows no inline style, and /desk/figures/report.css is the
  // same stylesheet as a file.
  const html = new TextDecoder().decode(page.bytes).replace(/<style>[\s\S]*?<\/style>/, '');
  const draft = new DOMParser().parseFromString(html, 'text/html');
  const article = draft.querySelector('article.report');
  if (article) byId('report-draft').replaceChildren(document.importNode(article, true));
  document.title = `${draft.title} - 窗口工作台`;
  say(status, '已生成草稿：核对后打印，或下载 Word 文档修改定稿。', 'success');
  const print = byId<HTMLButtonElement>('report-print');
  print.disabled = false;
  print.addEventListener('click', () => window.print());
  const docx = byId<HTMLButtonElement>('report-docx');
  docx.disabled = false;
  docx.addEventListener('click', () => void downloadReportDocx(query, status));
}

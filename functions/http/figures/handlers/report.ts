/**
 * GET /api/reports/monthly — the monthly work report draft (月度工作汇报) of the centre or a
 * department: read (report-sources.ts), written (domain/figures/report.ts), and given as a printable
 * A4 page (`format=html`, the default) or a Word document (`format=docx`; report-docx.ts, imported
 * on the first docx request: the bundle carries the docx package, but only a docx request runs it).
 */

import { type Period, parsePeriod } from '../../../domain/figures/periods.ts';
import { monthlyReport } from '../../../domain/figures/report.ts';
import { reportDocument } from '../../../domain/figures/report-html.ts';
import { formatScope } from '../../../domain/figures/scopes.ts';
import { actorOf } from '../../staff.ts';
import { httpHandler } from '../http-handler.ts';
import { monthlyReportInput } from '../report-sources.ts';
import { docxMediaType } from '../schemas.ts';
import { readableScopeOf } from '../support.ts';

function disposition(kind: 'inline' | 'attachment', name: string, chineseName: string): string {
  return `${kind}; filename="${name}"; filename*=UTF-8''${encodeURIComponent(chineseName)}`;
}

export const handler = httpHandler(async (request) => {
  const actor = actorOf(request.principal);
  const query = request.query as { scope?: string; period: string; format?: 'html' | 'docx' };
  const { scope, readable } = readableScopeOf(actor, query.scope);
  const month = parsePeriod(query.period) as Period;
  const now = new Date();
  const input = await monthlyReportInput(
    { readable, ...(scope.kind === 'department' ? { department: scope.code } : {}) },
    month,
    now,
  );
  const report = monthlyReport(input);
  const base = `report-${formatScope(scope).replace(':', '-')}-${month.key}`;
  if (query.format === 'docx') {
    const { reportDocx } = await import('../report-docx.ts');
    return {
      status: 200,
      headers: {
        'content-type': docxMediaType,
        'content-disposition': disposition('attachment', `${base}.docx`, `${report.title}（草稿）.docx`),
      },
      body: await reportDocx(report),
    };
  }
  return {
    status: 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-disposition': disposition('inline', `${base}.html`, `${report.title}（草稿）.html`),
    },
    body: reportDocument(report),
  };
});

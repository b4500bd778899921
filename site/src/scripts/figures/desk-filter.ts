/**
 * What the figures page and the report draft page share: the filters in the URL (`period`,
 * default this month in Beijing time; `scope`, default the caller's own) and the Word download of
 * the report draft.
 */
import { beijingToday, say } from '../common/ui.ts';
import { problemText } from '../desk/api.ts';
import { fetchFile, saveFile } from '../desk/download.ts';

export function figuresFilter() {
  const params = new URLSearchParams(location.search);
  const today = beijingToday();
  return {
    params,
    beijingToday: today,
    period: params.get('period')?.trim() || today.slice(0, 7),
    scope: params.get('scope')?.trim() ?? '',
  };
}

/** The report draft of `query` (period and scope) as a Word document, saved under the server's name. */
export async function downloadReportDocx(query: URLSearchParams, status: HTMLElement): Promise<void> {
  say(status, '正在生成月度工作汇报（Word）……');
  const file = await fetchFile(`/api/reports/monthly?${query.toString()}&format=docx`, 'report.docx');
  if (!file.ok) return say(status, problemText(file.problem), 'error');
  saveFile([file.bytes], file.fileName, file.type);
  say(status, `已生成 ${file.fileName}。`, 'success');
}

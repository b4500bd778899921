/** The printable notices: correction notice, acceptance receipt (with QR code), refusal notice. */

import { qrSvg } from '../common/qr.ts';
import { byId, formatLongDate, h, say } from '../common/ui.ts';
import { api, problemText } from '../desk/api.ts';
import { deskStatus, startDesk } from '../desk/shell.ts';
import type { CaseView } from './case-types.ts';

await startDesk();
const status = deskStatus();
const params = new URLSearchParams(location.search);
const kind = params.get('kind') ?? '';
const caseNo = params.get('no') ?? '';
const article = byId('notice');
const centreName = article.dataset.centre ?? '';

byId<HTMLAnchorElement>('notice-back').href = `/desk/case/?no=${encodeURIComponent(caseNo)}`;
byId('notice-print').addEventListener('click', () => window.print());

function applicantLine(view: CaseView): string {
  return view.applicant.organisation ? view.applicant.organisation.name : view.applicant.name;
}

function correction(view: CaseView): Node[] {
  const notice = view.correctionNotices.at(-1);
  if (!notice) throw new Error('此办件尚未出具一次性告知书。');
  return [
    h('p', { text: `${applicantLine(view)}：` }),
    h('p', {
      text: `你（单位）于 ${formatLongDate(view.receivedAt)} 申请办理“${view.item.name}”，经审查，申请材料不齐全或者不符合法定形式。根据《中华人民共和国行政许可法》第三十二条的规定，现一次性告知你（单位）需要补正的全部内容如下：`,
    }),
    h(
      'ol',
      { id: 'notice-items' },
      ...notice.items.map((item) =>
        h(
          'li',
          {},
          h('strong', { text: item.name }),
          `：${item.problem === 'missing' ? '缺少，请补交' : '不符合要求，请按要求重新提交'}`,
          item.note ? `（${item.note}）` : '',
        ),
      ),
    ),
    h('p', { text: '请按上述要求补正全部材料后，持本告知书到原窗口提交。补齐材料后我们将依法受理。' }),
    h('p', { text: `受理编号：${view.caseNo}` }),
    h('p', { class: 'notice__date', text: `告知日期：${formatLongDate(notice.issuedAt)}` }),
  ];
}

function receipt(view: CaseView): Node[] {
  if (!view.acceptedAt) throw new Error('此办件尚未受理，不能出具受理通知书。');
  const code = sessionStorage.getItem(`yc-desk:query-code:${view.caseNo}`);
  const progressUrl = new URL(`/progress/?no=${encodeURIComponent(view.caseNo)}`, location.origin).toString();
  const statutory = view.clocks.find((clock) => clock.name === 'statutory');
  const promised = view.clocks.find((clock) => clock.name === 'promised');
  const due = promised?.dueAt ?? view.dueAt;
  return [
    h('p', { text: `${applicantLine(view)}：` }),
    h('p', {
      text: `你（单位）于 ${formatLongDate(view.receivedAt)} 提出的“${view.item.name}”申请，申请材料齐全、符合法定形式，根据《中华人民共和国行政许可法》第三十二条的规定，决定予以受理。`,
    }),
    h(
      'dl',
      { class: 'summary-list' },
      h('dt', { text: '受理编号' }),
      h('dd', { class: 'notice__code', id: 'receipt-case-no', text: view.caseNo }),
      h('dt', { text: '查询码' }),
      code
        ? h('dd', { class: 'notice__code', id: 'receipt-query-code', text: code })
        : h('dd', { id: 'receipt-query-code', text: '（查询码只在收件时显示一次，本标签页中已无记录。）' }),
      h('dt', { text: '受理日期' }),
      h('dd', { text: formatLongDate(view.acceptedAt) }),
      h('dt', { text: '承诺办结日期' }),
      h(
        'dd',
        { id: 'receipt-due' },
        formatLongDate(due),
        promised?.provisional || statutory?.provisional ? '（暂定，以节假日安排公布后为准）' : '',
      ),
      ...(statutory && statutory.dueAt !== due
        ? [h('dt', { text: '法定办结日期' }), h('dd', { text: formatLongDate(statutory.dueAt) })]
        : []),
    ),
    h(
      'div',
      { class: 'notice__qr' },
      qrSvg(progressUrl, `办件进度查询二维码：${progressUrl}`),
      h(
        'p',
        {},
        '扫码或访问 ',
        h('span', { text: progressUrl }),
        '，输入受理编号和查询码即可查询办理进度。请妥善保管查询码。',
      ),
    ),
    h('p', {
      text: '办理期间需要听证、检验、检测、鉴定、专家评审等特别程序的，所需时间不计入办理期限，届时将书面告知。',
    }),
  ];
}

function refusal(view: CaseView): Node[] {
  const decision = view.notAccepted;
  if (!decision) throw new Error('此办件没有不予受理决定。');
  return [
    h('p', { text: `${applicantLine(view)}：` }),
    h('p', {
      text: `你（单位）于 ${formatLongDate(view.receivedAt)} 提出的“${view.item.name}”申请，经审查，决定不予受理。`,
    }),
    h('h2', { text: '理由' }),
    h('p', { id: 'refusal-reason', text: decision.reason }),
    ...(decision.referTo ? [h('p', { text: `请向${decision.referTo}提出申请。` })] : []),
    h('h2', { text: '救济途径' }),
    h('p', { id: 'refusal-remedies', text: decision.remedies }),
    h('p', { text: `受理编号：${view.caseNo}` }),
    h('p', { class: 'notice__date', text: `日期：${formatLongDate(decision.at)}` }),
  ];
}

const kinds: Record<string, { title: string; render(view: CaseView): Node[] }> = {
  correction: { title: '一次性告知书', render: correction },
  receipt: { title: '受理通知书', render: receipt },
  refusal: { title: '不予受理通知书', render: refusal },
};

const chosen = kinds[kind];
if (!chosen || !caseNo) {
  say(status, '文书类型或受理编号不正确。', 'error');
} else {
  const reply = await api<CaseView>('GET', `/api/cases/${encodeURIComponent(caseNo)}`);
  if (!reply.ok) say(status, problemText(reply.problem), 'error');
  else {
    try {
      byId('notice-body').replaceChildren(...chosen.render(reply.body));
      byId('notice-title').textContent = chosen.title;
      byId('notice-no').textContent = `编号：${reply.body.caseNo}`;
      byId('notice-sign').textContent = `${centreName}（${reply.body.department} 窗口 ${reply.body.window}）`;
      document.title = `${chosen.title} ${reply.body.caseNo} - 窗口工作台`;
      article.hidden = false;
    } catch (error) {
      say(status, (error as Error).message, 'error');
    }
  }
}

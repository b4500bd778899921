/**
 * The printable notices of a whole 一件事: one receipt (受理通知书, with the QR code to the progress
 * page) and one correction notice (一次性告知书) listing each missing line of the merged list once —
 * a material shared by several items is asked for once.
 */
import { qrSvg } from '../common/qr.ts';
import { byId, formatLongDate, h, say } from '../common/ui.ts';
import { api, problemText } from '../desk/api.ts';
import { deskStatus, startDesk } from '../desk/shell.ts';
import type { BundleView } from './bundle-types.ts';

await startDesk();
const status = deskStatus();
const params = new URLSearchParams(location.search);
const kind = params.get('kind') ?? '';
const bundleNo = params.get('no') ?? '';
const article = byId('notice');

byId<HTMLAnchorElement>('notice-back').href = `/desk/bundles/?no=${encodeURIComponent(bundleNo)}`;
byId('notice-print').addEventListener('click', () => window.print());

function applicantLine(view: BundleView): string {
  return view.applicant.organisation ? view.applicant.organisation.name : view.applicant.name;
}

function receipt(view: BundleView): Node[] {
  const code = sessionStorage.getItem(`yc-desk:query-code:${view.bundleNo}`);
  const progressUrl = new URL(
    `/progress/?no=${encodeURIComponent(view.bundleNo)}`,
    location.origin,
  ).toString();
  return [
    h('p', { text: `${applicantLine(view)}：` }),
    h('p', {
      text: `你（单位）于 ${formatLongDate(view.receivedAt)} 在综合窗口申请办理“${view.bundle.name}”，已一次收取。各事项由承办部门分别办理，办理时限自各事项受理之日起分别计算：`,
    }),
    h(
      'ol',
      { id: 'notice-parts' },
      ...view.parts.map((part) =>
        h('li', {}, h('strong', { text: part.itemName }), `（${part.department}，办件编号 ${part.caseNo}）`),
      ),
    ),
    h(
      'dl',
      { class: 'summary-list' },
      h('dt', { text: '一件事受理编号' }),
      h('dd', { class: 'notice__code', id: 'receipt-bundle-no', text: view.bundleNo }),
      h('dt', { text: '查询码' }),
      code
        ? h('dd', { class: 'notice__code', id: 'receipt-query-code', text: code })
        : h('dd', { id: 'receipt-query-code', text: '（查询码只在收件时显示一次，本标签页中已无记录。）' }),
      h('dt', { text: '收件日期' }),
      h('dd', { text: formatLongDate(view.receivedAt) }),
    ),
    h(
      'div',
      { class: 'notice__qr' },
      qrSvg(progressUrl, `一件事办理进度查询二维码：${progressUrl}`),
      h(
        'p',
        {},
        '扫码或访问 ',
        h('span', { text: progressUrl }),
        '，输入一件事受理编号和查询码即可查询各事项的办理进度。请妥善保管查询码。',
      ),
    ),
  ];
}

function correction(view: BundleView): Node[] {
  const outstanding = view.materials.filter((line) => line.state === 'missing' || line.state === 'defective');
  if (outstanding.length === 0) throw new Error('合并材料清单中没有缺少或不符合要求的材料，无需告知补正。');
  return [
    h('p', { text: `${applicantLine(view)}：` }),
    h('p', {
      text: `你（单位）于 ${formatLongDate(view.receivedAt)} 申请办理“${view.bundle.name}”，经核对，申请材料不齐全或者不符合法定形式。根据《中华人民共和国行政许可法》第三十二条的规定，现一次性告知需要补正的全部内容如下（多个事项共用的材料只需提交一份）：`,
    }),
    h(
      'ol',
      { id: 'notice-items' },
      ...outstanding.map((line) =>
        h(
          'li',
          {},
          h('strong', { text: line.name }),
          `：${line.state === 'missing' ? '缺少，请补交' : '不符合要求，请按要求重新提交'}`,
          line.note ? `（${line.note}）` : '',
        ),
      ),
    ),
    h('p', { text: '请按上述要求补正全部材料后，持本告知书到综合窗口提交。' }),
    h('p', { text: `一件事受理编号：${view.bundleNo}` }),
  ];
}

const kinds: Record<string, { title: string; render(view: BundleView): Node[] }> = {
  receipt: { title: '一件事受理通知书', render: receipt },
  correction: { title: '一件事一次性告知书', render: correction },
};

const chosen = kinds[kind];
if (!chosen || !bundleNo) say(status, '文书类型或一件事受理编号不正确。', 'error');
else {
  const reply = await api<BundleView>('GET', `/api/bundle-records/${encodeURIComponent(bundleNo)}`);
  if (!reply.ok) say(status, problemText(reply.problem), 'error');
  else {
    try {
      byId('notice-body').replaceChildren(...chosen.render(reply.body));
      byId('notice-title').textContent = chosen.title;
      byId('notice-no').textContent = `编号：${reply.body.bundleNo}`;
      byId('notice-sign').textContent =
        `${article.dataset.centre ?? ''}（综合窗口 ${reply.body.intakeWindow}）`;
      document.title = `${chosen.title} ${reply.body.bundleNo} - 窗口工作台`;
      article.hidden = false;
    } catch (error) {
      say(status, (error as Error).message, 'error');
    }
  }
}

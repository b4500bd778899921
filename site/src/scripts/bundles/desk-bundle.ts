/**
 * The 一件事 desk page: without ?no=, the bundles the general window took in; with it, one bundle
 * — the derived status, each part's case, the merged list as taken in, the two notices, and, once
 * every part is delivered, the one rating link of the whole for the general window to hand over.
 */
import { qrSvg } from '../common/qr.ts';
import { byId, formatDate, formatDateTime, h, light, say } from '../common/ui.ts';
import { api, problemText } from '../desk/api.ts';
import { deskStatus, startDesk } from '../desk/shell.ts';
import type { BundleView } from './bundle-types.ts';

const stateLabels: Record<string, string> = {
  submitted: '已提交',
  missing: '缺少',
  defective: '不符合要求',
  notApplicable: '不适用',
};

await startDesk();
const status = deskStatus();
const params = new URLSearchParams(location.search);
const bundleNo = params.get('no') ?? '';

function render(view: BundleView): void {
  byId('bundle-title').textContent = `${view.bundle.name} ${view.bundleNo}`;
  document.title = `一件事 ${view.bundleNo} - 窗口工作台`;
  byId('bundle-summary').replaceChildren(
    h('dt', { text: '一件事受理编号' }),
    h('dd', { id: 'bundle-no', text: view.bundleNo }),
    h('dt', { text: '状态' }),
    h('dd', {}, h('strong', { id: 'bundle-status', text: view.statusLabel })),
    h('dt', { text: '申请人' }),
    h('dd', { text: view.applicant.organisation?.name ?? view.applicant.name }),
    h('dt', { text: '收件窗口' }),
    h('dd', { text: `${view.intakeWindow}（${view.takenInBy}）` }),
    h('dt', { text: '收件时间' }),
    h('dd', { text: formatDateTime(view.receivedAt) }),
  );
  byId('bundle-parts').replaceChildren(
    ...view.parts.map((part) =>
      h(
        'tr',
        {},
        h(
          'th',
          { scope: 'row' },
          h('a', { href: `/desk/case/?no=${encodeURIComponent(part.caseNo)}`, text: part.caseNo }),
        ),
        h('td', { text: `${part.step + 1}. ${part.stepName}` }),
        h('td', { text: part.itemName }),
        h('td', { text: `${part.department}（${part.window}）` }),
        h('td', { text: part.outcome === 'failed' ? `${part.statusLabel}（未办成）` : part.statusLabel }),
        h('td', {}, light(part.warningLevel), ` ${formatDate(part.dueAt)}`),
      ),
    ),
  );
  byId('bundle-materials').replaceChildren(
    ...view.materials.map((line) =>
      h(
        'li',
        {},
        h('strong', { text: line.name }),
        `：${stateLabels[line.state] ?? line.state}`,
        line.note ? `（${line.note}）` : '',
        line.parts.length > 1 ? `　${line.parts.length} 个事项共用` : '',
      ),
    ),
  );
  const outstanding = view.materials.some((line) => line.state === 'missing' || line.state === 'defective');
  const notice = (kind: string, label: string) =>
    h(
      'li',
      {},
      h('a', {
        href: `/desk/bundles/notice/?kind=${kind}&no=${encodeURIComponent(view.bundleNo)}`,
        text: label,
      }),
    );
  byId('bundle-notices').replaceChildren(
    notice('receipt', '一件事收件受理通知书（含查询码和进度二维码）'),
    ...(outstanding ? [notice('correction', '一件事一次性告知书（合并清单中缺少或不符合要求的材料）')] : []),
  );
  byId('bundle-view').hidden = false;
}

/** Shown to the general window's clerks (others get 403 and see nothing) once the bundle is done. */
async function showRatingLink(view: BundleView): Promise<void> {
  if (view.status !== 'done') return;
  const link = await api<{ path: string }>(
    'GET',
    `/api/bundle-records/${encodeURIComponent(view.bundleNo)}/rating-link`,
  );
  if (!link.ok) return;
  const url = `${location.origin}${link.body.path}`;
  byId('bundle-rating-qr').replaceChildren(
    qrSvg(url, `一件事评价二维码：${url}`),
    h(
      'p',
      {},
      '各事项已全部办结出件。欢迎对这件事整体评价一次（自愿、匿名）。扫码或访问：',
      h('span', { class: 'receipt__link', id: 'bundle-rating-link', text: url }),
    ),
  );
  byId('bundle-rating-print').addEventListener('click', () => window.print());
  byId('bundle-rating').hidden = false;
}

interface ListEntry {
  bundleNo: string;
  bundle: { name: string };
  applicantName: string;
  receivedAt: string;
  parts: number;
}

async function showList(): Promise<void> {
  const reply = await api<{ items: ListEntry[] }>('GET', '/api/bundle-records?limit=50');
  if (!reply.ok) {
    say(status, problemText(reply.problem), 'error');
    return;
  }
  byId('bundle-title').textContent = '综合窗口收件的一件事';
  byId('bundle-list-body').replaceChildren(
    ...reply.body.items.map((entry) =>
      h(
        'tr',
        {},
        h(
          'th',
          { scope: 'row' },
          h('a', { href: `/desk/bundles/?no=${encodeURIComponent(entry.bundleNo)}`, text: entry.bundleNo }),
        ),
        h('td', { text: entry.bundle.name }),
        h('td', { text: entry.applicantName }),
        h('td', { class: 'num', text: String(entry.parts) }),
        h('td', { text: formatDateTime(entry.receivedAt) }),
      ),
    ),
  );
  byId('bundle-list-empty').hidden = reply.body.items.length > 0;
  byId('bundle-list').hidden = false;
}

if (!bundleNo) await showList();
else {
  const reply = await api<BundleView>('GET', `/api/bundle-records/${encodeURIComponent(bundleNo)}`);
  if (!reply.ok) say(status, reply.status === 404 ? '未找到该一件事。' : problemText(reply.problem), 'error');
  else {
    render(reply.body);
    await showRatingLink(reply.body);
    if (params.get('new') === '1') {
      say(
        status,
        `已收件，一件事受理编号 ${bundleNo}，共 ${reply.body.parts.length} 个办件已分送各部门。查询码已暂存在本标签页，请打印受理通知书交申请人。`,
        'success',
      );
    }
  }
}

/**
 * The delivery receipt: the delivered case and its rating link with the QR code — except for a part
 * of a 一件事, which is rated once with its bundle (the general window gives that link).
 */

import { qrSvg } from '../common/qr.ts';
import { byId, formatLongDate, h, say } from '../common/ui.ts';
import { api, problemText } from '../desk/api.ts';
import { deskStatus, startDesk } from '../desk/shell.ts';
import type { CaseView } from './case-types.ts';

interface RatingLink {
  caseNo: string;
  token: string;
  path: string;
  url: string;
}

const deliveryMethods: Record<string, string> = {
  window: '窗口领取',
  post: '邮寄送达',
  electronic: '电子证照',
};

await startDesk();
const status = deskStatus();
const caseNo = new URLSearchParams(location.search).get('caseNo') ?? '';
const article = byId('receipt');
byId<HTMLAnchorElement>('receipt-back').href = `/desk/case/?no=${encodeURIComponent(caseNo)}`;
byId('receipt-print').addEventListener('click', () => window.print());

async function show(): Promise<void> {
  if (!caseNo) {
    say(status, '缺少受理编号。', 'error');
    return;
  }
  const view = await api<CaseView>('GET', `/api/cases/${encodeURIComponent(caseNo)}`);
  if (!view.ok) {
    say(status, problemText(view.problem), 'error');
    return;
  }
  if (!view.body.delivery) {
    say(status, '办件尚未出件，没有出件回执。', 'error');
    return;
  }
  const bundleNo = view.body.bundleNo;
  const link = bundleNo
    ? undefined
    : await api<RatingLink>('GET', `/api/cases/${encodeURIComponent(caseNo)}/rating-link`);
  if (link && !link.ok) {
    say(status, problemText(link.problem), 'error');
    return;
  }
  byId('receipt-no').textContent = `受理编号：${view.body.caseNo}`;
  byId('receipt-summary').replaceChildren(
    h('dt', { text: '事项' }),
    h('dd', { text: view.body.item.name }),
    h('dt', { text: '出件日期' }),
    h('dd', { text: formatLongDate(view.body.delivery?.at) }),
    h('dt', { text: '出件方式' }),
    h('dd', { text: deliveryMethods[view.body.delivery?.method ?? ''] ?? view.body.delivery?.method ?? '—' }),
  );
  if (link?.ok) {
    const url = `${location.origin}${link.body.path}`;
    byId('receipt-qr').replaceChildren(
      qrSvg(url, `办事评价二维码：${url}`),
      h(
        'p',
        {},
        '欢迎对本次办事进行评价（自愿、匿名，每次办事评价一次）。扫码或访问：',
        h('span', { class: 'receipt__link', id: 'receipt-link', text: url }),
      ),
    );
  } else {
    byId('receipt-qr').replaceChildren(
      h('p', {
        id: 'receipt-bundle',
        text: `本件属于“一件事”${bundleNo}。各事项全部办结出件后，由综合窗口提供评价二维码，对整件事评价一次。`,
      }),
    );
  }
  byId('receipt-sign').textContent =
    `${article.dataset.centre ?? ''}　${formatLongDate(view.body.delivery?.at)}`;
  article.hidden = false;
}

await show();

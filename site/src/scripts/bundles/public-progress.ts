/** The public progress of a 一件事: its derived status and each part's item, department, status and deadline. */
import type { BundlePublicProgress } from '../../../../functions/domain/bundles/views.ts';
import { byId, formatDate, formatDateTime, h } from '../common/ui.ts';

export function renderBundleProgress(progress: BundlePublicProgress): void {
  byId('progress-bundle-summary').replaceChildren(
    h('dt', { text: '一件事受理编号' }),
    h('dd', { text: progress.bundleNo }),
    h('dt', { text: '一件事' }),
    h('dd', { text: progress.bundle.name }),
    h('dt', { text: '当前状态' }),
    h('dd', {}, h('strong', { id: 'progress-bundle-state', text: progress.statusLabel })),
    h('dt', { text: '收件时间' }),
    h('dd', { text: formatDateTime(progress.receivedAt) }),
  );
  byId('progress-bundle-parts').replaceChildren(
    ...progress.parts.map((part) =>
      h(
        'tr',
        {},
        h('td', { text: `${part.step + 1}. ${part.stepName}` }),
        h('th', { scope: 'row', text: part.item.name }),
        h('td', { text: part.department }),
        h('td', { text: part.outcome === 'failed' ? `${part.statusLabel}（未办成）` : part.statusLabel }),
        h('td', { text: part.dueAt ? formatDate(part.dueAt) : '—' }),
      ),
    ),
  );
  byId('progress-bundle').hidden = false;
  byId('progress-bundle-heading').focus();
}

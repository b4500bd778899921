/**
 * The printable notices: correction notice, acceptance receipt (with QR code), refusal notice, and
 * the acceptance paths' own: 容缺受理通知书 (each owed material, its form, the deadline and the
 * consequence), 终止办理通知书 (owed materials late) and 撤销决定书 (a false commitment).
 */

import { qrSvg } from '../common/qr.ts';
import { byId, formatLongDate, h, say } from '../common/ui.ts';
import { api, problemText } from '../desk/api.ts';
import { deskStatus, startDesk } from '../desk/shell.ts';
import { type CaseView, mediumLabels, onLateLabels } from './case-types.ts';

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
      text: view.owed
        ? `你（单位）于 ${formatLongDate(view.receivedAt)} 提出的“${view.item.name}”申请，主要申请材料齐全、符合法定形式，决定予以容缺受理；容缺材料及补齐期限见容缺受理通知书。`
        : `你（单位）于 ${formatLongDate(view.receivedAt)} 提出的“${view.item.name}”申请，申请材料齐全、符合法定形式，根据《中华人民共和国行政许可法》第三十二条的规定，决定予以受理。`,
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

function deferred(view: CaseView): Node[] {
  const owed = view.owed;
  const commitment = view.commitments?.deferredAcceptance;
  if (!owed || !view.acceptedAt || !commitment)
    throw new Error('此办件不是容缺受理，不能出具容缺受理通知书。');
  const materials = view.materials.filter(
    (material) => owed.materials.includes(material.id) || (owed.suppliedAt && material.mayBeOwed),
  );
  return [
    h('p', { text: `${applicantLine(view)}：` }),
    h('p', {
      text: `你（单位）于 ${formatLongDate(view.receivedAt)} 提出的“${view.item.name}”申请，主要申请材料齐全、符合法定形式，你（单位）已签署容缺受理承诺书，决定予以容缺受理。请在下列期限内补齐以下材料：`,
    }),
    h(
      'table',
      { id: 'owed-materials' },
      h('caption', { text: '容缺后补的材料' }),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col', text: '材料' }),
          h('th', { scope: 'col', text: '形式' }),
          h('th', { scope: 'col', text: '补齐期限' }),
        ),
      ),
      h(
        'tbody',
        {},
        ...materials.map((material) =>
          h(
            'tr',
            {},
            h('td', { text: material.name }),
            h('td', { text: material.medium ? mediumLabels[material.medium] : '按办事指南要求' }),
            h('td', { text: `${formatLongDate(owed.dueAt)}（受理之日起 ${owed.workdays} 个工作日内）` }),
          ),
        ),
      ),
    ),
    h('h2', { text: '逾期后果' }),
    h('p', { id: 'owed-consequence', text: onLateLabels[owed.onLate] ?? owed.onLate }),
    h('p', { text: '容缺材料补齐前，审查照常进行，但不作出准予许可决定、不出件。' }),
    h('h2', { text: '申请人承诺' }),
    h('p', { text: commitment.text }),
    h('p', { text: `承诺人：${commitment.signedBy}（已签署，${formatLongDate(commitment.signedAt)}）` }),
    h('p', { text: `受理编号：${view.caseNo}` }),
    h('p', { class: 'notice__date', text: `日期：${formatLongDate(owed.since)}` }),
  ];
}

function termination(view: CaseView): Node[] {
  const ended = view.terminated;
  if (!ended) throw new Error('此办件没有终止办理。');
  return [
    h('p', { text: `${applicantLine(view)}：` }),
    h('p', {
      text: `你（单位）于 ${formatLongDate(view.receivedAt)} 提出的“${view.item.name}”申请已容缺受理，但未在承诺期限内补齐容缺材料。根据你（单位）签署的容缺受理承诺书和事项的容缺受理规则，决定终止办理。`,
    }),
    h('h2', { text: '理由' }),
    h('p', { id: 'termination-reason', text: ended.reason }),
    h('p', { text: '你（单位）可在备齐全部材料后重新提出申请。' }),
    h('p', { text: `受理编号：${view.caseNo}` }),
    h('p', { class: 'notice__date', text: `日期：${formatLongDate(ended.at)}` }),
  ];
}

function revocation(view: CaseView): Node[] {
  const revoked = view.revocation;
  if (!revoked) throw new Error('此办件没有撤销决定。');
  return [
    h('p', { text: `${applicantLine(view)}：` }),
    h('p', {
      text: `你（单位）以告知承诺方式申请办理的“${view.item.name}”已于 ${formatLongDate(view.decision?.at ?? revoked.at)} 作出准予决定。经事后核查，你（单位）的承诺与实际情况不符。根据你（单位）签署的告知承诺书，决定撤销该决定，收回已发放的证件（批准文书）。`,
    }),
    h('h2', { text: '核查情况' }),
    h('p', { id: 'revocation-reason', text: revoked.reason }),
    h('h2', { text: '承诺不实的后果' }),
    h('p', {
      id: 'revocation-bar',
      text: `自本决定之日起至 ${formatLongDate(`${revoked.barredUntil}T00:00:00+08:00`)}，你（单位）申请办理事项不适用告知承诺制和容缺受理。`,
    }),
    ...(view.commitments?.commitmentDecision?.liability
      ? [h('p', { text: view.commitments.commitmentDecision.liability })]
      : []),
    h('h2', { text: '救济途径' }),
    h('p', { id: 'revocation-remedies', text: revoked.remedies }),
    h('p', { text: `受理编号：${view.caseNo}` }),
    h('p', { class: 'notice__date', text: `日期：${formatLongDate(revoked.at)}` }),
  ];
}

const kinds: Record<string, { title: string; render(view: CaseView): Node[] }> = {
  correction: { title: '一次性告知书', render: correction },
  receipt: { title: '受理通知书', render: receipt },
  refusal: { title: '不予受理通知书', render: refusal },
  deferred: { title: '容缺受理通知书', render: deferred },
  termination: { title: '终止办理通知书', render: termination },
  revocation: { title: '撤销决定书', render: revocation },
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

/**
 * The appraisal page: GET /api/appraisal for the month in the URL — the ranking of windows and
 * clerks, each score's lines folded under it (which case, complaint, rating or card, and the
 * points), the rule — and the 服务之星 / 红旗窗口 proposals. Where the signed-in chief or leader may
 * confirm an award, a form: the eligible nominees ticked as proposed, each star's name as it will
 * be published, and the reason, required when the choice is not the proposal; errors in a summary
 * at the top of the form, linked to each field (POST /api/appraisal/awards).
 */

import {
  type AwardCandidate,
  type AwardProposal,
  type AwardRecord,
  isOverride,
  type Nominee,
  nomineeKey,
} from '../../../../functions/domain/appraisal/awards.ts';
import type { EventRef } from '../../../../functions/domain/appraisal/events.ts';
import type { KindRule } from '../../../../functions/domain/appraisal/rule.ts';
import type { Score } from '../../../../functions/domain/appraisal/score.ts';
import { roleLabels } from '../../../../functions/domain/roles.ts';
import {
  byId,
  clearErrors,
  type FieldError,
  formatDateTime,
  h,
  previousMonth,
  say,
  showErrors,
} from '../common/ui.ts';
import { api, type Problem, problemText } from '../desk/api.ts';
import { deskStatus, startDesk } from '../desk/shell.ts';

type ProposalView = AwardProposal & { mayConfirm: boolean };

interface AppraisalReply {
  period: { key: string; from: string; to: string };
  asOf: string;
  closed: boolean;
  published: boolean;
  rule: {
    base: number;
    deductions: Record<string, KindRule>;
    credits: Record<string, KindRule>;
    caps: { deductions: number | null; credits: number | null };
    labels: Record<string, string>;
  };
  windows: Score[];
  clerks: Score[];
  proposals: ProposalView[];
  awards: AwardRecord[];
}

await startDesk();
const status = deskStatus();
const params = new URLSearchParams(location.search);
const period = params.get('period')?.trim() || previousMonth();
byId<HTMLInputElement>('appraisal-period').value = period;

/** The month's work of a score or candidate: cases decided, and at a general window cases taken in. */
const workText = (work: { decided: number; takenIn: number }) =>
  work.takenIn === 0 ? `办结 ${work.decided} 件` : `办结 ${work.decided} 件、综合窗口收件 ${work.takenIn} 件`;
const points = (value: number) => (value > 0 ? `+${value}` : String(value));

function refPage(ref: EventRef): string {
  const pages: Record<EventRef['kind'], string> = {
    case: `/desk/case/?no=${encodeURIComponent(ref.id)}`,
    complaint: `/desk/complaints/item/?no=${encodeURIComponent(ref.id)}`,
    rating: `/desk/ratings/item/?caseNo=${encodeURIComponent(ref.id)}`,
    card: '/desk/cards/',
  };
  return pages[ref.kind];
}

/** The line's words with its record linked: the number where the words start with it, else a link after them. */
function lineText(line: Score['lines'][number]): (HTMLElement | string)[] {
  const { ref, text } = line;
  if (text.startsWith(ref.id))
    return [h('a', { href: refPage(ref), text: ref.id }), text.slice(ref.id.length)];
  const found = text.indexOf(ref.id);
  if (found >= 0) {
    return [
      text.slice(0, found),
      h('a', { href: refPage(ref), text: ref.id }),
      text.slice(found + ref.id.length),
    ];
  }
  return [text, '（', h('a', { href: refPage(ref), text: ref.kind === 'card' ? '督办单' : ref.id }), '）'];
}

/** The score's lines, folded: what cost or earned how many points, and the caps. */
function explanation(score: Score, label: string): HTMLElement | string {
  if (score.lines.length === 0 && score.notes.length === 0) return '本月无加减分事项';
  return h(
    'details',
    { class: 'score-lines' },
    h('summary', {
      text: `${score.lines.length} 项加减分明细`,
      'aria-label': `${label} 的 ${score.lines.length} 项加减分明细`,
    }),
    h(
      'ol',
      {},
      ...score.lines.map((line) =>
        h(
          'li',
          { class: line.capped ? 'score-line--capped' : undefined },
          `${line.label} ${points(line.points)} 分：`,
          ...lineText(line),
          line.capped ? `（已达本项上限，按规则应为 ${points(line.rulePoints)} 分）` : '',
        ),
      ),
      ...score.notes.map((note) => h('li', { text: note })),
    ),
  );
}

function subjectLabel(score: Score): string {
  const subject = score.subject;
  return subject.kind === 'window'
    ? subject.code
    : `${subject.name ?? subject.username}（${subject.username}）`;
}

function ranking(id: string, caption: string, first: string, scores: Score[]): void {
  const table = byId(id);
  const head = ['名次', first, '部门', '得分', '扣分', '加分', '本月办件', '得分说明'];
  table.replaceChildren(
    h('caption', { text: caption }),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...head.map((text, i) =>
          h('th', { scope: 'col', class: i >= 3 && i <= 6 ? 'num' : undefined, text }),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      ...scores.map((score) => {
        const label = subjectLabel(score);
        return h(
          'tr',
          {},
          h('td', { class: 'num', text: String(score.rank) }),
          h('th', {
            scope: 'row',
            text: score.subject.kind === 'clerk' ? `${label}，${score.subject.window}` : label,
          }),
          h('td', { text: score.subject.department }),
          h('td', { class: 'num', text: String(score.score) }),
          h('td', {
            class: 'num',
            text: score.deductions.applied === 0 ? '0' : `−${score.deductions.applied}`,
          }),
          h('td', { class: 'num', text: score.credits.applied === 0 ? '0' : `+${score.credits.applied}` }),
          h('td', { class: 'num', text: workText(score) }),
          h('td', {}, explanation(score, label)),
        );
      }),
    ),
  );
}

function showRule(reply: AppraisalReply): void {
  const { rule } = reply;
  const cap = (value: number | null) => (value === null ? '不设上限' : `${value} 分`);
  byId('appraisal-rule-summary').textContent =
    `基础分 ${rule.base} 分；扣分合计上限 ${cap(rule.caps.deductions)}，加分合计上限 ${cap(rule.caps.credits)}（functions/config/appraisal.json）。`;
  const rows = [
    ...Object.entries(rule.deductions).map(([kind, entry]) => ['扣分', kind, entry] as const),
    ...Object.entries(rule.credits).map(([kind, entry]) => ['加分', kind, entry] as const),
  ];
  byId('appraisal-rule').replaceChildren(
    h('caption', { text: '每项事件的分值和每月上限（每个窗口或工作人员）' }),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...['项目', '类别', '每件分值', '本项每月上限'].map((text) => h('th', { scope: 'col', text })),
      ),
    ),
    h(
      'tbody',
      {},
      ...rows.map(([kind, key, entry]) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row', text: rule.labels[key] ?? key }),
          h('td', { text: kind }),
          h('td', { text: `${entry.points} 分` }),
          h('td', { text: cap(entry.cap) }),
        ),
      ),
    ),
  );
}

const nomineeText = (nominee: Nominee) =>
  nominee.kind === 'clerk'
    ? `${nominee.name ?? nominee.username}（${nominee.username}，${nominee.window}）`
    : `${nominee.window} 窗口（${nominee.department}）`;
const candidateText = (candidate: AwardCandidate) =>
  `${nomineeText(candidate.nominee)}，${candidate.score} 分，第 ${candidate.rank} 名，${workText(candidate)}`;

function recordView(record: AwardRecord): HTMLElement {
  const chosen = record.chosen.length === 0 ? '空缺' : record.chosen.map(nomineeText).join('、');
  const proposed =
    record.proposed.length === 0 ? '无' : record.proposed.map((c) => nomineeText(c.nominee)).join('、');
  const who = `${record.confirmedBy.name ?? record.confirmedBy.username}（${roleLabels[record.confirmedBy.role]}）`;
  return h(
    'dl',
    { class: 'summary-list' },
    h('dt', { text: '确认结果' }),
    h('dd', { text: chosen }),
    h('dt', { text: '系统提名' }),
    h('dd', { text: proposed }),
    ...(record.overridden ? [h('dt', { text: '改选理由' }), h('dd', { text: record.reason ?? '' })] : []),
    h('dt', { text: '确认人' }),
    h('dd', {
      text: `${who}，${formatDateTime(record.confirmedAt)}${record.overridden ? '，未按提名确认' : '，按提名确认'}`,
    }),
  );
}

/** The confirmation form of one award: eligible nominees, names, reason. */
function confirmForm(proposal: ProposalView): HTMLFormElement {
  const star = proposal.kind === 'serviceStar';
  const prefix = `award-${proposal.award}`;
  const proposed = new Set(proposal.proposed.map((candidate) => nomineeKey(candidate.nominee)));
  const picks = proposal.eligible.map((candidate, index) => {
    const box = h('input', {
      type: 'checkbox',
      id: `${prefix}-pick-${index}`,
      name: 'pick',
      value: nomineeKey(candidate.nominee),
      checked: proposed.has(nomineeKey(candidate.nominee)),
    });
    const name =
      star && candidate.nominee.kind === 'clerk'
        ? h('input', {
            type: 'text',
            id: `${prefix}-name-${index}`,
            maxlength: '20',
            autocomplete: 'off',
            value: candidate.nominee.name ?? '',
          })
        : null;
    const row = h(
      'div',
      { class: 'award__pick field' },
      box,
      h('label', { for: box.id, text: candidateText(candidate) }),
      name ? h('label', { for: name.id, text: '公布姓名' }) : null,
      name,
    );
    return { candidate, box, name, row };
  });
  const reason = h('textarea', { id: `${prefix}-reason`, rows: '2', maxlength: '500' });
  const reasonHint = h('p', {
    class: 'hint',
    id: `${prefix}-reason-hint`,
    text: '未按提名确认（改选、少选或空缺）时必填。',
  });
  reason.setAttribute('aria-describedby', reasonHint.id);
  const form = h(
    'form',
    { id: `${prefix}-form`, novalidate: true },
    h(
      'fieldset',
      {},
      h('legend', {
        text:
          picks.length > 0 ? `选择${proposal.label}（名额 ${proposal.quota} 个）` : '本月没有符合条件的人选',
      }),
      ...picks.map((pick) => pick.row),
    ),
    h('div', { class: 'field' }, h('label', { for: reason.id, text: '理由' }), reasonHint, reason),
    h('button', { type: 'submit', text: `确认${proposal.label}` }),
  );
  /** The input a server error about `field` belongs to. */
  const inputOf = (field: string, chosen: typeof picks): string => {
    if (field === 'body.reason') return reason.id;
    const match = /^body\.chosen\.(\d+)\.?(\w*)$/.exec(field);
    const pick = match ? chosen[Number(match[1])] : undefined;
    if (pick) return match?.[2] === 'name' && pick.name ? pick.name.id : pick.box.id;
    return picks[0]?.box.id ?? reason.id;
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const chosen = picks.filter((pick) => pick.box.checked);
    const errors: FieldError[] = [];
    for (const pick of chosen) {
      if (pick.name && pick.name.value.trim() === '') {
        errors.push({
          id: pick.name.id,
          message: `请填写${nomineeText(pick.candidate.nominee)}公布的姓名。`,
        });
      }
    }
    const overridden = isOverride(
      proposal,
      chosen.map((pick) => nomineeKey(pick.candidate.nominee)),
    );
    if (overridden && reason.value.trim() === '') {
      errors.push({ id: reason.id, message: '未按提名确认时，须填写理由。' });
    }
    if (errors.length > 0) {
      showErrors(form, errors, `未能确认${proposal.label}`);
      return;
    }
    const reply = await api<AwardRecord>('POST', '/api/appraisal/awards', {
      period,
      award: proposal.award,
      proposalKey: proposal.key,
      chosen: chosen.map((pick) =>
        pick.candidate.nominee.kind === 'clerk'
          ? { username: pick.candidate.nominee.username, name: pick.name?.value.trim() ?? '' }
          : { window: pick.candidate.nominee.window },
      ),
      ...(reason.value.trim() ? { reason: reason.value.trim() } : {}),
    });
    if (reply.ok) {
      await load(`已确认${proposal.label}。`);
      return;
    }
    if (reply.status === 400) {
      showErrors(
        form,
        fieldErrors(reply.problem, (field) => inputOf(field, chosen)),
        `未能确认${proposal.label}`,
      );
      return;
    }
    if (reply.status === 409) await load();
    say(status, problemText(reply.problem), 'error');
  });
  return form;
}

function fieldErrors(problem: Problem, inputOf: (field: string) => string): FieldError[] {
  const errors = problem.errors ?? [];
  if (errors.length === 0) return [{ id: inputOf('body'), message: problemText(problem) }];
  return errors.map((error) => ({ id: inputOf(error.field), message: error.message }));
}

function awardView(proposal: ProposalView, record: AwardRecord | undefined, closed: boolean): HTMLElement {
  const heading = `${proposal.label}（名额 ${proposal.quota} 个）`;
  const headingId = `award-${proposal.award}-heading`;
  const proposedText =
    proposal.proposed.length === 0 ? '无符合条件的人选' : proposal.proposed.map(candidateText).join('；');
  return h(
    'section',
    { class: 'award', 'aria-labelledby': headingId },
    h('h3', { id: headingId, text: heading }),
    record
      ? recordView(record)
      : h(
          'div',
          {},
          h('p', { text: `系统提名：${proposedText}` }),
          ...proposal.notes.map((note) => h('p', { class: 'hint', text: note })),
          proposal.ineligible.length > 0
            ? h(
                'details',
                { class: 'score-lines' },
                h('summary', { text: `不符合条件的 ${proposal.ineligible.length} 个` }),
                h(
                  'ul',
                  {},
                  ...proposal.ineligible.map((entry) =>
                    h('li', { text: `${nomineeText(entry.nominee)}：${entry.reasons.join('；')}` }),
                  ),
                ),
              )
            : null,
          proposal.mayConfirm
            ? confirmForm(proposal)
            : h('p', { class: 'hint', text: closed ? '待首席代表或分管领导确认。' : '月末后方可确认。' }),
        ),
  );
}

function show(reply: AppraisalReply): void {
  const state = reply.published
    ? '各奖项已全部确认，考核结果已公布。'
    : reply.closed
      ? '本月已结束，待确认评选结果。'
      : `本月尚未结束，得分暂计至 ${formatDateTime(reply.asOf)}。`;
  byId('appraisal-summary').textContent =
    `${reply.period.key}（${reply.period.from} 至 ${reply.period.to}）：${state}`;
  const records = new Map(reply.awards.map((record) => [record.award, record]));
  const awards = byId('appraisal-awards');
  awards.replaceChildren(
    ...reply.proposals.map((proposal) => awardView(proposal, records.get(proposal.award), reply.closed)),
  );
  byId('appraisal-awards-section').hidden = reply.proposals.length === 0 && reply.awards.length === 0;
  if (reply.proposals.length === 0)
    awards.replaceChildren(
      ...reply.awards.map((record) =>
        h('div', { class: 'award' }, h('h3', { text: record.label }), recordView(record)),
      ),
    );
  ranking('appraisal-windows', `${reply.period.key} 窗口得分（全中心排名）`, '窗口', reply.windows);
  ranking('appraisal-clerks', `${reply.period.key} 工作人员得分（全中心排名）`, '工作人员', reply.clerks);
  showRule(reply);
  byId('appraisal-result').hidden = false;
}

/** Reads the month again; `done` is then said (the outcome of a confirmation). */
async function load(done?: string): Promise<void> {
  say(status, '正在载入考核……');
  const reply = await api<AppraisalReply>(
    'GET',
    `/api/appraisal?${new URLSearchParams({ period }).toString()}`,
  );
  if (!reply.ok) {
    byId('appraisal-result').hidden = true;
    say(status, problemText(reply.problem), 'error');
    return;
  }
  show(reply.body);
  say(status, done ?? `已载入 ${reply.body.period.key} 的考核。`, done ? 'success' : 'info');
}

await load();

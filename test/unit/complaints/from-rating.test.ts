import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../functions/domain/clocks/evaluate.ts';
import {
  badRatingComplaint,
  type ComplaintActor,
  ComplaintError,
  complaintPublicView,
  complaintStaffView,
  complaintSubject,
  decideComplaint,
  replyFormOf,
} from '../../../functions/domain/complaints/index.ts';
import {
  publicRatingView,
  RatingError,
  type RatingInput,
  recordRating,
  rectificationQueueEntry,
  staffRatingView,
} from '../../../functions/domain/ratings/index.ts';
import { clocks, T } from '../cases/fixtures.ts';
import { invitation } from '../ratings/fixtures.ts';

/**
 * A bad rating filed as a complaint at the rater's request (差评转投诉), as pure rules: the rating
 * carries the complaint's number, the complaint carries the rating's case and says where it came
 * from; anonymous, answered online, against whoever handled the case; the same complaint every
 * time it is built from the same rating; the complaint's own clocks from the rating's instant.
 */

const ctx = { clocks };
const complaintNo = 'TS-20261102-0007';
const filing = { complaintNo, centre: 'YC0001' };

function rated(input: RatingInput = { overall: 1, attitude: 1, comment: '态度生硬' }) {
  return recordRating(invitation(), input, T('2026-11-02T11:00:00'), undefined, { complaintNo });
}

function refusalOf(fn: () => unknown): { name: string; code: string; field?: string | undefined } {
  try {
    fn();
  } catch (error) {
    if (error instanceof RatingError || error instanceof ComplaintError)
      return { name: error.name, code: error.code, field: error.field };
    throw error;
  }
  throw new Error('Expected a refusal');
}

describe('the rating of a bad visit filed as a complaint', () => {
  it('carries the complaint number on the rating, in its history and in every view of it', () => {
    const { state, entry } = rated();
    expect(state.complaint).toEqual({ complaintNo, requestedAt: T('2026-11-02T11:00:00') });
    expect(state.rectification?.status).toBe('open');
    expect(entry.label).toBe(`评价：非常不满意（差评，转整改，同时转投诉 ${complaintNo}）`);
    expect(entry.details).toEqual({ overall: 1, complaintNo });
    expect(publicRatingView(state).complaint).toEqual({ complaintNo });
    expect(staffRatingView(state, T('2026-11-02T12:00:00'), clocks).complaint?.complaintNo).toBe(complaintNo);
    expect(rectificationQueueEntry(state, T('2026-11-02T12:00:00'), clocks).complaintNo).toBe(complaintNo);
    const plain = recordRating(invitation(), { overall: 2 }, T('2026-11-02T11:00:00')).state;
    expect(plain.complaint).toBeUndefined();
    expect(publicRatingView(plain)).not.toHaveProperty('complaint');
    expect(rectificationQueueEntry(plain, T('2026-11-02T12:00:00'), clocks).complaintNo).toBeNull();
  });

  it('is refused for a rating that is not bad', () => {
    for (const overall of [3, 4, 5] as const) {
      expect(
        refusalOf(() =>
          recordRating(invitation(), { overall }, T('2026-11-02T11:00:00'), undefined, { complaintNo }),
        ),
      ).toEqual({ name: 'RatingError', code: 'requirement-missing', field: 'body.asComplaint' });
    }
    const good = recordRating(invitation(), { overall: 4 }, T('2026-11-02T11:00:00')).state;
    expect(refusalOf(() => badRatingComplaint(good, filing, ctx))).toMatchObject({
      name: 'ComplaintError',
      field: 'body.asComplaint',
    });
    expect(refusalOf(() => badRatingComplaint(invitation(), filing, ctx))).toMatchObject({
      name: 'ComplaintError',
    });
  });
});

describe('the complaint of a bad rating', () => {
  it('is anonymous, against whoever handled the case, linked to the rating, answered online', () => {
    const rating = rated().state;
    const complaint = badRatingComplaint(rating, { ...filing, facts: ' 等了一个小时没人理 ' }, ctx);
    expect(complaint).toMatchObject({
      complaintNo,
      version: 1,
      status: 'registered',
      channel: 'badRating',
      category: 'attitude',
      complainant: { realName: false },
      respondent: { department: 'mz', window: 'mz-01', clerk: 'clerk', caseNo: rating.caseNo },
      fromRating: { caseNo: rating.caseNo, overall: 1, ratedAt: T('2026-11-02T11:00:00') },
      receivedAt: T('2026-11-02T11:00:00'),
      receivedBy: null,
    });
    expect(complaint.facts).toBe(
      [
        '差评转投诉：社会团体变更登记（受理编号 YC0001-20261102-0001，mz-01 窗口，2026-11-02 出件），总体评价“非常不满意”。',
        '评价意见：态度生硬',
        '投诉内容：等了一个小时没人理',
      ].join('\n'),
    );
    expect(complaint.history[0]).toMatchObject({ action: 'register', by: { complainant: true } });
    expect(complaint.history[0]?.told).toContain('凭投诉编号和查询码');
    expect(replyFormOf(complaint)).toBe('web');
  });

  it('is the same complaint each time it is built from the same rating (a filing retried after a crash)', () => {
    const rating = rated().state;
    expect(badRatingComplaint(rating, filing, ctx)).toEqual(badRatingComplaint(rating, filing, ctx));
  });

  it('takes its category from what the rater marked down', () => {
    const category = (input: RatingInput) => badRatingComplaint(rated(input).state, filing, ctx).category;
    expect(category({ overall: 2, attitude: 1, efficiency: 1 })).toBe('attitude');
    expect(category({ overall: 2, efficiency: 2, attitude: 4 })).toBe('delay');
    expect(category({ overall: 1, serviceLevel: 1 })).toBe('other');
  });

  it('runs its own clocks from the rating’s instant and escalates to the supervision office until triaged', () => {
    const complaint = badRatingComplaint(rated().state, filing, ctx);
    const acknowledge = complaint.clocks.acknowledge;
    expect(acknowledge?.start).toBe(T('2026-11-02T11:00:00'));
    // Rated on a working day before close of business: acknowledged the same day.
    expect(acknowledge && evaluate(acknowledge, T('2026-11-02T12:00:00'), clocks).dueAt).toBe(
      T('2026-11-02T17:30:00'),
    );
    const subject = complaintSubject(complaint);
    expect(subject).toMatchObject({
      kind: 'complaint',
      department: 'supervision',
      caseNo: complaint.respondent.caseNo,
    });
    expect(subject.clocks.map(([name]) => name)).toEqual(['acknowledge']);
    const supervisor: ComplaintActor = { username: 'supervisor', roles: ['supervisor'] };
    const assigned = decideComplaint(
      complaint,
      { type: 'assign', department: 'mz', window: 'mz-01', complexity: 'simple', told: '已分办' },
      supervisor,
      T('2026-11-02T14:00:00'),
      ctx,
    ).state;
    expect(complaintSubject(assigned).clocks.map(([name]) => name)).toEqual(['answer']);
    expect(assigned.fromRating?.caseNo).toBe(complaint.fromRating?.caseNo);
  });

  it('shows the rated case, never the clerk or the facts, to the rater; the link to the rating to staff', () => {
    const complaint = badRatingComplaint(rated().state, filing, ctx);
    const view = complaintPublicView(complaint, clocks);
    expect(view).toMatchObject({
      fromRating: { caseNo: 'YC0001-20261102-0001' },
      channelLabel: '差评转投诉',
    });
    expect(JSON.stringify(view)).not.toContain('clerk');
    expect(JSON.stringify(view)).not.toContain('态度生硬');
    const staff = complaintStaffView(complaint, 'supervisor', T('2026-11-02T12:00:00'), clocks);
    expect(staff.fromRating).toEqual({
      caseNo: 'YC0001-20261102-0001',
      overall: 1,
      ratedAt: T('2026-11-02T11:00:00'),
    });
    expect(staff.complainant).toEqual({ realName: false });
  });
});

/**
 * A bad rating filed as a complaint at the rater's request (差评转投诉, domain.md §7, §8). The rater
 * is anonymous — the rating form asks for no name or phone — so the complaint is anonymous and
 * answered online, followed with its own number and query code. Its respondent is whoever the
 * rating is assigned to: the case's department, window and handling clerk, and the case. It is
 * registered at the instant of the rating, so building it again from the same rating (after a
 * crash between the rating's write and the complaint's) gives the same complaint.
 *
 * The category follows what the rater marked down: 服务态度 when the attitude was rated bad, else
 * 拖延超期 when the efficiency was, else 其他 — the supervision office reads the facts at triage.
 */
import { isBad, type Rating, type RatingState, ratingLevelLabels } from '../ratings/types.ts';
import { type ComplaintContext, registerComplaint } from './decide.ts';
import { ComplaintError } from './errors.ts';
import type { ComplaintCategory, ComplaintState } from './types.ts';

export function badRatingCategory(rating: Rating): ComplaintCategory {
  if (rating.attitude !== undefined && isBad(rating.attitude)) return 'attitude';
  if (rating.efficiency !== undefined && isBad(rating.efficiency)) return 'delay';
  return 'other';
}

/**
 * The complaint a bad rating is filed as, registered at the rating's instant with its
 * acknowledgement clock running; `facts` is what the rater wrote for the complaint, if anything.
 */
export function badRatingComplaint(
  visit: RatingState,
  filing: { complaintNo: string; centre: string; facts?: string },
  ctx: ComplaintContext,
): ComplaintState {
  const rating = visit.rating;
  if (!rating || !isBad(rating.overall)) {
    throw new ComplaintError('requirement-missing', '只有差评可以转为投诉。', { field: 'body.asComplaint' });
  }
  const facts = [
    `差评转投诉：${visit.item.name}（受理编号 ${visit.caseNo}，${visit.window} 窗口，${visit.deliveredAt.slice(0, 10)} 出件），总体评价“${ratingLevelLabels[rating.overall]}”。`,
    rating.comment ? `评价意见：${rating.comment}` : '',
    filing.facts?.trim() ? `投诉内容：${filing.facts.trim()}` : '',
  ]
    .filter(Boolean)
    .join('\n');
  return registerComplaint(
    {
      complaintNo: filing.complaintNo,
      centre: filing.centre,
      channel: 'badRating',
      category: badRatingCategory(rating),
      facts,
      complainant: { realName: false },
      respondent: {
        department: visit.department,
        window: visit.window,
        clerk: visit.rectification?.assignee ?? visit.handler,
        caseNo: visit.caseNo,
      },
      fromRating: { caseNo: visit.caseNo, overall: rating.overall, ratedAt: rating.at },
      told: '差评已同时登记为投诉（匿名）：电子监察分办后限时答复，答复在网上给出，凭投诉编号和查询码查看。',
    },
    rating.at,
    ctx,
  );
}

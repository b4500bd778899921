/**
 * The complaint a bad rating is filed as at the rater's request (差评转投诉): prepared before the
 * rating is written, filed after. Not a route. Exactly once without transactions, in three writes
 * on single items:
 *
 * 1. `nextComplaintNo` draws the number from the day's counter before the rating is written — a
 *    submission that then loses its race, or a crash here, skips one serial and nothing else;
 * 2. the rating's one conditional write (`attribute_not_exists(ratedAt)`, store/ratings) records
 *    the rating, its link to the complaint, and the whole prepared complaint (value, sealed
 *    complainant, query-code hash) as `pendingComplaint` — of two submissions at once exactly one
 *    wins, so there is one complaint; a retry finds the visit rated and files nothing new;
 * 3. `filePendingComplaint` (http/ratings/support.ts, no cipher needed) puts the complaint item
 *    (`attribute_not_exists(pk)`) and removes the pending copy from the rating.
 *
 * A crash between 2 and 3 leaves the pending copy on the rating; the next read of the rating —
 * the rater's link or a retried submission, the desk's rating page, the rectification queue, a
 * rectification step — runs 3 again. The complaint is the same each time (registered at the
 * rating's instant, with the query code whose hash was written in 2), and its put is refused once
 * it exists, so filing twice is filing once.
 */
import { centreConfig } from '../../config/centre.ts';
import { evaluate } from '../../domain/clocks/evaluate.ts';
import { badRatingComplaint } from '../../domain/complaints/from-rating.ts';
import type { RatingState } from '../../domain/ratings/types.ts';
import type { StoredComplaint } from '../../store/complaints/complaints.ts';
import { sealComplainant } from './filing.ts';
import { complaintContext } from './support.ts';

export interface PreparedComplaint {
  stored: StoredComplaint;
  /** For the rater, once: the submission's answer. */
  queryCode: string;
  /** Close of business by which the supervision office acknowledges (triages) it. */
  acknowledgedBy: string | null;
}

/** The complaint of a rating just decided (rated, carrying `complaintNo`), ready to ride on its write. */
export async function prepareRatingComplaint(
  rating: RatingState,
  facts: string | undefined,
): Promise<PreparedComplaint> {
  const complaintNo = rating.complaint?.complaintNo;
  if (!complaintNo) throw new Error(`Rating ${rating.caseNo} asks for no complaint.`);
  const ctx = complaintContext();
  const state = badRatingComplaint(
    rating,
    { complaintNo, centre: centreConfig.code, ...(facts ? { facts } : {}) },
    ctx,
  );
  const { queryCode, ...sealed } = await sealComplainant({ realName: false }, complaintNo);
  const acknowledge = state.clocks.acknowledge;
  return {
    stored: { state, ...sealed },
    queryCode,
    acknowledgedBy: acknowledge ? evaluate(acknowledge, state.receivedAt, ctx.clocks).dueAt : null,
  };
}

/**
 * What the rating handlers share: rating errors as problem documents (in one place), the one 404
 * of the public routes, the centre's rating settings, the departments the queue is kept by, and the
 * invitation — recorded at delivery, or lazily when that write was lost. Not a route itself.
 */

import { centreClocks, centreConfig, generalWindowDepartments } from '../../config/centre.ts';
import { isBundleNo } from '../../domain/bundles/bundle-number.ts';
import { bundleStatusOf } from '../../domain/bundles/views.ts';
import type { CaseState } from '../../domain/cases/types.ts';
import { catalogueDepartments } from '../../domain/catalogue/item-lookup.ts';
import { invitationFor, invitationForBundle } from '../../domain/ratings/decide.ts';
import { RatingError } from '../../domain/ratings/errors.ts';
import { defaultRatingSettings, type RatingSettings, type RatingState } from '../../domain/ratings/types.ts';
import { loadBundle, loadParts } from '../../store/bundles/bundles.ts';
import { loadCase } from '../../store/cases/cases.ts';
import {
  complaintKey,
  insertComplaintOnce,
  type StoredComplaint,
} from '../../store/complaints/complaints.ts';
import { personalDataCipher } from '../../store/personal-data/cipher.ts';
import {
  createInvitation,
  loadRating,
  markComplaintFiled,
  RatingConflictError,
  ratingToken,
  type StoredRating,
} from '../../store/ratings/ratings.ts';
import { versionConflict } from '../cases/errors.ts';
import { keepFigures } from '../figures/keep.ts';
import type { RouteImplementation } from '../handler.ts';
import { logger } from '../observability.ts';
import { HttpProblem } from '../problems.ts';
import { refusalProblem } from '../refusals.ts';

const typeBase = 'https://yichuang.dev/problems';

/** The one answer of the public rating routes for an unknown case and a forged token. */
export const ratingLinkNotFound = {
  type: `${typeBase}/rating-not-found`,
  title: '评价链接无效',
  status: 404,
  detail: '没有找到此次办事的评价，请核对出件回执上的链接或二维码。',
} as const;

export const alreadyRated = {
  type: `${typeBase}/already-rated`,
  title: '此次办事已评价',
  status: 409,
  detail: '此次办事已评价，每次办事只能评价一次。',
} as const;

export function ratingNotFound(): HttpProblem {
  return new HttpProblem({
    type: `${typeBase}/not-found`,
    title: '未找到',
    status: 404,
    detail: '这个受理编号没有评价记录。',
  });
}

export function ratingSettings(): RatingSettings {
  const configured = (centreConfig as { ratings?: Partial<RatingSettings> }).ratings ?? {};
  return { ...defaultRatingSettings, ...configured };
}

/** The problem for a rating error; `current` is the rating the command was refused on. */
export function ratingErrorProblem(error: RatingError, current?: { version: number }): HttpProblem {
  if (error.code === 'already-rated') return new HttpProblem(alreadyRated);
  return refusalProblem(
    error,
    {
      area: 'rating-rule',
      stateCodes: ['invalid-step'],
      stateTitle: '当前状态不能办理此步骤',
      fieldCodes: ['requirement-missing'],
      ruleTitles: {},
      ruleFallbackTitle: '评价整改规则不允许',
    },
    current ? { version: current.version } : undefined,
  );
}

/** Wraps a route implementation so rating errors come out as problem documents. */
export function withRatingErrors(implementation: RouteImplementation): RouteImplementation {
  return async (request, context) => {
    try {
      return await implementation(request, context);
    } catch (error) {
      throw toRatingProblem(error);
    }
  };
}

export function toRatingProblem(error: unknown, current?: { version: number }): unknown {
  if (error instanceof HttpProblem) return error;
  if (error instanceof RatingError) return ratingErrorProblem(error, current);
  if (error instanceof RatingConflictError) {
    if (error.alreadyRated) return new HttpProblem(alreadyRated);
    return error.currentVersion === null
      ? ratingNotFound()
      : versionConflict(error.currentVersion, '', error.expectedVersion);
  }
  return error;
}

/**
 * The last write of a bad rating filed as a complaint (functions/http/complaints/from-rating.ts):
 * the complaint item, once, then the rating's pending copy removed. Also the recovery of a crash
 * after the rating's write: filing twice is filing once.
 */
export async function filePendingComplaint(
  table: string,
  caseNo: string,
  pending: StoredComplaint,
): Promise<void> {
  const now = new Date();
  const filed = await insertComplaintOnce(table, pending, now);
  await markComplaintFiled(table, caseNo, now);
  if (filed) await keepFigures(complaintKey(pending.state.complaintNo));
  logger.info(filed ? 'Complaint filed from a bad rating' : 'Complaint of a bad rating was filed already', {
    complaintNo: pending.state.complaintNo,
    caseNo,
    category: pending.state.category,
  });
}

/**
 * Files the complaint a rating still carries as pending (its filing was cut short). Every read of a
 * rating calls it; a failure is logged and left for the next read, never fails the read.
 */
export async function settlePendingComplaint(table: string, stored: StoredRating): Promise<StoredRating> {
  const { pendingComplaint, ...rest } = stored;
  if (!pendingComplaint) return stored;
  try {
    await filePendingComplaint(table, stored.state.caseNo, pendingComplaint);
    logger.warn('Complaint of a bad rating filed on a later read', {
      caseNo: stored.state.caseNo,
      complaintNo: pendingComplaint.state.complaintNo,
    });
    return rest;
  } catch (error) {
    logger.warn('Complaint of a bad rating not filed yet; the next read of the rating retries', {
      caseNo: stored.state.caseNo,
      error: error as Error,
    });
    return stored;
  }
}

/**
 * The rating of a visit — a delivered case, or a 一件事 whose every part is delivered — creating
 * the invitation if the delivery's own write of it was lost (a crash between the two writes loses
 * nothing), and filing its complaint if that was cut short. Undefined: no such visit, not (all)
 * delivered yet, or a part of a 一件事, which is rated with its bundle, once.
 */
export async function ratingOfVisit(table: string, number: string): Promise<StoredRating | undefined> {
  const existing = await loadRating(table, number);
  if (existing) return settlePendingComplaint(table, existing);
  const invitation = isBundleNo(number)
    ? await doneBundleInvitation(table, number)
    : await deliveredCaseInvitation(table, number);
  if (!invitation) return undefined;
  if (await createInvitation(table, invitation, new Date(), centreClocks())) {
    logger.info('Rating invitation created lazily', { caseNo: number });
  }
  return loadRating(table, number);
}

async function deliveredCaseInvitation(table: string, caseNo: string): Promise<RatingState | undefined> {
  const stored = await loadCase(table, caseNo);
  if (!stored?.state.delivery || stored.state.bundleNo) return undefined;
  return invitationFor(stored.state, new Date());
}

async function doneBundleInvitation(table: string, bundleNo: string): Promise<RatingState | undefined> {
  const stored = await loadBundle(table, bundleNo);
  if (!stored) return undefined;
  const parts = await loadParts(table, stored.record);
  if (bundleStatusOf(stored.record, parts) !== 'done') return undefined;
  return invitationForBundle(stored.record, [...parts.values()], new Date());
}

/**
 * Records the invitation right after a delivery — of the case, or, for a part of a 一件事, of the
 * bundle once this delivery completed it. Failures are logged, never fatal (created lazily later).
 */
export async function inviteRating(table: string, state: CaseState): Promise<void> {
  try {
    const now = new Date();
    const invitation = state.bundleNo
      ? await doneBundleInvitation(table, state.bundleNo)
      : invitationFor(state, now);
    if (invitation) await createInvitation(table, invitation, now, centreClocks());
  } catch (error) {
    logger.warn('Rating invitation not recorded; the rating routes create it when needed', {
      caseNo: state.bundleNo ?? state.caseNo,
      error: error as Error,
    });
  }
}

function siteOrigin(event: {
  headers?: Record<string, string | undefined>;
  requestContext: { domainName: string };
}): string {
  const host = event.headers?.host ?? event.requestContext.domainName;
  const proto =
    event.headers?.['x-forwarded-proto'] ?? (/^(localhost|127\.|\[::1\])/.test(host) ? 'http' : 'https');
  return `${proto}://${host}`;
}

/** The rating link of a visit (a case or a 一件事): `/rate/#c=<number>&t=<token>`, the token in the fragment. */
export async function ratingLink(
  event: { headers?: Record<string, string | undefined>; requestContext: { domainName: string } },
  number: string,
): Promise<{ token: string; path: string; url: string }> {
  const token = await ratingToken(await personalDataCipher(), number);
  const path = `/rate/#c=${encodeURIComponent(number)}&t=${token}`;
  return { token, path, url: `${siteOrigin(event)}${path}` };
}

/**
 * The partitions of the rectification queue: the catalogue's departments, and those of the
 * general windows, which answer for the 一件事 they took in.
 */
export function allDepartments(): string[] {
  return [
    ...new Set([
      ...catalogueDepartments().map((department) => department.id),
      ...generalWindowDepartments().map((department) => department.id),
    ]),
  ];
}

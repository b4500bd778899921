/**
 * The rating value (好差评, domain.md §8): a plain, JSON-safe record of one case visit — the
 * invitation recorded when the case was delivered at the window (出件), the rating once given, and,
 * for a bad rating, its rectification (差评整改) with clocks and history. Nothing in it identifies
 * the rater: the rating is voluntary and anonymous; whoever calls back finds the applicant through
 * the case (the logged applicant route).
 */
import type { Instant } from '../calendar/instant.ts';
import type { Clock } from '../clocks/clock.ts';
import type { Role } from '../roles.ts';

/** 非常满意 5, 满意 4, 基本满意 3, 不满意 2, 非常不满意 1. */
export type RatingLevel = 1 | 2 | 3 | 4 | 5;

export const ratingLevels: readonly RatingLevel[] = [5, 4, 3, 2, 1];

export const ratingLevelLabels: Record<RatingLevel, string> = {
  5: '非常满意',
  4: '满意',
  3: '基本满意',
  2: '不满意',
  1: '非常不满意',
};

/** The on-site dimensions besides the overall level; each optional. */
export const ratingDimensions = ['efficiency', 'serviceLevel', 'attitude'] as const;
export type RatingDimension = (typeof ratingDimensions)[number];

export const ratingDimensionLabels: Record<RatingDimension | 'overall', string> = {
  overall: '总体评价',
  efficiency: '办事效率',
  serviceLevel: '服务水平',
  attitude: '服务态度',
};

/** Bad (差评) = 不满意 or 非常不满意. */
export function isBad(level: RatingLevel): boolean {
  return level <= 2;
}

export interface RatingInput {
  overall: RatingLevel;
  efficiency?: RatingLevel;
  serviceLevel?: RatingLevel;
  attitude?: RatingLevel;
  comment?: string;
}

export interface Rating extends RatingInput {
  at: Instant;
}

export type RectificationStatus =
  | 'open'
  | 'calledBack'
  | 'fixedAtOnce'
  | 'rectifying'
  | 'rectified'
  | 'explained'
  | 'appealed'
  | 'appealUpheld'
  | 'raterTold'
  | 'closed';

export const rectificationStatusLabels: Record<RectificationStatus, string> = {
  open: '待回访',
  calledBack: '已回访核实',
  fixedAtOnce: '已立即整改',
  rectifying: '限期整改中',
  rectified: '已整改',
  explained: '已解释说明',
  appealed: '申诉待审',
  appealUpheld: '申诉成立',
  raterTold: '已告知评价人',
  closed: '已办结',
};

/** How a bad rating's rectification ended, as the figures count it. */
export type RectificationOutcomeKind = 'fixedAtOnce' | 'rectified' | 'explained' | 'appealUpheld';

export type AppealGround = 'mistaken' | 'malicious';

export const appealGroundLabels: Record<AppealGround, string> = {
  mistaken: '误评',
  malicious: '恶意差评',
};

export interface By {
  username: string;
  role: Role;
  /** Set when a clerk acts for the assignee under the A/B post rule. */
  actingFor?: string;
}

export interface Appeal {
  ground: AppealGround;
  reasons: string;
  at: Instant;
  by: By;
  decision?: { upheld: boolean; reasons: string; at: Instant; by: By };
}

export interface RectificationClocks {
  /** From the rating to the call-back (回访核实). */
  callback?: Clock;
  /** From the decision to rectify within a deadline (限期整改) to its completion. */
  rectify?: Clock;
}

export type RectificationClockName = keyof RectificationClocks;

export interface Rectification {
  status: RectificationStatus;
  /** Who handled the case: the bad rating is assigned to them (domain.md §8). */
  assignee: string;
  openedAt: Instant;
  clocks: RectificationClocks;
  callBack?: { reached: boolean; verified: string; at: Instant; by: By };
  /** The deadline plan while rectifying. */
  plan?: { what: string; at: Instant; by: By };
  outcome?: { kind: RectificationOutcomeKind; text: string; at: Instant; by: By };
  /** Every appeal, the last one current. */
  appeals: Appeal[];
  raterTold?: { how: string; what: string; at: Instant; by: By };
  closedAt?: Instant;
}

export interface RatingHistoryEntry {
  /** The rating version this entry produced (1 = invitation). */
  version: number;
  step: string;
  label: string;
  from: RectificationStatus | null;
  to: RectificationStatus | null;
  at: Instant;
  /** `rater` for the anonymous rater; the system for the invitation. */
  by: By | { username: 'rater' | 'system'; role: 'public' | 'system' };
  /** What was recorded in words (verified facts, what was done, what the rater was told…). */
  text?: string;
  details?: Record<string, unknown>;
}

export interface RatingState {
  /** The number of the visit rated: a case number, or a 一件事's bundle number (then `bundle` is set). */
  caseNo: string;
  /**
   * A 一件事 is rated once, as a whole (domain.md §11): the visit is the bundle, taken in and
   * answered for by its general window, once every part is delivered; its parts are not rated.
   */
  bundle?: { code: string; parts: string[] };
  version: number;
  item: { code: string; name: string };
  department: string;
  window: string;
  /** Who handled the case: the case's handler, else the clerk who delivered. */
  handler: string;
  /** The visit rated: the delivery at the window. */
  deliveredAt: Instant;
  rating?: Rating;
  rectification?: Rectification;
  /** An appeal was upheld: the rating stays on record, flagged, but leaves the satisfaction figures. */
  excluded?: { reason: string; at: Instant };
  /**
   * The rater asked for the bad rating to be filed as a complaint too (差评转投诉): the complaint's
   * number, fixed by the write that recorded the rating. The complaint runs its own course; closing
   * it does not close the rectification, nor the other way round.
   */
  complaint?: { complaintNo: string; requestedAt: Instant };
  history: RatingHistoryEntry[];
}

export interface RatingSettings {
  /** Working days from a bad rating to the call-back (centre.json ratings.callbackWorkdays). */
  callbackWorkdays: number;
  /** Working days of a rectification with a deadline (centre.json ratings.rectifyWorkdays). */
  rectifyWorkdays: number;
}

export const defaultRatingSettings: RatingSettings = { callbackWorkdays: 1, rectifyWorkdays: 15 };

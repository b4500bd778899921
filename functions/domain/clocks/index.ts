/** The SLA clock engine (限时办结): clock values, the kinds the law needs, evaluation, recomputation. */
export {
  type Clock,
  type ClockContext,
  type ClockInit,
  type ClockKind,
  clockContext,
  type DecisionBasis,
  type ExtendInput,
  type Extension,
  extend,
  openSuspension,
  resume,
  type SuspendInput,
  type Suspension,
  startClock,
  stop,
  suspend,
} from './clock.ts';
export { ClockError, type ClockErrorCode } from './errors.ts';
export {
  type ClockState,
  type ClockStatus,
  type DueResult,
  dueOf,
  evaluate,
  type NextCheck,
  nextCheckAt,
  warningLevel,
  worstLevel,
} from './evaluate.ts';
export {
  type CorrectionNoticeOutcome,
  correctionNoticeClock,
  correctionNoticeOutcome,
  type DecisionClockInput,
  type DecisionClocks,
  decisionClocks,
  deliveryClock,
  type GenericClockInput,
  genericClock,
  statutoryLimits,
} from './kinds.ts';
export {
  type ClockChange,
  type ClockProjection,
  projectClock,
  recomputeClocks,
  type StoredClock,
} from './recompute.ts';
export {
  allSuspensionReasons,
  type ClockSettings,
  defaultClockSettings,
  defaultWarningSettings,
  parseClockSettings,
  type SuspensionReason,
  suspensionReasonLabels,
  type WarningLevel,
  type WarningSettings,
  warningLevelLabels,
  warningLevels,
} from './settings.ts';

/** Appraisal (效能考核): the rule, the month's events, scores and ranking, awards, the public scorecard. */
export * from './awards.ts';
export * from './errors.ts';
export * from './events.ts';
export * from './rule.ts';
export * from './score.ts';
export * from './scorecard.ts';

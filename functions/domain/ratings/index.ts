/** Ratings (好差评, domain.md §8) and the rectification of bad ratings, as pure rules. */
export * from './access.ts';
export * from './clocks.ts';
export * from './decide.ts';
export * from './errors.ts';
export * from './figures.ts';
export * from './steps.ts';
export * from './types.ts';
export * from './views.ts';

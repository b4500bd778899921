/** Figures (统计): definitions, periods, scopes, the counting of sources into figures and what each source adds to the kept sums. */
export * from './contributions.ts';
export * from './counts.ts';
export * from './definitions.ts';
export * from './facts.ts';
export * from './figures.ts';
export * from './ledger.ts';
export * from './periods.ts';
export * from './report.ts';
export * from './report-html.ts';
export * from './scopes.ts';
export * from './settings.ts';

/** Figures (统计): definitions, periods, scopes and the counting of cases into figures. */
export * from './definitions.ts';
export * from './facts.ts';
export * from './figures.ts';
export * from './ledger.ts';
export * from './periods.ts';
export * from './report.ts';
export * from './report-html.ts';
export * from './scopes.ts';
export * from './settings.ts';

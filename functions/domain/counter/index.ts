/** The front counter (取号叫号, domain.md §10): categories, opening hours, tickets and calls. */
export * from './errors.ts';
export * from './figures.ts';
export * from './hours.ts';
export * from './settings.ts';
export * from './tickets.ts';
export * from './waits.ts';

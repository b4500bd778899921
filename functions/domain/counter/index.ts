/** The front counter (取号叫号, domain.md §10): categories, opening hours, tickets and calls, appointments. */
export * from './appointment-settings.ts';
export * from './appointments.ts';
export * from './errors.ts';
export * from './figures.ts';
export * from './hours.ts';
export * from './settings.ts';
export * from './tickets.ts';
export * from './waits.ts';

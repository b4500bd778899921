/** Complaints (投诉, domain.md §7): the value, its life cycle as data, decide, views, the supervision subject, attachments. */
export * from './attachments.ts';
export * from './complaint-number.ts';
export * from './decide.ts';
export * from './errors.ts';
export * from './from-rating.ts';
export * from './settings.ts';
export * from './subject.ts';
export * from './transitions.ts';
export * from './types.ts';
export * from './validity.ts';
export * from './views.ts';
export * from './windows.ts';

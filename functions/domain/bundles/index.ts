/** 一件事 bundles taken in at a general window: numbers, intake, the derived status and views. */
export * from './bundle-number.ts';
export * from './intake.ts';
export * from './status.ts';
export * from './types.ts';
export * from './views.ts';

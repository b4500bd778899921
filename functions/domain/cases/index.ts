/** Cases (办件): the life cycle as a state machine, intake, access, clocks and views. */
export * from './acceptance-paths.ts';
export * from './access.ts';
export * from './case-clocks.ts';
export * from './case-number.ts';
export * from './decide.ts';
export * from './errors.ts';
export * from './intake.ts';
export * from './states.ts';
export * from './transitions.ts';
export * from './types.ts';
export * from './views.ts';

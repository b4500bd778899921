/** Messages to visitors (短信通知, domain.md §10): events, templates, the message and its retries. */
export * from './events.ts';
export * from './message.ts';
export * from './phone.ts';
export * from './settings.ts';

/**
 * The message settings (messages.json, beside centre.json), validated when first read — a bad key
 * stops the function with an error naming it — and the adapter the environment chooses:
 * `MESSAGES_ADAPTER` (the CDK stack sets it from `-c messagesAdapter=…`) over the file's `adapter`.
 */
import {
  type AdapterName,
  adapterNames,
  type MessageSettings,
  parseMessageSettings,
} from '../domain/messages/settings.ts';
import { envNames } from './env.ts';
import raw from './messages.json' with { type: 'json' };

let settings: MessageSettings | undefined;

export function messageSettings(): MessageSettings {
  settings ??= parseMessageSettings(raw, 'functions/config/messages.json');
  return settings;
}

/** The adapter that sends: the environment's choice, else the file's. */
export function messageAdapterName(env: NodeJS.ProcessEnv = process.env): AdapterName {
  const chosen = env[envNames.messagesAdapter];
  if (chosen === undefined || chosen === '') return messageSettings().adapter;
  if (!adapterNames.includes(chosen as AdapterName)) {
    throw new Error(
      `${envNames.messagesAdapter} must be one of ${adapterNames.join(', ')}, got "${chosen}".`,
    );
  }
  return chosen as AdapterName;
}

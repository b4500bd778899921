/**
 * The messages' settings (functions/config/messages.json): which adapter sends (the local outbox by
 * default), the signature (签名), a template per event, when a ticket counts as "near", and how
 * failures are retried. Validated once; every error names the key at fault
 * (`templates.resultReady.params[1]`).
 *
 * A template is modelled for both providers at once: Alibaba Cloud SMS sends a template code
 * registered with it and the parameters (`aliyunTemplateCode` + `params`), AWS End User Messaging
 * sends a text body (`text`, with `{param}` placeholders, after the signature). The text is also
 * what the local outbox shows, so the two must say the same: every placeholder is a declared
 * parameter and every parameter is used.
 */
import { type MessageEvent, messageEvents } from './events.ts';

export type AdapterName = 'outbox' | 'aws' | 'aliyun';

export const adapterNames: readonly AdapterName[] = ['outbox', 'aws', 'aliyun'];

export interface MessageTemplate {
  /** The body with `{param}` placeholders (AWS, the outbox). */
  text: string;
  /** The template code registered with Alibaba Cloud SMS (`SMS_123456789`). */
  aliyunTemplateCode: string;
  /** The parameters, in the order the template declares them. */
  params: string[];
  /** Not sent after this long past its first attempt: a stale "your number is near" helps nobody. */
  expiresAfterMinutes: number;
}

export interface RetrySettings {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Delay before the second attempt; each later one doubles it. */
  firstDelaySeconds: number;
  maxDelaySeconds: number;
}

export interface MessageSettings {
  adapter: AdapterName;
  /** The signature (短信签名) registered with the provider; AWS texts start with it as 【…】. */
  signName: string;
  /** A waiting ticket with at most this many ahead of it is told its number is near. */
  nearlyCalledAhead: number;
  retry: RetrySettings;
  aliyun: { endpoint: string };
  aws: { messageType: 'TRANSACTIONAL' | 'PROMOTIONAL' };
  templates: Record<MessageEvent, MessageTemplate>;
}

export class MessageSettingsError extends Error {
  override readonly name = 'MessageSettingsError';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(source: string, key: string, message: string): never {
  throw new MessageSettingsError(`${source}, ${key}: ${message}`);
}

function text(source: string, value: unknown, key: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    fail(source, key, `expected a non-empty string, got ${JSON.stringify(value)}.`);
  }
  return value;
}

function whole(source: string, value: unknown, key: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(source, key, `expected a whole number ${min}–${max}, got ${JSON.stringify(value)}.`);
  }
  return value;
}

const placeholder = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

/** The placeholders of a template text, in order, each once. */
export function placeholdersOf(body: string): string[] {
  return [...new Set([...body.matchAll(placeholder)].map((match) => match[1] as string))];
}

function parseTemplate(source: string, raw: unknown, key: string): MessageTemplate {
  if (!isRecord(raw))
    fail(source, key, 'expected { text, aliyunTemplateCode, params, expiresAfterMinutes }.');
  const body = text(source, raw.text, `${key}.text`);
  const code = text(source, raw.aliyunTemplateCode, `${key}.aliyunTemplateCode`);
  if (!/^SMS_\d{1,20}$/.test(code)) {
    fail(
      source,
      `${key}.aliyunTemplateCode`,
      `expected an Alibaba Cloud template code like SMS_123456789, got "${code}".`,
    );
  }
  if (!Array.isArray(raw.params)) fail(source, `${key}.params`, 'expected a list of parameter names.');
  const params = raw.params.map((name, i) => {
    const param = text(source, name, `${key}.params[${i}]`);
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(param)) {
      fail(source, `${key}.params[${i}]`, `parameter names are letters and digits, got "${param}".`);
    }
    return param;
  });
  const used = placeholdersOf(body);
  const unused = params.findIndex((param) => !used.includes(param));
  if (unused >= 0) fail(source, `${key}.params[${unused}]`, `"${params[unused]}" is not used in the text.`);
  const undeclared = used.find((name) => !params.includes(name));
  if (undeclared) fail(source, `${key}.text`, `{${undeclared}} is not one of the params.`);
  return {
    text: body,
    aliyunTemplateCode: code,
    params,
    expiresAfterMinutes: whole(
      source,
      raw.expiresAfterMinutes,
      `${key}.expiresAfterMinutes`,
      1,
      60 * 24 * 30,
    ),
  };
}

/** Validated message settings; `source` names the file in every error. */
export function parseMessageSettings(raw: unknown, source = 'messages.json'): MessageSettings {
  if (!isRecord(raw)) fail(source, '(root)', 'expected an object.');
  const adapter = raw.adapter ?? 'outbox';
  if (!adapterNames.includes(adapter as AdapterName)) {
    fail(source, 'adapter', `expected one of ${adapterNames.join(', ')}, got ${JSON.stringify(adapter)}.`);
  }
  const retry = raw.retry ?? {};
  if (!isRecord(retry))
    fail(source, 'retry', 'expected { maxAttempts, firstDelaySeconds, maxDelaySeconds }.');
  const firstDelaySeconds = whole(
    source,
    retry.firstDelaySeconds ?? 60,
    'retry.firstDelaySeconds',
    1,
    86_400,
  );
  const maxDelaySeconds = whole(source, retry.maxDelaySeconds ?? 1800, 'retry.maxDelaySeconds', 1, 86_400);
  if (maxDelaySeconds < firstDelaySeconds) {
    fail(source, 'retry.maxDelaySeconds', 'must not be shorter than retry.firstDelaySeconds.');
  }
  const aliyun = raw.aliyun ?? {};
  if (!isRecord(aliyun)) fail(source, 'aliyun', 'expected { endpoint }.');
  const aws = raw.aws ?? {};
  if (!isRecord(aws)) fail(source, 'aws', 'expected { messageType }.');
  const messageType = aws.messageType ?? 'TRANSACTIONAL';
  if (messageType !== 'TRANSACTIONAL' && messageType !== 'PROMOTIONAL') {
    fail(
      source,
      'aws.messageType',
      `expected TRANSACTIONAL or PROMOTIONAL, got ${JSON.stringify(messageType)}.`,
    );
  }
  const templates = raw.templates;
  if (!isRecord(templates)) fail(source, 'templates', 'expected one template per event.');
  const unknown = Object.keys(templates).find(
    (event) => !(messageEvents as readonly string[]).includes(event),
  );
  if (unknown) fail(source, `templates.${unknown}`, `not an event (${messageEvents.join(', ')}).`);
  return {
    adapter: adapter as AdapterName,
    signName: text(source, raw.signName, 'signName'),
    nearlyCalledAhead: whole(source, raw.nearlyCalledAhead ?? 3, 'nearlyCalledAhead', 1, 50),
    retry: {
      maxAttempts: whole(source, retry.maxAttempts ?? 5, 'retry.maxAttempts', 1, 20),
      firstDelaySeconds,
      maxDelaySeconds,
    },
    aliyun: { endpoint: text(source, aliyun.endpoint ?? 'dysmsapi.aliyuncs.com', 'aliyun.endpoint') },
    aws: { messageType },
    templates: Object.fromEntries(
      messageEvents.map((event) => {
        if (templates[event] === undefined)
          fail(source, `templates.${event}`, 'missing: every event needs a template.');
        return [event, parseTemplate(source, templates[event], `templates.${event}`)];
      }),
    ) as Record<MessageEvent, MessageTemplate>,
  };
}

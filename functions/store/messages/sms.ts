/**
 * The SMS port: three adapters behind one `send` (the choice among them: adapters.ts).
 *
 * - `outbox` (the default, and what `npm start` runs): nothing leaves the machine; the message item
 *   is the record of what would have been sent, listed on the desk (`/desk/messages/`).
 * - `aws`: AWS End User Messaging SMS (pinpoint-sms-voice-v2 SendTextMessage), the text body to the
 *   number in E.164, from the origination identity in the provider credentials (sms-aws.ts).
 * - `aliyun`: Alibaba Cloud SMS (dysmsapi SendSms), the registered template code and its
 *   parameters, signed with the signature (sms-aliyun.ts).
 *
 */
import type { AdapterName, MessageSettings } from '../../domain/messages/settings.ts';
import type { ProviderCredentials } from './credentials.ts';

export interface SmsRequest {
  /** Our message id: the provider's correlation field where it has one (Alibaba `OutId`, AWS `Context`). */
  messageId: string;
  /** National form, `13812345678`. */
  phone: string;
  /** The body, signature first (AWS, the outbox). */
  text: string;
  /** The template code and parameters (Alibaba Cloud). */
  templateCode: string;
  templateParams: Record<string, string>;
}

export interface SmsReceipt {
  providerMessageId?: string;
}

/**
 * A provider refused or could not be reached. `code` is the provider's own (Alibaba `isv.…`, an AWS
 * exception name) or one of ours (`not-configured`, `network`); `retryable` whether trying again
 * later can succeed (throttling, an outage) or not (an invalid number, a template the provider
 * does not know).
 */
export class SmsError extends Error {
  override readonly name = 'SmsError';
  constructor(
    readonly code: string,
    readonly retryable: boolean,
    message: string,
  ) {
    super(message);
  }
}

export interface SmsAdapter {
  readonly name: AdapterName;
  send(request: SmsRequest): Promise<SmsReceipt>;
}

/** The local outbox: records nothing anywhere else, so every message "goes out" at once. */
export const outboxAdapter: SmsAdapter = {
  name: 'outbox',
  async send(request) {
    return { providerMessageId: `outbox:${request.messageId}` };
  },
};

export interface AdapterOptions {
  settings: MessageSettings;
  credentials: () => Promise<ProviderCredentials>;
  /** Another endpoint (tests: a stub server). AWS reads `AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2` itself. */
  endpoint?: string;
  /** Milliseconds a request may take before it counts as failed (and is retried later). */
  timeoutMs?: number;
}

/**
 * Alibaba Cloud SMS (dysmsapi 2017-05-25, SendSms): the template code registered with Alibaba
 * Cloud and its parameters as JSON, signed with the centre's signature (签名), to the number in the
 * national form; our message id as `OutId`. The request is signed with the AccessKey from the
 * provider credentials (ACS3-HMAC-SHA256). One attempt per call — the messages job retries.
 *
 * The SDK (1 MB bundled) is imported by the first message sent through Alibaba Cloud, never at the
 * job's cold start: in the cloud it is shipped beside the job's bundle (infra/functions.ts
 * lazyModules), so a centre on AWS End User Messaging or the outbox never reads it.
 */
import type * as Dysmsapi from '@alicloud/dysmsapi20170525';
import { type AdapterOptions, type SmsAdapter, SmsError } from './sms.ts';

type DysmsapiModule = typeof Dysmsapi;
type DysmsapiClient = InstanceType<DysmsapiModule['default']>;
/** The SDK's config: it reads the fields only, so a plain object serves (no openapi package of ours). */
type ClientConfig = ConstructorParameters<DysmsapiModule['default']>[0];

/**
 * The SDK's exports. It is CommonJS: Node's `import()` gives its `module.exports` as `default` (so
 * does the ES module shipped in the cloud), where the client class is that object's `default`; a
 * loader with interop (the test runner's) gives the exports themselves.
 */
async function loadSdk(): Promise<Pick<DysmsapiModule, 'default' | 'SendSmsRequest'>> {
  const loaded = (await import('@alicloud/dysmsapi20170525')) as unknown as DysmsapiModule & {
    default: DysmsapiModule | DysmsapiModule['default'];
  };
  const sdk = 'SendSmsRequest' in loaded.default ? loaded.default : loaded;
  return { default: sdk.default as DysmsapiModule['default'], SendSmsRequest: sdk.SendSmsRequest };
}

/**
 * Refusals no later attempt can get past (the number, the template, the signature, the content); any
 * other code — flow control, the balance, a system error — may pass later.
 */
const permanentCodes = new Set([
  'isv.MOBILE_NUMBER_ILLEGAL',
  'isv.MOBILE_COUNT_OVER_LIMIT',
  'isv.TEMPLATE_MISSING_PARAMETERS',
  'isv.SMS_TEMPLATE_ILLEGAL',
  'isv.SMS_SIGNATURE_ILLEGAL',
  'isv.SMS_SIGN_ILLEGAL',
  'isv.INVALID_PARAMETERS',
  'isv.INVALID_JSON_PARAM',
  'isv.PARAM_LENGTH_LIMIT',
  'isv.BLACK_KEY_CONTROL_LIMIT',
  'isv.SMS_CONTENT_ILLEGAL',
  'isv.TEMPLATE_PARAMS_ILLEGAL',
]);

export function aliyunFailure(error: unknown): SmsError {
  const failure = error as { code?: string; statusCode?: number; name?: string };
  if (typeof failure.statusCode === 'number') {
    const code = failure.code ?? `HTTP${failure.statusCode}`;
    const retryable =
      failure.statusCode >= 500 || failure.statusCode === 429 || code.startsWith('Throttling');
    return new SmsError(code, retryable, `Alibaba Cloud SMS refused the request (${code}).`);
  }
  return new SmsError(
    'network',
    true,
    `Alibaba Cloud SMS could not be reached (${failure.name ?? 'Error'}).`,
  );
}

/** `dysmsapi.aliyuncs.com` or `http://127.0.0.1:8080` → the SDK's endpoint and protocol. */
function endpointOf(endpoint: string): { endpoint: string; protocol: string } {
  const match = /^(https?):\/\/([^/]+)\/?$/.exec(endpoint);
  return match
    ? { protocol: match[1] as string, endpoint: match[2] as string }
    : { protocol: 'https', endpoint };
}

export function aliyunSmsAdapter(options: AdapterOptions): SmsAdapter {
  const timeout = options.timeoutMs ?? 5000;
  const target = endpointOf(options.endpoint ?? options.settings.aliyun.endpoint);
  let client: { key: string; value: DysmsapiClient } | undefined;
  let sdk: ReturnType<typeof loadSdk> | undefined;
  return {
    name: 'aliyun',
    async send(request) {
      const credentials = await options.credentials();
      if (!credentials.accessKeyId || !credentials.accessKeySecret) {
        throw new SmsError(
          'not-configured',
          true,
          'No accessKeyId/accessKeySecret in the SMS provider credentials.',
        );
      }
      sdk ??= loadSdk();
      const { default: Client, SendSmsRequest } = await sdk;
      // A key put into the secret later (a rotation) gets a client of its own.
      if (client?.key !== credentials.accessKeyId) {
        const config: ClientConfig = {
          accessKeyId: credentials.accessKeyId,
          accessKeySecret: credentials.accessKeySecret,
          endpoint: target.endpoint,
          protocol: target.protocol,
          readTimeout: timeout,
          connectTimeout: timeout,
        } as ClientConfig;
        client = { key: credentials.accessKeyId, value: new Client(config) };
      }
      let body: { code?: string; bizId?: string } | undefined;
      try {
        const response = await client.value.sendSms(
          new SendSmsRequest({
            phoneNumbers: request.phone,
            signName: options.settings.signName,
            templateCode: request.templateCode,
            templateParam: JSON.stringify(request.templateParams),
            outId: request.messageId,
          }),
        );
        body = response.body;
      } catch (error) {
        throw aliyunFailure(error);
      }
      if (body?.code !== 'OK') {
        const code = body?.code ?? 'no-code';
        throw new SmsError(
          code,
          !permanentCodes.has(code),
          `Alibaba Cloud SMS refused the message (${code}).`,
        );
      }
      return body.bizId ? { providerMessageId: body.bizId } : {};
    },
  };
}

/**
 * AWS End User Messaging SMS (the pinpoint-sms-voice-v2 API): SendTextMessage with the rendered
 * body, to the number in E.164, from the centre's origination identity (a registered phone number,
 * pool or sender id, from the provider credentials). The function's role signs the request (SigV4);
 * there are no keys. One attempt per call — the messages job retries, with its own backoff. The
 * client is imported with the first message, not at the job's cold start (the other adapters never
 * need it).
 */
import type { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { e164 } from '../../domain/messages/phone.ts';
import { type AdapterOptions, type SmsAdapter, SmsError } from './sms.ts';

/** Exceptions a later attempt can get past: throttling, quotas, an outage, a permission being fixed. */
const retryableNames = new Set([
  'ThrottlingException',
  'ServiceQuotaExceededException',
  'InternalServerException',
  'AccessDeniedException',
  'TimeoutError',
  'RequestTimeout',
]);

export function awsFailure(error: unknown): SmsError {
  // A service exception (the SDK's PinpointSMSVoiceV2ServiceException) says whose fault it was.
  const refusal = error as { $fault?: unknown; name?: string };
  if ((refusal.$fault === 'server' || refusal.$fault === 'client') && refusal.name) {
    const retryable = refusal.$fault === 'server' || retryableNames.has(refusal.name);
    return new SmsError(
      refusal.name,
      retryable,
      `AWS End User Messaging refused the message (${refusal.name}).`,
    );
  }
  const name = (error as Error).name ?? 'Error';
  // No answer from the service at all (a refused connection, a timeout): try again later.
  return new SmsError(
    retryableNames.has(name) ? name : 'network',
    true,
    `AWS End User Messaging could not be reached (${name}).`,
  );
}

export function awsSmsAdapter(options: AdapterOptions): SmsAdapter {
  const timeout = options.timeoutMs ?? 5000;
  let client:
    | Promise<{
        client: PinpointSMSVoiceV2Client;
        SendTextMessageCommand: typeof import('@aws-sdk/client-pinpoint-sms-voice-v2').SendTextMessageCommand;
      }>
    | undefined;
  const connect = async () => {
    const sdk = await import('@aws-sdk/client-pinpoint-sms-voice-v2');
    return {
      client: new sdk.PinpointSMSVoiceV2Client({
        maxAttempts: 1,
        requestHandler: { requestTimeout: timeout, connectionTimeout: timeout },
        ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      }),
      SendTextMessageCommand: sdk.SendTextMessageCommand,
    };
  };
  return {
    name: 'aws',
    async send(request) {
      const credentials = await options.credentials();
      if (!credentials.originationIdentity) {
        throw new SmsError('not-configured', true, 'No originationIdentity in the SMS provider credentials.');
      }
      client ??= connect();
      const { client: sms, SendTextMessageCommand } = await client;
      try {
        const result = await sms.send(
          new SendTextMessageCommand({
            DestinationPhoneNumber: e164(request.phone),
            OriginationIdentity: credentials.originationIdentity,
            MessageBody: request.text,
            MessageType: options.settings.aws.messageType,
            ...(credentials.configurationSetName
              ? { ConfigurationSetName: credentials.configurationSetName }
              : {}),
            Context: { messageId: request.messageId },
          }),
        );
        return result.MessageId ? { providerMessageId: result.MessageId } : {};
      } catch (error) {
        throw awsFailure(error);
      }
    },
  };
}

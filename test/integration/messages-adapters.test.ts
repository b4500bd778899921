/**
 * The SMS adapters against stand-ins of the providers on a loopback port (no real network): the
 * real SDK clients build, sign and send the request; the stand-in records it. Checked: the request's
 * shape (signature headers, the template code and parameters for Alibaba Cloud, the text body and
 * the number in E.164 for AWS) and how each provider's failures come back (the provider's code,
 * retryable or not). Also where the credentials come from: a Secrets Manager secret, read again
 * after five minutes.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { messageSettings } from '../../functions/config/messages.ts';
import { providerCredentials } from '../../functions/store/messages/credentials.ts';
import { SmsError, type SmsRequest } from '../../functions/store/messages/sms.ts';
import { aliyunSmsAdapter } from '../../functions/store/messages/sms-aliyun.ts';
import { awsSmsAdapter } from '../../functions/store/messages/sms-aws.ts';
import { startSecretsManager } from '../support/secrets-manager.ts';
import { type SmsStub, startSmsStub } from '../support/sms-stubs.ts';

const settings = messageSettings();
const request: SmsRequest = {
  messageId: 'resultReady:case:YC0001-20261201-0001',
  phone: '13812345678',
  text: '【云川市政务服务中心】您申请的社会团体变更登记（受理编号YC0001-20261201-0001）已办结。',
  templateCode: 'SMS_000000004',
  templateParams: { item: '社会团体变更登记', caseNo: 'YC0001-20261201-0001', place: 'B区 01–03 号窗口' },
};

async function failure(send: () => Promise<unknown>): Promise<SmsError> {
  try {
    await send();
  } catch (error) {
    if (error instanceof SmsError) return error;
    throw error;
  }
  throw new Error('the message was sent');
}

const savedEnv = { ...process.env };
const awsEnvironment = {
  AWS_REGION: 'ap-southeast-1',
  AWS_ACCESS_KEY_ID: 'AKIDSTUB',
  AWS_SECRET_ACCESS_KEY: 'stub-secret',
};
beforeEach(() => {
  Object.assign(process.env, awsEnvironment);
});
afterEach(() => {
  process.env = { ...savedEnv };
});

describe('AWS End User Messaging SMS', () => {
  let stub: SmsStub;
  beforeAll(async () => {
    stub = await startSmsStub('aws');
    Object.assign(process.env, {
      AWS_REGION: 'ap-southeast-1',
      AWS_ACCESS_KEY_ID: 'AKIDSTUB',
      AWS_SECRET_ACCESS_KEY: 'stub-secret',
    });
  });
  afterAll(() => stub?.close());
  const adapter = () =>
    awsSmsAdapter({
      settings,
      endpoint: stub.endpoint,
      credentials: async () => ({ originationIdentity: 'pool-yichuang', configurationSetName: 'yichuang' }),
    });

  it('sends SendTextMessage, signed (SigV4), the body as text, the number in E.164, from the origination identity', async () => {
    stub.mode = 'ok';
    const receipt = await adapter().send(request);
    expect(receipt.providerMessageId).toMatch(/^aws-\d+$/);
    const recorded = stub.requests.at(-1);
    expect(recorded?.method).toBe('POST');
    expect(recorded?.headers['x-amz-target']).toBe('PinpointSMSVoiceV2.SendTextMessage');
    expect(recorded?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDSTUB\/\d{8}\/ap-southeast-1\/sms-voice\/aws4_request, SignedHeaders=[^,]*x-amz-target[^,]*, Signature=[0-9a-f]{64}$/,
    );
    expect(recorded?.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
    expect(JSON.parse(recorded?.body ?? '{}')).toEqual({
      DestinationPhoneNumber: '+8613812345678',
      OriginationIdentity: 'pool-yichuang',
      MessageBody: request.text,
      MessageType: 'TRANSACTIONAL',
      ConfigurationSetName: 'yichuang',
      Context: { messageId: request.messageId },
    });
  });

  it('reports throttling and outages as retryable, a validation refusal as not, each with its exception name', async () => {
    const seen = stub.requests.length;
    stub.mode = 'throttled';
    expect(await failure(() => adapter().send(request))).toMatchObject({
      code: 'ThrottlingException',
      retryable: true,
    });
    stub.mode = 'down';
    expect(await failure(() => adapter().send(request))).toMatchObject({
      code: 'InternalServerException',
      retryable: true,
    });
    stub.mode = 'refused';
    expect(await failure(() => adapter().send(request))).toMatchObject({
      code: 'ValidationException',
      retryable: false,
    });
    // One request per attempt: the SDK does not retry behind the job's back.
    expect(stub.requests.length - seen).toBe(3);
  });

  it('reports an unreachable service as retryable, and no origination identity as not configured', async () => {
    const unreachable = awsSmsAdapter({
      settings,
      endpoint: 'http://127.0.0.1:9',
      credentials: async () => ({ originationIdentity: 'pool-yichuang' }),
    });
    expect(await failure(() => unreachable.send(request))).toMatchObject({
      code: 'network',
      retryable: true,
    });
    const unconfigured = awsSmsAdapter({ settings, endpoint: stub.endpoint, credentials: async () => ({}) });
    expect(await failure(() => unconfigured.send(request))).toMatchObject({
      code: 'not-configured',
      retryable: true,
    });
  });
});

describe('Alibaba Cloud SMS', () => {
  let stub: SmsStub;
  beforeAll(async () => {
    stub = await startSmsStub('aliyun');
  });
  afterAll(() => stub?.close());
  const adapter = () =>
    aliyunSmsAdapter({
      settings,
      endpoint: stub.endpoint,
      credentials: async () => ({ accessKeyId: 'LTAIstub', accessKeySecret: 'stub-secret' }),
    });

  it('sends SendSms, signed (ACS3-HMAC-SHA256), with the template code, its parameters, the signature and the national number', async () => {
    stub.mode = 'ok';
    const receipt = await adapter().send(request);
    expect(receipt.providerMessageId).toMatch(/^biz-\d+$/);
    const recorded = stub.requests.at(-1);
    expect(recorded?.method).toBe('POST');
    expect(recorded?.headers['x-acs-action']).toBe('SendSms');
    expect(recorded?.headers['x-acs-version']).toBe('2017-05-25');
    expect(recorded?.headers['x-acs-signature-nonce']).toMatch(/^[0-9a-f]{16,}$/);
    expect(recorded?.headers.authorization).toMatch(
      /^ACS3-HMAC-SHA256 Credential=LTAIstub,SignedHeaders=[^,]*x-acs-action[^,]*,Signature=[0-9a-f]{64}$/,
    );
    expect(Object.fromEntries(recorded?.query ?? [])).toEqual({
      PhoneNumbers: '13812345678',
      SignName: '云川市政务服务中心',
      TemplateCode: 'SMS_000000004',
      TemplateParam: JSON.stringify(request.templateParams),
      OutId: request.messageId,
    });
  });

  it('reports flow control and an outage as retryable, an illegal number as not, each with its code', async () => {
    stub.mode = 'throttled';
    expect(await failure(() => adapter().send(request))).toMatchObject({
      code: 'isv.BUSINESS_LIMIT_CONTROL',
      retryable: true,
    });
    stub.mode = 'refused';
    expect(await failure(() => adapter().send(request))).toMatchObject({
      code: 'isv.MOBILE_NUMBER_ILLEGAL',
      retryable: false,
    });
    stub.mode = 'down';
    expect(await failure(() => adapter().send(request))).toMatchObject({
      code: 'ServiceUnavailable',
      retryable: true,
    });
  });

  it('reports missing keys as not configured, without a request', async () => {
    const seen = stub.requests.length;
    const unconfigured = aliyunSmsAdapter({
      settings,
      endpoint: stub.endpoint,
      credentials: async () => ({ accessKeyId: 'x' }),
    });
    expect(await failure(() => unconfigured.send(request))).toMatchObject({ code: 'not-configured' });
    expect(stub.requests.length).toBe(seen);
  });
});

describe('the provider credentials', () => {
  it('come from the Secrets Manager secret, read again after five minutes, never echoed when malformed', async () => {
    const secrets = await startSecretsManager(
      JSON.stringify({ accessKeyId: 'LTAIone', accessKeySecret: 's1' }),
    );
    try {
      process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = secrets.endpoint;
      let clock = 0;
      const read = providerCredentials(
        { ...process.env, MESSAGES_SECRET_ARN: secrets.secretId },
        () => clock,
      );
      expect(await read()).toEqual({ accessKeyId: 'LTAIone', accessKeySecret: 's1' });
      secrets.put(JSON.stringify({ accessKeyId: 'LTAItwo', accessKeySecret: 's2' }));
      clock += 60_000;
      expect((await read()).accessKeyId).toBe('LTAIone');
      clock += 5 * 60_000;
      expect((await read()).accessKeyId).toBe('LTAItwo');
      secrets.put('not json: s3cr3t');
      clock += 5 * 60_000;
      await expect(read()).rejects.toThrow(/^The SMS provider secret is not JSON\.$/);
    } finally {
      await secrets.close();
    }
  });

  it('come from MESSAGES_CREDENTIALS on one machine, and are empty when neither is set', async () => {
    expect(await providerCredentials({ MESSAGES_CREDENTIALS: '{"originationIdentity":"pool-1"}' })()).toEqual(
      {
        originationIdentity: 'pool-1',
      },
    );
    expect(await providerCredentials({})()).toEqual({});
  });
});

/**
 * Messages to visitors on the real local runtime, with the AWS End User Messaging adapter pointed at
 * a stand-in of the provider (and its credentials in a Secrets Manager stand-in), the messages job
 * invoked as its schedule invokes it:
 *
 * - a case decided while the provider is down: the command succeeds, the message is recorded failed
 *   with the provider's code and retried by a later run, then sent;
 * - "your number is near" is queued once per ticket, whatever the calls that follow (also at once);
 * - the outbox lists the day's messages, masked, to the roles that may read them;
 * - no phone in clear in any log line, response or message listing.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliverySummary } from '../../functions/jobs/messages.ts';
import { messagesFunction } from '../../infra/functions.ts';
import { scheduledEvent } from '../../infra/local/scheduler.ts';
import { apiCaller } from '../support/api.ts';
import { startTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { type SecretsManagerStandIn, startSecretsManager } from '../support/secrets-manager.ts';
import { type SmsStub, startSmsStub } from '../support/sms-stubs.ts';

interface MessageView {
  id: string;
  event: string;
  subject: { kind: string; id: string };
  phoneMasked: string;
  text: string;
  status: string;
  attempts: { adapter: string; outcome: string; code?: string }[];
  nextAttemptAt?: string;
  department?: string;
}

const applicantPhone = '13812345678';
const visitorPhone = '13912345678';
const secrets = [applicantPhone, visitorPhone, `+86${applicantPhone}`, `+86${visitorPhone}`];

let runtime: TestRuntime;
let sms: SmsStub;
let secretsManager: SecretsManagerStandIn;
const responses: string[] = [];
const savedEnv = { ...process.env };

const call = apiCaller(() => runtime, responses);

/** One run of the messages job at `at`, as the schedule would invoke it. */
function deliverAt(at: Date): Promise<DeliverySummary> {
  return runtime.host.invoke(
    messagesFunction,
    scheduledEvent(at, 'yichuang-messages'),
  ) as Promise<DeliverySummary>;
}

async function messages(user = 'supervisor'): Promise<MessageView[]> {
  const reply = await call('GET', '/api/messages?limit=200', { user });
  expect(reply.status).toBe(200);
  return reply.body.items as MessageView[];
}

const intake = {
  itemCode: 'YC-MZ-0102',
  applicant: { kind: 'individual', name: '张三丰', idNumber: '11010519491231002X', phone: applicantPhone },
  materials: ['m1', 'm2', 'm3', 'm6'].map((id) => ({ id, state: 'submitted' })),
};

beforeAll(async () => {
  sms = await startSmsStub('aws');
  secretsManager = await startSecretsManager(JSON.stringify({ originationIdentity: 'pool-yichuang' }));
  // The function host's worker takes the environment it starts with: the AWS adapter, its endpoint
  // and its secret, as the CDK stack would set them (the endpoints pointed at the stand-ins).
  Object.assign(process.env, {
    MESSAGES_ADAPTER: 'aws',
    MESSAGES_SECRET_ARN: secretsManager.secretId,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: secretsManager.endpoint,
    AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2: sms.endpoint,
  });
  runtime = await startTestRuntime({ logLevel: 'INFO' });
}, 60_000);
afterAll(async () => {
  await runtime?.stop();
  await sms?.close();
  await secretsManager?.close();
  process.env = savedEnv;
});

describe('a case decided while the SMS provider is down', () => {
  it('succeeds; the message is recorded failed with the provider’s code, retried, then sent', async () => {
    const created = await call('POST', '/api/cases', {
      user: 'clerk',
      body: intake,
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(created.status).toBe(201);
    const caseNo = created.body.caseNo as string;
    expect(
      (
        await call('POST', `/api/cases/${caseNo}/acceptance`, {
          user: 'clerk',
          body: { version: 1, told: '受理' },
        })
      ).status,
    ).toBe(200);

    sms.mode = 'down';
    const seen = sms.requests.length;
    const approved = await call('POST', `/api/cases/${caseNo}/approval`, {
      user: 'clerk',
      body: { version: 2, told: '准予许可' },
    });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('decided');
    // The command did not talk to the provider: it queued the message.
    expect(sms.requests.length).toBe(seen);
    const id = `resultReady:case:${caseNo}`;
    const queued = (await messages()).find((message) => message.id === id);
    expect(queued).toMatchObject({
      event: 'resultReady',
      status: 'queued',
      phoneMasked: '138****5678',
      department: 'mz',
    });
    expect(queued?.text).toContain(caseNo);

    const now = new Date();
    const first = await deliverAt(now);
    expect(first).toMatchObject({
      adapter: 'aws',
      retrying: 1,
      sent: 0,
      byCode: { InternalServerException: 1 },
    });
    const failed = (await messages()).find((message) => message.id === id);
    expect(failed).toMatchObject({
      status: 'failed',
      attempts: [{ adapter: 'aws', outcome: 'failed', code: 'InternalServerException' }],
    });
    expect(failed?.nextAttemptAt).toBeDefined();

    // Not due again before its backoff; due after it, when the provider is back.
    sms.mode = 'ok';
    expect((await deliverAt(new Date(now.getTime() + 30_000))).examined).toBe(0);
    const second = await deliverAt(new Date(Date.parse(failed?.nextAttemptAt as string) + 1000));
    expect(second).toMatchObject({ sent: 1, retrying: 0, failed: 0 });
    const sent = (await messages()).find((message) => message.id === id);
    expect(sent?.status).toBe('sent');
    expect(sent?.attempts.map((attempt) => attempt.outcome)).toEqual(['failed', 'sent']);

    const request = JSON.parse(sms.requests.at(-1)?.body ?? '{}') as Record<string, unknown>;
    expect(request).toMatchObject({
      DestinationPhoneNumber: `+86${applicantPhone}`,
      OriginationIdentity: 'pool-yichuang',
    });
    expect(request.MessageBody).toContain(caseNo);
  });

  it('queues it once: a decision the case already had does not queue another', async () => {
    const resultMessages = (await messages()).filter((message) => message.event === 'resultReady');
    expect(resultMessages).toHaveLength(1);
  });
});

describe('"your number is near"', () => {
  it('is queued once for a ticket with a phone when it comes within three of the head of its queue', async () => {
    const taken: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const ticket = await call('POST', '/api/public/tickets', { body: { category: 'civil-affairs' } });
      expect(ticket.status).toBe(201);
      taken.push(ticket.body.ticketNo as string);
    }
    const withPhone = await call('POST', '/api/public/tickets', {
      body: { category: 'civil-affairs', phone: '139 1234 5678' },
    });
    expect(withPhone.status).toBe(201);
    expect(withPhone.body).toMatchObject({ ahead: 4, notifyPhone: '139****5678' });
    const ticketNo = withPhone.body.ticketNo as string;
    const near = () =>
      messages().then((all) => all.filter((message) => message.event === 'ticketNearlyCalled'));

    expect((await call('POST', '/api/windows/mz-01/calls', { user: 'clerk' })).status).toBe(201);
    expect(await near()).toEqual([
      expect.objectContaining({
        status: 'queued',
        phoneMasked: '139****5678',
        subject: { kind: 'ticket', id: expect.stringMatching(new RegExp(`#${ticketNo}$`)) },
      }),
    ]);
    expect((await near())[0]?.text).toContain(`${ticketNo}号（民政业务）前面还有3人`);
    // Two more calls at once (the window's A and B posts), then another: still the one message.
    const calls = await Promise.all([
      call('POST', '/api/windows/mz-01/calls', { user: 'clerk' }),
      call('POST', '/api/windows/mz-01/calls', { user: 'clerk-b' }),
    ]);
    expect(calls.map((reply) => reply.status)).toEqual([201, 201]);
    expect((await call('POST', '/api/windows/mz-01/calls', { user: 'clerk' })).status).toBe(201);
    expect(await near()).toHaveLength(1);

    const summary = await deliverAt(new Date());
    expect(summary.sent).toBeGreaterThanOrEqual(1);
    expect((await near())[0]?.status).toBe('sent');
    const request = JSON.parse(sms.requests.at(-1)?.body ?? '{}') as Record<string, unknown>;
    expect(request.DestinationPhoneNumber).toBe(`+86${visitorPhone}`);
  });

  it('refuses a phone that is not a mobile number, naming the field', async () => {
    const reply = await call('POST', '/api/public/tickets', {
      body: { category: 'civil-affairs', phone: '010-12345678' },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([expect.objectContaining({ field: 'body.phone', rule: 'mobile' })]);
  });
});

describe('the outbox', () => {
  it('lists a department’s messages to its chief, every one to supervision, none to another department', async () => {
    const all = await messages('supervisor');
    expect(all.length).toBeGreaterThanOrEqual(2);
    expect((await messages('chief')).length).toBe(
      all.filter((message) => message.department === 'mz').length,
    );
    expect(await messages('chief-sj')).toEqual([]);
    expect((await call('GET', '/api/messages', { user: 'clerk' })).status).toBe(403);
    expect((await call('GET', '/api/messages?date=2026-13-01', { user: 'admin' })).status).toBe(400);
    expect((await call('GET', '/api/messages?cursor=bm90LWEta2V5', { user: 'admin' })).status).toBe(400);
  });
});

describe('personal data', () => {
  it('finds no phone in clear in any log line, response or listing', async () => {
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(runtime.functionLog.some((line) => line.includes('Message queued'))).toBe(true);
    expect(runtime.functionLog.some((line) => line.includes('Message not sent'))).toBe(true);
    const haystacks = [...runtime.functionLog, ...runtime.log, ...responses];
    for (const secret of secrets) {
      expect(
        haystacks.filter((line) => line.includes(secret)),
        `"${secret}" appears in clear`,
      ).toEqual([]);
    }
  });
});

/**
 * Messages to visitors on the real local runtime, with the AWS End User Messaging adapter pointed at
 * a stand-in of the provider (and its credentials in a Secrets Manager stand-in), the messages job
 * invoked as its schedule invokes it:
 *
 * - a case decided while the provider is down: the command succeeds, the message is recorded failed
 *   with the provider's code and retried by a later run, then sent;
 * - "your number is near" is queued once per ticket, whatever the calls that follow (also at once);
 * - a booking queues 预约成功 (its code masked for staff, sent in clear) and the reminder of the day
 *   before, sent only at its time; a cancellation withdraws the reminder; a checked-in holder is
 *   told their number is near; a booking stands when its messages cannot be written (an injected
 *   failure of the table, the only mock here);
 * - the outbox lists the day's messages, masked, to the roles that may read them;
 * - no phone in clear in any log line, response or message listing.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addDays } from '../../functions/domain/calendar/civil.ts';
import { civilDateAt } from '../../functions/domain/calendar/instant.ts';
import type { DeliverySummary } from '../../functions/jobs/messages.ts';
import { messagesFunction } from '../../infra/functions.ts';
import { functionEnvironment } from '../../infra/local/runtime.ts';
import { scheduledEvent } from '../../infra/local/scheduler.ts';
import { readLocalSettings } from '../../infra/local/settings.ts';
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
  template: { params: Record<string, string> };
  maskedParams?: string[];
  notBefore: string;
  status: string;
  attempts: { adapter: string; outcome: string; code?: string }[];
  nextAttemptAt?: string;
  department?: string;
}

const applicantPhone = '13812345678';
const visitorPhone = '13912345678';
/** The phones of the bookings here, one each (a phone holds at most three open bookings). */
const holderPhones = ['13712345601', '13712345602', '13712345603', '13712345604'];
/** The phone of the booking whose messages the table refuses. */
const refusedPhone = '13612345609';
const secrets = [
  ...[applicantPhone, visitorPhone, ...holderPhones, refusedPhone].flatMap((phone) => [phone, `+86${phone}`]),
];

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

interface Booked {
  code: string;
  date: string;
  time: string;
  /** The booking's messages, by event. */
  messages: Record<string, MessageView>;
}

/** The first open slot of civil affairs on or after `from` (the sample hall books round the clock). */
async function slotFrom(from: string): Promise<{ date: string; time: string }> {
  const reply = await call('GET', `/api/public/appointment-slots?category=civil-affairs&from=${from}&days=7`);
  expect(reply.status).toBe(200);
  const days = reply.body.days as { date: string; slots: { time: string; remaining: number }[] }[];
  for (const day of days) {
    const slot = day.slots.find((candidate) => candidate.remaining > 0);
    if (slot) return { date: day.date, time: slot.time };
  }
  throw new Error(`no open slot from ${from}`);
}

async function bookingMessages(): Promise<MessageView[]> {
  return (await messages()).filter((message) => message.subject.kind === 'appointment');
}

async function book(slot: { date: string; time: string }, phone: string): Promise<Booked> {
  const before = new Set((await bookingMessages()).map((message) => message.id));
  const reply = await call('POST', '/api/public/appointments', {
    body: { category: 'civil-affairs', ...slot, name: '王预约', phone },
  });
  expect(reply.status).toBe(201);
  const fresh = (await bookingMessages()).filter((message) => !before.has(message.id));
  return {
    code: reply.body.code as string,
    ...slot,
    messages: Object.fromEntries(fresh.map((message) => [message.event, message])),
  };
}

/** A message item as stored, every attribute (the sealed ones too). */
async function storedMessage(id: string): Promise<Record<string, unknown>> {
  const result = await DynamoDBDocumentClient.from(runtime.store.client).send(
    new GetCommand({ TableName: 'yichuang', Key: { pk: `message#${id}`, sk: 'message' } }),
  );
  return result.Item ?? {};
}

const sentTo = (phone: string) =>
  sms.requests
    .map((request) => JSON.parse(request.body) as { DestinationPhoneNumber: string; MessageBody: string })
    .filter((request) => request.DestinationPhoneNumber === `+86${phone}`);

describe('a booking’s messages', () => {
  const today = civilDateAt(new Date());
  let booked: Booked;

  it('queues 预约成功, its code masked for staff, and the reminder for 09:00 the day before', async () => {
    booked = await book(await slotFrom(addDays(today, 2)), holderPhones[0] as string);
    const { bookingConfirmed: confirmed, bookingReminder: reminder } = booked.messages;
    expect(confirmed).toMatchObject({
      status: 'queued',
      phoneMasked: '137****5601',
      department: 'mz',
      maskedParams: ['code'],
      template: { params: { code: '********', business: '民政业务' } },
    });
    expect(confirmed?.text).toContain('预约码********。');
    expect(reminder).toMatchObject({ status: 'queued', phoneMasked: '137****5601', department: 'mz' });
    expect(reminder?.notBefore).toBe(`${addDays(booked.date, -1)}T09:00:00+08:00`);
    // Both are about the booking's key, not its code, and one booking's two messages share it.
    expect(confirmed?.subject.id).toBe(reminder?.subject.id);
    expect(confirmed?.subject.id).not.toContain(booked.code);
    // The code is nowhere a member of staff could read it: not in the outbox, not in the item.
    const listing = await call('GET', '/api/messages?limit=200', { user: 'supervisor' });
    expect(listing.text).not.toContain(booked.code);
    const item = await storedMessage(confirmed?.id as string);
    expect(item.contentSealed).toEqual(expect.any(String));
    expect(JSON.stringify(item)).not.toContain(booked.code);
    expect(JSON.stringify(item)).not.toContain(holderPhones[0]);
  });

  it('sends the confirmation at once with the code in clear, and the reminder only at its time', async () => {
    sms.mode = 'ok';
    const phone = holderPhones[0] as string;
    await deliverAt(new Date());
    const [confirmation] = sentTo(phone);
    expect(confirmation?.MessageBody).toContain(`预约码${booked.code}。`);
    expect(sentTo(phone)).toHaveLength(1);
    const confirmedId = booked.messages.bookingConfirmed?.id as string;
    expect((await bookingMessages()).find((message) => message.id === confirmedId)?.status).toBe('sent');
    // Sent: the content in clear is not kept any longer.
    expect((await storedMessage(confirmedId)).contentSealed).toBeUndefined();

    const reminder = booked.messages.bookingReminder as MessageView;
    await deliverAt(new Date(Date.parse(reminder.notBefore) - 60_000));
    expect(sentTo(phone)).toHaveLength(1);
    await deliverAt(new Date(Date.parse(reminder.notBefore)));
    expect(sentTo(phone)).toHaveLength(2);
    expect(sentTo(phone)[1]?.MessageBody).toContain('提醒：您预约了明天');
    expect((await bookingMessages()).find((message) => message.id === reminder.id)?.status).toBe('sent');
  });

  it('sends no reminder for a booking made the day before', async () => {
    const tomorrow = await book(await slotFrom(addDays(today, 1)), holderPhones[1] as string);
    expect(tomorrow.date).toBe(addDays(today, 1));
    expect(Object.keys(tomorrow.messages)).toEqual(['bookingConfirmed']);
  });

  it('withdraws the reminder when the booking is cancelled; it is never sent', async () => {
    const phone = holderPhones[2] as string;
    const cancelled = await book(await slotFrom(addDays(today, 3)), phone);
    await deliverAt(new Date());
    const reply = await call('POST', '/api/public/appointments/cancellation', {
      body: { code: cancelled.code, phoneLast4: phone.slice(-4) },
    });
    expect(reply.status).toBe(200);
    const reminder = cancelled.messages.bookingReminder as MessageView;
    const withdrawn = (await bookingMessages()).find((message) => message.id === reminder.id);
    expect(withdrawn?.status).toBe('cancelled');
    await deliverAt(new Date(Date.parse(reminder.notBefore)));
    expect(sentTo(phone).map((request) => request.MessageBody)).toEqual([
      expect.stringContaining(`预约码${cancelled.code}`),
    ]);
  });

  it('tells a checked-in holder that their number is near, at the phone they booked with', async () => {
    const phone = holderPhones[3] as string;
    // The slot starting next: its check-in is open now.
    const next = await book(await slotFrom(today), phone);
    // Two visitors called ahead of everyone (绿色通道), then the holder checks in behind them.
    for (let i = 0; i < 2; i += 1) {
      const ahead = await call('POST', '/api/public/tickets', {
        body: { category: 'civil-affairs', priority: 'elderly' },
      });
      expect(ahead.status).toBe(201);
    }
    const checkedIn = await call('POST', '/api/public/appointments/check-in', { body: { code: next.code } });
    expect(checkedIn.status).toBe(201);
    expect(checkedIn.body).toMatchObject({ priority: 'appointment', notifyPhone: '137****5604', ahead: 2 });
    const ticketNo = checkedIn.body.ticketNo as string;

    expect((await call('POST', '/api/windows/mz-01/calls', { user: 'clerk' })).status).toBe(201);
    const near = (await messages()).find(
      (message) =>
        message.event === 'ticketNearlyCalled' && message.subject.id === `${checkedIn.body.date}#${ticketNo}`,
    );
    expect(near).toMatchObject({ status: 'queued', phoneMasked: '137****5604' });
    expect(near?.text).toContain(`${ticketNo}号（民政业务）前面还有1人`);
    await deliverAt(new Date());
    expect(sentTo(phone).some((request) => request.MessageBody.includes(`${ticketNo}号`))).toBe(true);
  });
});

describe('a booking whose messages cannot be written', () => {
  it('stands all the same, the failure logged masked (the table refuses message items: injected)', async () => {
    // The booking command in this process, on the runtime's table and keys.
    Object.assign(
      process.env,
      await functionEnvironment(runtime.store, {
        ...readLocalSettings({}),
        dataDir: runtime.dataDir,
        logLevel: 'SILENT',
      }),
    );
    const { bookSlot } = await import('../../functions/http/counter/appointment-commands.ts');
    const { dynamoDocumentClient } = await import('../../functions/store/client.ts');
    const { logger } = await import('../../functions/http/observability.ts');
    const client = dynamoDocumentClient();
    const send = client.send.bind(client) as (command: unknown) => Promise<unknown>;
    const refused = vi
      .spyOn(client, 'send')
      .mockImplementation(((command: {
        constructor: { name: string };
        input: { Item?: { type?: string } };
      }) =>
        command.constructor.name === 'PutCommand' && command.input.Item?.type === 'message'
          ? Promise.reject(new Error('injected: the table refused the message'))
          : send(command)) as unknown as typeof client.send);
    const logged = vi.spyOn(logger, 'error');
    const phone = refusedPhone;
    const slot = await slotFrom(addDays(civilDateAt(new Date()), 2));
    let code: string;
    let errors: unknown[][];
    try {
      const booked = await bookSlot(
        'yichuang',
        { category: 'civil-affairs', ...slot, name: '赵预约', phone },
        Date.now(),
      );
      code = booked.code;
    } finally {
      errors = [...logged.mock.calls];
      refused.mockRestore();
      logged.mockRestore();
    }
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    // Both messages were tried and refused; the log names them with the phone masked only.
    const failures = errors.filter(([message]) => message === 'Message not queued');
    expect(failures.map(([, fields]) => (fields as { event: string }).event).sort()).toEqual([
      'bookingConfirmed',
      'bookingReminder',
    ]);
    expect(failures.map(([, fields]) => (fields as { phone: string }).phone)).toEqual([
      '136****5609',
      '136****5609',
    ]);
    expect(JSON.stringify(errors)).not.toContain(phone);
    // The booking stands: the desk lists it, and no message of it exists.
    const day = await call('GET', `/api/appointments?date=${slot.date}&category=civil-affairs`, {
      user: 'clerk',
    });
    expect(
      (day.body.appointments as { time: string; holder: { phone: string } }[]).filter(
        (row) => row.holder.phone === '136****5609',
      ),
    ).toEqual([expect.objectContaining({ time: slot.time, state: 'booked' })]);
    expect((await messages()).filter((message) => message.phoneMasked === '136****5609')).toEqual([]);
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

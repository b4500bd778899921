/**
 * Messages to visitors as pure rules: the settings file (every template modelled for both
 * providers, errors naming the key), rendering, and a message's life — retries with a doubling
 * delay, bounded by attempts and by its expiry, never for a failure a retry cannot cure.
 */
import { describe, expect, it } from 'vitest';
import rawSettings from '../../../functions/config/messages.json' with { type: 'json' };
import { messageSettings } from '../../../functions/config/messages.ts';
import { mobileNumber } from '../../../functions/domain/identity-number.ts';
import {
  cancelMessage,
  claimMessage,
  e164,
  isDue,
  isExpired,
  isMaskedMobile,
  type Message,
  MessageError,
  MessageSettingsError,
  messageContent,
  messageEvents,
  parseMessageSettings,
  placeholdersOf,
  queueMessage,
  recordFailed,
  recordSent,
  renderTemplate,
  retryDelayMs,
} from '../../../functions/domain/messages/index.ts';
import { bookingConfirmedInput } from '../../support/messages.ts';

const settings = messageSettings();
const T = (local: string) => `${local}+08:00`;

function resultReady(now = T('2026-12-01T10:00:00')): Message {
  return queueMessage(
    {
      id: 'resultReady:case:YC0001-20261201-0001',
      event: 'resultReady',
      subject: { kind: 'case', id: 'YC0001-20261201-0001' },
      department: 'mz',
      phoneMasked: '138****5678',
      params: { item: '社会团体变更登记', caseNo: 'YC0001-20261201-0001', place: 'B区 01–03 号窗口' },
      now,
    },
    settings,
  );
}

function withTemplate(change: (templates: Record<string, Record<string, unknown>>) => void) {
  const copy = structuredClone(rawSettings) as unknown as {
    templates: Record<string, Record<string, unknown>>;
  };
  change(copy.templates);
  return copy;
}

function refusal(raw: unknown): string {
  try {
    parseMessageSettings(raw, 'messages.json');
  } catch (error) {
    if (error instanceof MessageSettingsError) return error.message;
    throw error;
  }
  throw new Error('the settings were accepted');
}

describe('the settings (functions/config/messages.json)', () => {
  it('has a template for every event, with the same parameters in the text and for Alibaba Cloud', () => {
    expect(Object.keys(settings.templates).sort()).toEqual([...messageEvents].sort());
    for (const template of Object.values(settings.templates)) {
      expect(placeholdersOf(template.text).sort()).toEqual([...template.params].sort());
      expect(template.aliyunTemplateCode).toMatch(/^SMS_\d+$/);
    }
    expect(settings.adapter).toBe('outbox');
    expect(settings.nearlyCalledAhead).toBe(3);
  });

  it('refuses a wrong key, naming it', () => {
    expect(refusal({ ...rawSettings, adapter: 'twilio' })).toContain(
      'adapter: expected one of outbox, aws, aliyun',
    );
    expect(
      refusal(withTemplate((t) => ((t.resultReady as Record<string, unknown>).params = ['item', 'caseNo']))),
    ).toContain('templates.resultReady.text: {place} is not one of the params');
    expect(
      refusal(
        withTemplate(
          (t) => ((t.resultReady as Record<string, unknown>).params = ['item', 'caseNo', 'place', 'x']),
        ),
      ),
    ).toContain('templates.resultReady.params[3]: "x" is not used in the text');
    expect(
      refusal(
        withTemplate((t) => ((t.ticketNearlyCalled as Record<string, unknown>).aliyunTemplateCode = '123')),
      ),
    ).toContain('templates.ticketNearlyCalled.aliyunTemplateCode');
    expect(refusal(withTemplate((t) => delete t.bookingReminder))).toContain(
      'templates.bookingReminder: missing',
    );
    expect(refusal({ ...rawSettings, retry: { maxAttempts: 0 } })).toContain('retry.maxAttempts');
  });
});

describe('rendering', () => {
  it('fills the placeholders, signature first; the template code and parameters travel for Alibaba Cloud', () => {
    const message = resultReady();
    expect(message.text).toBe(
      '【云川市政务服务中心】您申请的社会团体变更登记（受理编号YC0001-20261201-0001）已办结，请凭受理通知书到B区 01–03 号窗口领取办理结果，也可凭受理编号和查询码在网上查询。',
    );
    expect(message.template).toEqual({
      code: settings.templates.resultReady.aliyunTemplateCode,
      params: { item: '社会团体变更登记', caseNo: 'YC0001-20261201-0001', place: 'B区 01–03 号窗口' },
    });
    expect(message.status).toBe('queued');
    expect(message.nextAttemptAt).toBe(message.createdAt);
  });

  it('masks a booking code in the text and parameters it keeps; the content in clear is apart', () => {
    const input = bookingConfirmedInput(T('2026-12-01T10:00:00'));
    const message = queueMessage(input, settings);
    expect(message.text).toContain('预约码********。');
    expect(JSON.stringify(message)).not.toContain('K7M2Q9XP');
    expect(message.template.params).toMatchObject({ code: '********', business: '民政业务' });
    expect(message.maskedParams).toEqual(['code']);
    const content = messageContent(input, settings);
    expect(content.text).toBe(message.text.replace('********', 'K7M2Q9XP'));
    expect(content.params).toEqual({ ...message.template.params, code: 'K7M2Q9XP' });
    // An event without a secret masks nothing.
    expect(resultReady().maskedParams).toBeUndefined();
    expect(() => queueMessage({ ...input, params: { ...input.params, code: ' ' } }, settings)).toThrow(
      MessageError,
    );
  });

  it('refuses a missing parameter (a caller’s bug), and numbers are text', () => {
    expect(() => renderTemplate(settings.templates.resultReady, '中心', { item: '甲', caseNo: 'X' })).toThrow(
      MessageError,
    );
    expect(
      renderTemplate(settings.templates.ticketNearlyCalled, '中心', {
        ticketNo: 'A005',
        category: '民政业务',
        ahead: 0,
      }).params.ahead,
    ).toBe('0');
  });
});

describe('a message’s life', () => {
  const retry = settings.retry;

  it('retries with a doubling delay, capped', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => retryDelayMs(n, retry) / 1000)).toEqual([
      60, 120, 240, 480, 960, 1800, 1800,
    ]);
  });

  it('is failed with the adapter’s code and retried, then sent', () => {
    const queued = resultReady();
    expect(isDue(queued, T('2026-12-01T10:00:00'))).toBe(true);
    const claimed = claimMessage(queued, T('2026-12-01T10:00:00'), 120_000);
    expect(claimed.nextAttemptAt).toBe(T('2026-12-01T10:02:00'));
    expect(isDue(claimed, T('2026-12-01T10:01:00'))).toBe(false);
    const failed = recordFailed(
      claimed,
      'aliyun',
      T('2026-12-01T10:00:00'),
      { code: 'isv.BUSINESS_LIMIT_CONTROL', retryable: true },
      retry,
    );
    expect(failed.status).toBe('failed');
    expect(failed.attempts).toEqual([
      {
        at: T('2026-12-01T10:00:00'),
        adapter: 'aliyun',
        outcome: 'failed',
        code: 'isv.BUSINESS_LIMIT_CONTROL',
      },
    ]);
    expect(failed.nextAttemptAt).toBe(T('2026-12-01T10:01:00'));
    const sent = recordSent(
      claimMessage(failed, T('2026-12-01T10:01:00'), 120_000),
      'aliyun',
      T('2026-12-01T10:01:00'),
      'biz-1',
    );
    expect(sent.status).toBe('sent');
    expect(sent.nextAttemptAt).toBeUndefined();
    expect(sent.sentAt).toBe(T('2026-12-01T10:01:00'));
    expect(sent.attempts.map((attempt) => attempt.outcome)).toEqual(['failed', 'sent']);
    expect(sent.version).toBe(queued.version + 4);
  });

  it('gives up after the last attempt, on a failure no retry can cure, and past its expiry', () => {
    let message = resultReady();
    for (let attempt = 1; attempt <= retry.maxAttempts; attempt += 1) {
      message = recordFailed(
        message,
        'aws',
        T('2026-12-01T10:00:00'),
        { code: 'ThrottlingException', retryable: true },
        retry,
      );
      expect(message.nextAttemptAt === undefined, `after attempt ${attempt}`).toBe(
        attempt === retry.maxAttempts,
      );
    }
    const invalid = recordFailed(
      resultReady(),
      'aws',
      T('2026-12-01T10:00:00'),
      { code: 'ValidationException', retryable: false },
      retry,
    );
    expect(invalid.status).toBe('failed');
    expect(invalid.nextAttemptAt).toBeUndefined();
    // "Your number is near" expires 15 minutes after it was queued: a retry after that is not scheduled.
    const near = queueMessage(
      {
        id: 'ticketNearlyCalled:ticket:2026-12-01#A005',
        event: 'ticketNearlyCalled',
        subject: { kind: 'ticket', id: '2026-12-01#A005' },
        phoneMasked: '138****5678',
        params: { ticketNo: 'A005', category: '民政业务', ahead: 3 },
        now: T('2026-12-01T10:00:00'),
      },
      settings,
    );
    expect(near.expiresAt).toBe(T('2026-12-01T10:15:00'));
    const late = recordFailed(
      near,
      'aws',
      T('2026-12-01T10:14:30'),
      { code: 'ThrottlingException', retryable: true },
      retry,
    );
    expect(late.nextAttemptAt).toBeUndefined();
    expect(isExpired(near, T('2026-12-01T10:15:01'))).toBe(true);
  });

  it('waits for its first attempt when queued for later, and a cancelled one is never due', () => {
    const reminder = queueMessage(
      {
        id: 'bookingReminder:appointment:K7M2',
        event: 'bookingReminder',
        subject: { kind: 'appointment', id: 'K7M2' },
        phoneMasked: '138****5678',
        params: { date: '2026-12-03', time: '09:30', business: '民政业务' },
        now: T('2026-12-01T10:00:00'),
        sendAt: T('2026-12-02T10:00:00'),
      },
      settings,
    );
    expect(isDue(reminder, T('2026-12-02T09:59:00'))).toBe(false);
    expect(isDue(reminder, T('2026-12-02T10:00:00'))).toBe(true);
    const cancelled = cancelMessage(reminder);
    expect(cancelled.status).toBe('cancelled');
    expect(isDue(cancelled, T('2026-12-02T10:00:00'))).toBe(false);
    const sent = recordSent(reminder, 'outbox', T('2026-12-02T10:00:00'));
    expect(cancelMessage(sent)).toBe(sent);
  });
});

describe('phones', () => {
  it('takes mainland mobiles in any usual spelling, nothing else; E.164 for AWS', () => {
    expect(mobileNumber('138 1234 5678')).toBe('13812345678');
    expect(mobileNumber('+86 138-1234-5678')).toBe('13812345678');
    expect(mobileNumber('010-12345678')).toBeUndefined();
    expect(mobileNumber('12345678901')).toBeUndefined();
    expect(e164('13812345678')).toBe('+8613812345678');
    expect(isMaskedMobile('138****5678')).toBe(true);
    expect(isMaskedMobile('010****5678')).toBe(false);
    expect(isMaskedMobile('13812345678')).toBe(false);
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { messageSettings } from '../../functions/config/messages.ts';
import { messageContent, queueMessage } from '../../functions/domain/messages/message.ts';
import { messagesSchedule, nextSweepAt, sweepSchedule } from '../../functions/jobs/schedule.ts';
import {
  loadMessage,
  messageContentContext,
  messagePhoneContext,
  putMessage,
} from '../../functions/store/messages/messages.ts';
import { localPersonalDataCipher, personalDataEnv } from '../../functions/store/personal-data/cipher.ts';
import { table } from '../../functions/store/table.ts';
import { startFunctionHost } from '../../infra/local/function-host.ts';
import { functionEnvironment } from '../../infra/local/runtime.ts';
import { closesMonth, startScheduler } from '../../infra/local/scheduler.ts';
import { readLocalSettings } from '../../infra/local/settings.ts';
import { localCredentials, localRegion, localTableName, startStore } from '../../infra/local/store.ts';
import { bookingConfirmedInput } from '../support/messages.ts';

describe('the sweep cadence', () => {
  it('fires on the schedule minute boundaries, never at the instant itself', () => {
    expect(nextSweepAt(new Date('2026-11-27T09:02:10+08:00'), 5).toISOString()).toBe(
      '2026-11-27T01:05:00.000Z',
    );
    expect(nextSweepAt(new Date('2026-11-27T09:05:00+08:00'), 5).toISOString()).toBe(
      '2026-11-27T01:10:00.000Z',
    );
    expect(sweepSchedule).toEqual({ everyMinutes: 5, timeZone: 'Asia/Shanghai' });
  });
});

describe('the local scheduler', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('invokes the real sweep function at each boundary with the scheduled instant, then the figures catch-up', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'yichuang-scheduler-'));
    const store = await startStore(dataDir);
    const environment = await functionEnvironment(store, {
      ...readLocalSettings({}),
      dataDir,
      logLevel: 'ERROR',
    });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(new Date('2026-11-27T09:02:00+08:00'));
    const host = startFunctionHost(environment);
    const lines: string[] = [];
    const scheduler = startScheduler(host, (line) => lines.push(line));
    try {
      await vi.advanceTimersByTimeAsync(2 * 60_000);
      expect(lines).toEqual([]);
      await vi.advanceTimersByTimeAsync(60_000);
      await vi.waitFor(() => expect(lines).toHaveLength(2), { timeout: 20_000, interval: 50 });
      expect(lines[0]).toContain('supervision sweep at 2026-11-27T01:05:00.000Z');
      expect(lines[0]).toContain('"at":"2026-11-27T01:05:00.000Z"');
      // The figures job's catch-up right after the sweep: it counts the cards the sweep issued.
      expect(lines[1]).toContain('figures catch-up at 2026-11-27T01:05:00.000Z');
      expect(lines[1]).toContain('"action":"catch-up"');
      await vi.advanceTimersByTimeAsync(5 * 60_000);
      await vi.waitFor(() => expect(lines).toHaveLength(4), { timeout: 20_000, interval: 50 });
      expect(lines[2]).toContain('supervision sweep at 2026-11-27T01:10:00.000Z');
      expect(lines[3]).toContain('figures catch-up at 2026-11-27T01:10:00.000Z');
    } finally {
      await scheduler.stop();
      await host.stop();
      await store.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('the local scheduler and the messages job', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends the due messages every minute, as the cloud schedule does', async () => {
    expect(messagesSchedule).toEqual({ everyMinutes: 1, timeZone: 'Asia/Shanghai' });
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'yichuang-scheduler-'));
    const store = await startStore(dataDir);
    const environment = await functionEnvironment(store, {
      ...readLocalSettings({}),
      dataDir,
      logLevel: 'ERROR',
    });
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_DYNAMODB: store.endpoint,
      AWS_REGION: localRegion,
      AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    });
    // A message queued as notify() queues one, its phone and its content in clear (the code is
    // masked on the message) sealed with the runtime's own key.
    const cipher = localPersonalDataCipher(
      Buffer.from(environment[personalDataEnv.localKey] as string, 'base64'),
    );
    const input = bookingConfirmedInput(new Date('2026-11-27T09:02:00+08:00'));
    const message = queueMessage(input, messageSettings());
    const tableName = localTableName(table);
    await putMessage(tableName, {
      message,
      phone: { sealed: await cipher.seal('13812345678', messagePhoneContext(message.id)) },
      contentSealed: await cipher.seal(
        JSON.stringify(messageContent(input, messageSettings())),
        messageContentContext(message.id),
      ),
    });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(new Date('2026-11-27T09:02:30+08:00'));
    const host = startFunctionHost(environment);
    const lines: string[] = [];
    const scheduler = startScheduler(host, (line) => lines.push(line));
    try {
      await vi.advanceTimersByTimeAsync(30_000);
      await vi.waitFor(() => expect(lines.filter((line) => line.startsWith('messages'))).toHaveLength(1), {
        timeout: 20_000,
        interval: 50,
      });
      expect(lines[0]).toContain('messages at 2026-11-27T01:03:00.000Z');
      expect(lines[0]).toContain('"sent":1');
      expect((await loadMessage(tableName, message.id))?.message.status).toBe('sent');
    } finally {
      await scheduler.stop();
      await host.stop();
      await store.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('the month close', () => {
  it('falls on the tick of 02:00 Beijing time on the 1st, as the cloud schedule fires it', () => {
    expect(closesMonth(new Date('2026-12-01T02:00:00+08:00'))).toBe(true);
    expect(closesMonth(new Date('2026-12-01T02:05:00+08:00'))).toBe(false);
    expect(closesMonth(new Date('2026-12-02T02:00:00+08:00'))).toBe(false);
    expect(closesMonth(new Date('2026-11-30T18:00:00Z'))).toBe(true);
  });
});
